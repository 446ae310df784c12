"""``make screenshots`` keeps dialogs inside the screen and names those that cannot fit."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QDialog

from tools.screenshots.__main__ import SIZES, fit_to_screen


def test_a_dialog_is_kept_inside_the_screen(qtbot) -> None:
    screen = QRect(0, 0, 1280, 800)
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.resize(1400, 900)
    assert fit_to_screen(dialog, screen) == []
    assert dialog.width() <= 1280 and dialog.height() <= 800


def test_a_dialog_that_cannot_fit_is_named(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.setMinimumSize(1300, 200)
    problems = fit_to_screen(dialog, QRect(0, 0, 1280, 800))
    assert problems and "1300x200" in problems[0]


def test_both_desk_screen_sizes_are_captured() -> None:
    assert set(SIZES) == {"1280x800", "1366x768"}
