"""Background tasks outliving the window that started them."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThreadPool
from shiboken6 import Shiboken

from guichet.ui.tasks import run_task


def test_a_task_whose_owner_was_closed_ends_quietly(qtbot) -> None:
    owner = QObject()
    release = threading.Event()
    results: list[object] = []
    run_task(lambda _control: release.wait(5), on_success=results.append, parent=owner)
    Shiboken.delete(owner)  # the dialog is closed while its search still runs
    release.set()
    assert QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(10)
    assert results == []
