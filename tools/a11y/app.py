"""``make a11y``, the application side: the window on a fresh demo database with « Nouvelle
demande » open, as a screen reader finds it (run by the venv's Python; quits after a minute)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer

from guichet.config import AppPaths
from guichet.services.bootstrap import open_database
from guichet.services.demo import generate_demo

from guichet.ui.application import make_application
from guichet.ui.context import AppContext
from guichet.ui.dialogs.intake_dialog import IntakeDialog
from guichet.ui.main_window import MainWindow


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="guichet-a11y-"))
    paths = AppPaths(data_dir=work / "data", log_dir=work / "logs")
    paths.ensure()
    db = open_database(f"sqlite:///{work / 'demo.sqlite3'}", create=True)
    generate_demo(db)
    app = make_application()
    settings = QSettings(str(work / "guichet.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, ctx=AppContext(db=db, paths=paths))
    window.show()
    dialog = IntakeDialog(AppContext(db=db, paths=paths), window)
    dialog.confirm_abandon = False
    dialog.show()
    QTimer.singleShot(60_000, app.quit)
    status = app.exec()
    db.dispose()
    return status


if __name__ == "__main__":
    sys.exit(main())
