from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QMessageBox

from guichet.config import AppPaths
from guichet.db import Database
from tests.ui.answers import answers  # noqa: F401  (a fixture: message boxes answered)

from guichet.ui.context import AppContext


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> object:
    """No background task outlives its test: a page's search or load still running on the
    database while the next test starts, or while its widgets and database are torn down,
    crashed the interpreter now and then."""
    QThreadPool.globalInstance().waitForDone(10_000)
    from guichet.ui import off_thread_io

    for pool in off_thread_io._pools:  # its own workers (server round trips)
        pool.waitForDone(10_000)
    gc.collect()  # the test's cycles freed here, on the GUI thread (see the fixture below)
    return (yield)


@pytest.fixture(scope="session", autouse=True)
def collect_on_the_gui_thread() -> Iterator[None]:
    """As in the app (guichet/ui/main_thread_gc.py): no automatic collection, which a worker
    thread could start and free widgets there; each test's teardown collects instead."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def no_system_printers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The interface never reaches the machine's CUPS printers in tests: the Qt print path
    (patched dialogs, PDF files) is used, unless a test puts fake ``lp``/``lpstat`` in place
    and restores the detection (see tests/ui/test_letters_dialog.py)."""
    from guichet.ui import printing

    monkeypatch.setattr(printing, "cups_printers", lambda: None)


@pytest.fixture
def qsettings(tmp_path: Path) -> Iterator[QSettings]:
    settings = QSettings(str(tmp_path / "guichet.ini"), QSettings.Format.IniFormat)
    yield settings
    settings.sync()


@pytest.fixture(autouse=True)
def file_dialog_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folders file dialogs remember go to a throw-away file, not the user's settings."""
    ini = tmp_path / "file-dialogs.ini"
    monkeypatch.setattr(
        "guichet.ui.file_dialogs.settings",
        lambda: QSettings(str(ini), QSettings.Format.IniFormat),
    )
    return ini


@pytest.fixture
def ctx(db: Database, paths: AppPaths) -> AppContext:
    return AppContext(db=db, paths=paths)


@pytest.fixture
def demo_ctx(demo_db: Database, paths: AppPaths) -> AppContext:
    return AppContext(db=demo_db, paths=paths)


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes do not block: their texts are collected here instead."""
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown
