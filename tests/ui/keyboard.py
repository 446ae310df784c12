"""Typing into whatever has the focus, as a counsellor does, counting the keys outside free text.

Used by the UI tests and by ``bench/intake.py``."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


class Keyboard:
    def __init__(self, *, process_events: bool = False) -> None:
        self.keystrokes = 0  # keys spent outside free text (search letters, Tab, Enter, shortcuts)
        self.free_text = 0
        # A script without qtbot's waits lets pending events run before each key instead.
        self.process_events = process_events

    def focus(self) -> QWidget:
        if self.process_events:
            QApplication.processEvents()
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def press(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.keystrokes += 1
        QTest.keyClick(self.focus(), key, modifier)

    def search(self, letters: str) -> None:
        """Letters typed to find something (they count as keystrokes)."""
        self.keystrokes += len(letters)
        QTest.keyClicks(self.focus(), letters)

    def write(self, text: str) -> None:
        """Free text: a name, a phone number, a description."""
        self.free_text += len(text)
        type_text(self.focus(), text)


def type_text(widget: QWidget, text: str) -> None:
    """QTest.keyClicks for ASCII; other characters (é, €) as key events carrying their text."""
    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
