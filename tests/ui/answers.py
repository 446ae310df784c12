"""Message boxes answered by the test instead of a person."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from PySide6.QtWidgets import QMessageBox

B = QMessageBox.StandardButton


class Answers:
    """Every box shown is recorded (object name, text) and gets :attr:`answer`."""

    def __init__(self) -> None:
        self.answer = B.Discard
        self.asked: list[tuple[str, str]] = []

    def names(self) -> list[str]:
        return [name for name, _text in self.asked]


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Iterator[Answers]:
    result = Answers()

    def fake_exec(box: QMessageBox) -> int:
        result.asked.append((box.objectName(), box.text()))
        return int(result.answer)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    yield result
    result.answer = B.Discard  # the windows closed after the test drop what is left
