"""Starts Qt: the application object, French translations of Qt's own texts, the window."""

from __future__ import annotations

import logging
import os
import sys
import time

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from guichet import __version__
from guichet.config import LOG_FILE, AppPaths
from guichet.db import Database

from guichet.ui.context import AppContext
from guichet.ui.feedback import install_excepthook
from guichet.ui.main_window import MainWindow

log = logging.getLogger(__name__)

STARTUP_PROBE = "GUICHET_STARTUP_PROBE"


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("Guichet")
    app.setOrganizationName("Guichet")
    app.setApplicationVersion(__version__)
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    translator = QTranslator(app)
    if translator.load(
        QLocale(), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(translator)
    return app


def run(db: Database, paths: AppPaths) -> int:
    app = make_application()
    install_excepthook(str(paths.log_dir / LOG_FILE))
    window = MainWindow(AppContext(db=db, paths=paths), QSettings())
    window.show()
    if os.environ.get(STARTUP_PROBE):
        QTimer.singleShot(0, lambda: _report_startup(app))
    return app.exec()


def _report_startup(app: QApplication) -> None:
    """For bench/startup.py: print when the window has been shown and painted, then quit."""
    app.processEvents()
    print(f"shown_at={time.time():.6f}", flush=True)
    app.quit()
