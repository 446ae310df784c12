"""What a screen reader is told as things change: the suggestion highlighted, a field's error."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtTest import QTest

from guichet.ui.widgets.type_ahead import Suggestion, TypeAheadEdit


def test_each_highlighted_suggestion_is_announced(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []

    def update(event: QAccessibleEvent) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            said.append(event.message())

    monkeypatch.setattr(QAccessible, "updateAccessibility", update)
    edit = TypeAheadEdit("subject")
    qtbot.addWidget(edit)
    edit.show()
    edit.line.setFocus()
    edit.show_suggestions([Suggestion("Prêt d'honneur", 1), Suggestion("Garantie", 2)])
    QTest.keyClick(edit.line, Qt.Key.Key_Down)
    QTest.keyClick(edit.line, Qt.Key.Key_Down)
    assert said == ["Prêt d'honneur, 1 sur 2", "Garantie, 2 sur 2", "Prêt d'honneur, 1 sur 2"]
    assert edit.list.accessibleName() == "Suggestions"


def test_an_error_message_is_its_field_description_while_it_shows(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

    from guichet.errors import ValidationError

    from guichet.ui.dialogs.form_errors import FormErrors

    form_widget = QWidget()
    qtbot.addWidget(form_widget)
    form = QFormLayout(form_widget)
    errors = FormErrors()
    edit = QLineEdit()
    edit.setAccessibleDescription("14 chiffres")
    errors.add_row(form, "SIRET *", edit, "siret")
    assert edit.accessibleName() == "SIRET (obligatoire)"
    item = form.itemAt(0, QFormLayout.ItemRole.LabelRole)
    label = item.widget() if item is not None else None
    assert isinstance(label, QLabel) and label.buddy() is edit
    errors.show(ValidationError("Le SIRET doit compter 14 chiffres.", field="siret"))
    assert edit.accessibleDescription() == "Le SIRET doit compter 14 chiffres."
    errors.clear()
    assert edit.accessibleDescription() == "14 chiffres"
