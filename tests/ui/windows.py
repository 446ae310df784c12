"""The main window as the UI tests open it."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from guichet.ui.context import AppContext
from guichet.ui.main_window import MainWindow


def shown_window(qtbot, ctx: AppContext, settings: QSettings) -> MainWindow:
    """The main window on screen, closed by qtbot after the test."""
    window = MainWindow(settings, ctx=ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def active_window(qtbot, ctx: AppContext, settings: QSettings) -> MainWindow:
    """The main window on screen and active, so that keys typed reach it."""
    window = shown_window(qtbot, ctx, settings)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window
