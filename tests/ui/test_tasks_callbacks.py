"""ui/tasks.py: the work runs off the GUI thread; progress, result, cancel and errors come back
on the GUI thread, each to its own callback and to no other."""

from __future__ import annotations

import gc
import logging
import sys
import threading
import time

import pytest

from PySide6.QtCore import QThreadPool

from guichet.errors import ValidationError

from guichet.ui.feedback import install_excepthook, show_task_error
from guichet.ui.tasks import TaskControl, run_task

STEPS = 5000  # a cancelled task that did not stop would run for seconds


class Calls:
    """What reached each callback, in order, and on which thread."""

    def __init__(self) -> None:
        self.events: list[tuple[str, object]] = []
        self.threads: set[bool] = set()  # True: the GUI thread

    def record(self, kind: str, value: object = None) -> None:
        self.threads.add(threading.current_thread() is threading.main_thread())
        self.events.append((kind, value))

    def kinds(self) -> list[str]:
        return [kind for kind, _value in self.events]

    def callbacks(self) -> dict[str, object]:
        return {
            "on_success": lambda result: self.record("success", result),
            "on_error": lambda exc: self.record("error", exc),
            "on_progress": lambda done, total: self.record("progress", (done, total)),
            "on_cancel": lambda: self.record("cancel"),
        }


def _finish() -> None:
    assert QThreadPool.globalInstance().waitForDone(10_000)


def test_progress_then_result_reach_the_gui_thread_in_order(qtbot) -> None:
    calls = Calls()
    worker_threads: list[bool] = []

    def work(control: TaskControl) -> str:
        worker_threads.append(threading.current_thread() is threading.main_thread())
        for done in range(1, 4):
            control.check()
            control.progress(done, 3)
        return "importé"

    run_task(work, **calls.callbacks())  # type: ignore[arg-type]  # nobody keeps the handle
    gc.collect()
    qtbot.waitUntil(lambda: "success" in calls.kinds())
    _finish()
    assert worker_threads == [False]  # the work ran off the GUI thread
    assert calls.events == [
        ("progress", (1, 3)),
        ("progress", (2, 3)),
        ("progress", (3, 3)),
        ("success", "importé"),
    ]
    assert calls.threads == {True}


def test_cancel_stops_the_work_and_calls_no_success(qtbot) -> None:
    calls = Calls()
    started = threading.Event()
    steps: list[int] = []

    def work(control: TaskControl) -> str:
        started.set()
        for step in range(STEPS):
            control.check()  # raises Cancelled once « Annuler » was pressed
            steps.append(step)
            time.sleep(0.001)
        return "fini"

    task = run_task(work, **calls.callbacks())  # type: ignore[arg-type]
    assert started.wait(10)
    task.cancel()
    assert task.control.cancelled
    qtbot.waitUntil(lambda: "cancel" in calls.kinds())
    _finish()
    assert calls.kinds() == ["cancel"]
    assert len(steps) < STEPS
    assert calls.threads == {True}


def test_work_that_ends_after_a_cancel_is_still_cancelled(qtbot) -> None:
    calls = Calls()
    release = threading.Event()

    def work(_control: TaskControl) -> str:
        release.wait(10)  # never checks: it finishes anyway
        return "fini"

    task = run_task(work, **calls.callbacks())  # type: ignore[arg-type]
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: bool(calls.events))
    _finish()
    assert calls.kinds() == ["cancel"]


def test_a_french_error_arrives_as_is_on_the_gui_thread(
    qtbot, caplog: pytest.LogCaptureFixture
) -> None:
    calls = Calls()
    refused = ValidationError("Le fichier ne contient aucune ligne.")

    def work(_control: TaskControl) -> str:
        raise refused

    with caplog.at_level(logging.ERROR, logger="guichet.ui.tasks"):
        run_task(work, **calls.callbacks())  # type: ignore[arg-type]
        qtbot.waitUntil(lambda: bool(calls.events))
        _finish()
    assert calls.events == [("error", refused)]
    assert calls.threads == {True}
    assert caplog.records == []  # a refusal is not a bug: nothing logged as an error


def test_an_unexpected_error_is_logged_with_its_traceback_and_passed_on(
    qtbot, caplog: pytest.LogCaptureFixture
) -> None:
    calls = Calls()

    def work(_control: TaskControl) -> str:
        raise KeyError("colonne")

    with caplog.at_level(logging.ERROR, logger="guichet.ui.tasks"):
        run_task(work, **calls.callbacks())  # type: ignore[arg-type]
        qtbot.waitUntil(lambda: bool(calls.events))
        _finish()
    [(kind, exc)] = calls.events
    assert kind == "error" and isinstance(exc, KeyError)
    assert calls.threads == {True}
    [record] = caplog.records
    assert record.exc_info is not None and record.exc_info[1] is exc
    assert "KeyError" in caplog.text and "in work" in caplog.text


def test_a_french_error_of_a_task_is_shown_to_the_counsellor(
    qtbot, message_boxes: list[str]
) -> None:
    def work(_control: TaskControl) -> str:
        raise ValidationError("Le fichier ne contient aucune ligne.")

    run_task(work, on_error=lambda exc: show_task_error(None, exc))
    qtbot.waitUntil(lambda: bool(message_boxes))
    _finish()
    assert message_boxes == ["Le fichier ne contient aucune ligne."]


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_of_a_task_is_shown_as_unexpected(
    qtbot, message_boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook("/tmp/journal/guichet.log")

    def work(_control: TaskControl) -> str:
        raise KeyError("colonne")

    run_task(work, on_error=lambda exc: show_task_error(None, exc))
    qtbot.waitUntil(lambda: bool(message_boxes))
    _finish()
    assert len(message_boxes) == 1
    assert (
        "erreur inattendue" in message_boxes[0] and "vos données sont intactes" in message_boxes[0]
    )
