"""Windows that fit the screen they open on (1280×800 and 1366×768 laptops included)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

#: Room left for the window's title bar and frame, which ``availableGeometry`` does not count.
FRAME_ALLOWANCE = QSize(16, 48)


def fit_to_screen(window: QWidget, preferred: QSize) -> None:
    """Resize ``window`` to ``preferred``, or to the available screen when it is smaller (never
    below the window's own minimum size)."""
    screen = window.screen() or QApplication.primaryScreen()
    size = QSize(preferred)
    if screen is not None:
        room = screen.availableGeometry().size() - FRAME_ALLOWANCE
        size = size.boundedTo(room)
    window.resize(size.expandedTo(window.minimumSizeHint()))


def shrinkable(combo: QComboBox, characters: int) -> None:
    """A combo box that may be narrower than its longest item (elided), ``characters`` wide at
    least: a long counsellor name does not widen the whole form."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
