"""Fitting a window to its screen leaves the application's screen alone: a window's Python
wrapper collected after it closed once took the screen with it (PySide makes what
``QWidget.screen()`` returns a child of the widget), and the next window made crashed."""

from __future__ import annotations

import gc

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMainWindow

from guichet.ui.screen_fit import available_area, fit_to_screen, keep_on_screen, screen_of


def test_a_collected_window_leaves_the_screen_alone(qtbot) -> None:
    screen = QGuiApplication.primaryScreen()
    window = QMainWindow()
    window.cycle = window  # type: ignore[attr-defined]  # freed by the collector, as windows are
    window.show()
    qtbot.waitExposed(window)
    fit_to_screen(window, (800, 600))
    keep_on_screen(window)
    assert screen_of(window) == screen
    assert available_area(window).width() > 0
    window.close()
    del window
    gc.collect()
    # the wrapper of the screen is still usable (« already deleted » when it had become the
    # window's child), and the screen is still the application's
    assert screen.availableGeometry().isValid()
    assert QGuiApplication.screens() == [screen]
    dialog = QDialog()
    qtbot.addWidget(dialog)
    assert screen_of(dialog) == screen
