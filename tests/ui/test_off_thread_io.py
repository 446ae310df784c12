"""A round trip asked from the GUI thread runs on a worker; the window keeps turning meanwhile,
and the answer or the error comes back to the caller."""

from __future__ import annotations

import threading

import pytest

from PySide6.QtCore import QTimer

from guichet.ui.off_thread_io import call_off_gui, io_busy


def test_the_work_runs_on_a_worker_and_timers_fire_while_waiting(qtbot) -> None:
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    finished = threading.Event()
    seen: list[bool] = []

    def slow() -> str:
        seen.append(threading.current_thread() is threading.main_thread())
        finished.wait(0.3)  # a slow server: the GUI thread is not the one waiting here
        return "réponse"

    assert call_off_gui(slow) == "réponse"
    timer.stop()
    assert seen == [False]
    assert ticks  # the GUI thread's timer kept firing during the round trip
    assert not io_busy()


def test_the_error_comes_back_to_the_caller(qtbot) -> None:
    def broken() -> None:
        raise ValueError("serveur absent")

    with pytest.raises(ValueError, match="serveur absent"):
        call_off_gui(broken)
    assert not io_busy()


def test_off_the_gui_thread_it_runs_in_place() -> None:
    threads: list[threading.Thread] = []
    worker = threading.Thread(
        target=lambda: call_off_gui(lambda: threads.append(threading.current_thread()))
    )
    worker.start()
    worker.join()
    assert threads == [worker]
