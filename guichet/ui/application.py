"""Starts Qt: the application object, French translations of Qt's own texts, the window.

The window is painted before the database opens: the opening (imports, migrations) runs on the
thread pool and the pages appear as soon as it is done.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from guichet import __version__
from guichet.assets import find_resource
from guichet.config import LOG_FILE, AppPaths
from guichet.services.scratch import remove_scratch_folders

from guichet.ui.appearance import restore_appearance
from guichet.ui.feedback import install_excepthook
from guichet.ui.main_thread_gc import (
    MainThreadCollector,
    collect_on_gui_thread,
    settle_after_start_up,
)
from guichet.ui.main_window import MainWindow
from guichet.ui.screen_fit import install_screen_fit
from guichet.ui.theme import follow_system_color_scheme

if TYPE_CHECKING:
    from guichet.db import Database

log = logging.getLogger(__name__)

STARTUP_PROBE = "GUICHET_STARTUP_PROBE"


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    if app.findChild(MainThreadCollector) is None:
        collect_on_gui_thread(app)  # never a collection (and a widget freed) on a worker thread
    app.setApplicationName("Guichet")
    app.setOrganizationName("Guichet")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("guichet")  # packaging/guichet.desktop: Wayland matches its icon
    icon = find_resource("icons", "guichet.svg")
    if icon is not None:
        app.setWindowIcon(QIcon(str(icon)))
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(), "qtbase", "_", folder):
        app.installTranslator(translator)
    follow_system_color_scheme(app)
    return app


def run(location: str, paths: AppPaths, open_database: Callable[[], Database]) -> int:
    app = make_application()
    install_excepthook(str(paths.log_dir / LOG_FILE))
    settings = QSettings()
    restore_appearance(app, settings)  # the person's text size and theme
    install_screen_fit(app)  # every window within the screen as it is shown
    window = MainWindow(settings, paths=paths, location=location)
    window.propose_at_start = True
    window.show()
    probe = bool(os.environ.get(STARTUP_PROBE))
    if probe:
        QTimer.singleShot(0, lambda: _report_shown(app))
        window.database_attached.connect(lambda: _report_ready(app))
    # The database could not be opened: the dialog has said why; leave with a non-zero code.
    window.database_failed.connect(lambda: app.exit(2))
    # start-up's objects frozen once the pages are up: full collections stay short
    window.database_attached.connect(
        lambda: QTimer.singleShot(0, lambda: settle_after_start_up(app))
    )
    QTimer.singleShot(0, lambda: _unlock_then_open(window, location, open_database))
    status = app.exec()
    if window.ctx is not None:
        window.ctx.db.dispose()
    remove_scratch_folders()  # attachments opened in a viewer (atexit would, later)
    return status


def _unlock_then_open(
    window: MainWindow, location: str, open_database: Callable[[], Database]
) -> None:
    """An encrypted file's passphrase first (cancelled: leave with a non-zero code)."""
    from guichet.config import sqlite_path

    from guichet.ui.dialogs.passphrase_dialog import unlock_at_start

    if unlock_at_start(sqlite_path(location), window):
        window.open_database(open_database)
    else:
        window.database_failed.emit()


def _report(name: str) -> None:
    """For bench/startup.py: when the window was painted, and when its data was there."""
    print(f"{name}={time.time():.6f}", flush=True)


def _report_shown(app: QApplication) -> None:
    app.processEvents()
    _report("shown_at")


def _report_ready(app: QApplication) -> None:
    app.processEvents()
    _report("ready_at")
    app.quit()
