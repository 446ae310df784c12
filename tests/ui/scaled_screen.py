"""Run by tests/ui/test_appearance.py in a Qt of its own, started at 150 % on a 1366×768
offscreen screen: opens the main window and dialogs as Guichet does, prints their geometry.

``python -m tests.ui.scaled_screen DATABASE_URL FOLDER`` (QT_SCALE_FACTOR and the offscreen
platform's screen set by the caller).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from guichet.config import AppPaths
from guichet.services.bootstrap import open_database

from guichet.ui.application import make_application
from guichet.ui.context import AppContext
from guichet.ui.main_window import MainWindow
from guichet.ui.screen_fit import install_screen_fit, screen_of


def _rect(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def _global(widget: QWidget) -> list[int]:
    return _rect(QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size()))


def main(url: str, folder: str) -> None:
    app = make_application()
    install_screen_fit(app)
    paths = AppPaths(data_dir=Path(folder) / "data", log_dir=Path(folder) / "logs")
    paths.ensure()
    ctx = AppContext(db=open_database(url), paths=paths)
    settings = QSettings(str(Path(folder) / "guichet.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, ctx=ctx)
    window.show()
    QApplication.processEvents()
    screen = screen_of(window)
    assert screen is not None
    report: dict[str, object] = {
        "ratio": screen.devicePixelRatio(),
        "available": _rect(screen.availableGeometry()),
        "mainWindow": _global(window),
    }
    from guichet.ui.dialogs.intake_dialog import IntakeDialog
    from guichet.ui.dialogs.settings import SettingsDialog
    from guichet.ui.dialogs.shortcuts import ShortcutsDialog

    dialogs: list[QDialog] = [
        IntakeDialog(ctx, window),
        SettingsDialog(ctx, window),
        ShortcutsDialog(window, window),
    ]
    for dialog in dialogs:
        dialog.show()
        QApplication.processEvents()
        report[dialog.objectName() or type(dialog).__name__] = _global(dialog)
        if isinstance(dialog, IntakeDialog):
            dialog.confirm_abandon = False
            report["intakeSave"] = _global(dialog.save_button)
        dialog.close()
    window.close()
    ctx.db.dispose()
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
