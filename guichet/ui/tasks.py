"""Background work that never freezes the window.

:func:`run_task` runs a function on the thread pool and calls back on the GUI thread. The
function receives a :class:`TaskControl` to report progress and notice a cancel request. A worker
opens its own sessions (through the services) and returns plain data, never ORM objects.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from guichet.errors import GuichetError

log = logging.getLogger(__name__)
_UNOWNED: set[_Signals] = set()  # signals of tasks started without a parent, until they end


class Cancelled(Exception):
    """Raised inside a task when the counsellor pressed « Annuler »."""


class TaskControl:
    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def progress(self, done: int, total: int) -> None:
        self._signals.progressed.emit(done, total)


class _Signals(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[TaskControl], Any], signals: _Signals, control: TaskControl):
        super().__init__()
        self._fn, self._signals, self._control = fn, signals, control

    def run(self) -> None:
        try:
            result = self._fn(self._control)
        except Cancelled:
            self._emit("cancelled")
        except GuichetError as exc:
            self._emit("failed", exc)
        except Exception as exc:  # reported on the GUI thread, logged with its traceback
            log.exception("Tâche en arrière-plan en échec")
            self._emit("failed", exc)
        else:
            if self._control.cancelled:
                self._emit("cancelled")
            else:
                self._emit("succeeded", result)

    def _emit(self, name: str, *args: Any) -> None:
        try:
            getattr(self._signals, name).emit(*args)
        except RuntimeError:  # its owner (a closed dialog, a page) is gone: nobody to tell
            log.debug("Tâche terminée après la fermeture de sa fenêtre (%s)", name)


class Task:
    """A handle on running work: connect to its signals, or cancel it."""

    def __init__(self, signals: _Signals, control: TaskControl) -> None:
        self.signals = signals
        self.control = control

    def cancel(self) -> None:
        self.control.cancel()


def run_task(
    fn: Callable[[TaskControl], Any],
    *,
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
    parent: QObject | None = None,
    pool: QThreadPool | None = None,
) -> Task:
    signals = _Signals(parent)
    control = TaskControl(signals)
    if on_success is not None:
        signals.succeeded.connect(on_success)
    if on_error is not None:
        signals.failed.connect(on_error)
    if on_progress is not None:
        signals.progressed.connect(on_progress)
    if on_cancel is not None:
        signals.cancelled.connect(on_cancel)
    if parent is None:  # nothing else keeps them alive while the work runs
        _UNOWNED.add(signals)
        for ended in (signals.succeeded, signals.failed, signals.cancelled):
            ended.connect(lambda *_args: _UNOWNED.discard(signals))
    (pool or QThreadPool.globalInstance()).start(_Runnable(fn, signals, control))
    return Task(signals, control)
