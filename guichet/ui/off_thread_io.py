"""No network round trip on the GUI thread: a server database's statements run on a worker.

On a server database (PostgreSQL), every statement, connection, ping, commit and rollback that
code running on the GUI thread asks for is handed to a worker of a small pool of its own (through
:func:`guichet.ui.tasks.run_task`); meanwhile the GUI thread keeps turning in a local event loop
that paints and runs timers but holds back the counsellor's clicks and keys until the answer (the
form stays on screen, busy: a wait cursor after 200 ms). The answer, or the error, comes back to
the code that asked, as if it had run there: services, their one unit of work per action, their
French messages and the forms' "nothing typed is lost" stay as they are. Work already on a
worker thread (background loads, searches) runs as before.

SQLite is left alone: a local file has no round trip to wait for. :func:`io_busy` tells whether
the GUI thread is waiting for an answer (live updates wait for it to end before reloading).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QThread, QThreadPool, QTimer
from PySide6.QtGui import QGuiApplication

from guichet.ui.tasks import TaskControl, run_task

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from guichet.db import Database

T = TypeVar("T")
WAIT_CURSOR_MS = 200
_pools: list[QThreadPool] = []  # its own workers: never queued behind a long background load
_depth = 0
#: Engines whose round trips already go to a worker (or that must not: the bench's baseline).
INSTALLED: weakref.WeakSet[Engine] = weakref.WeakSet()


def io_busy() -> bool:
    """True while the GUI thread waits for a statement's answer."""
    return _depth > 0


def on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() == app.thread()


def call_off_gui(fn: Callable[[], T]) -> T:
    """``fn()`` on a worker when called from the GUI thread (which keeps painting meanwhile),
    else right here; its result is returned and its exception raised, here."""
    if not on_gui_thread():
        return fn()
    global _depth
    outcome: list[tuple[bool, Any]] = []
    loop = QEventLoop()

    def work(_control: TaskControl) -> tuple[bool, Any]:
        try:
            return True, fn()
        except BaseException as exc:  # raised again on the GUI thread, in the caller
            return False, exc

    def done(result: tuple[bool, Any]) -> None:
        outcome.append(result)
        loop.quit()

    cursor = QTimer()
    cursor.setSingleShot(True)
    waiting: list[bool] = []
    cursor.timeout.connect(lambda: _wait_cursor(waiting))
    _depth += 1
    try:
        run_task(work, on_success=done, on_error=lambda exc: done((False, exc)), pool=_pool())
        if not outcome:
            cursor.start(WAIT_CURSOR_MS)
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    finally:
        _depth -= 1
        cursor.stop()
        if waiting:
            QGuiApplication.restoreOverrideCursor()
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


def _pool() -> QThreadPool:
    if not _pools:
        pool = QThreadPool()
        pool.setMaxThreadCount(4)
        _pools.append(pool)
    return _pools[0]


def _wait_cursor(waiting: list[bool]) -> None:
    waiting.append(True)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)


def install(db: Database) -> None:
    """Round trips of ``db``'s engine asked from the GUI thread go to a worker (server
    databases only; once per engine)."""
    engine = db.engine
    if engine.dialect.name == "sqlite" or engine in INSTALLED:
        return
    INSTALLED.add(engine)
    from sqlalchemy import event

    def execute(cursor: Any, statement: str, parameters: Any, _context: Any) -> bool | None:
        if not on_gui_thread():
            return None  # the dialect's own execution
        call_off_gui(lambda: cursor.execute(statement, parameters))
        return True

    def execute_no_params(cursor: Any, statement: str, _context: Any) -> bool | None:
        if not on_gui_thread():
            return None
        call_off_gui(lambda: cursor.execute(statement))
        return True

    def executemany(cursor: Any, statement: str, parameters: Any, _context: Any) -> bool | None:
        if not on_gui_thread():
            return None
        call_off_gui(lambda: cursor.executemany(statement, parameters))
        return True

    def connect(dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
        return call_off_gui(lambda: dialect.connect(*cargs, **cparams))

    event.listen(engine, "do_execute", execute)
    event.listen(engine, "do_execute_no_params", execute_no_params)
    event.listen(engine, "do_executemany", executemany)
    event.listen(engine, "do_connect", connect)
    dialect = engine.dialect
    for name in ("do_commit", "do_rollback", "do_ping"):  # round trips without an event
        original = getattr(dialect, name)
        setattr(dialect, name, _offloaded(original))


def _offloaded(method: Callable[[Any], T]) -> Callable[[Any], T]:
    def call(dbapi_connection: Any) -> T:
        return call_off_gui(lambda: method(dbapi_connection))

    return call
