"""Paramètres › Rapport d'activité: each section's text is edited, checked as it is typed (an
unknown field is named) and saved as a setting; a field is inserted from the list."""

from __future__ import annotations

from typing import Any

import pytest

from PySide6.QtGui import QTextCursor

from guichet.services.report_texts import SECTIONS_BY_KEY
from guichet.services.settings import SettingsService

from guichet.ui.context import AppContext
from guichet.ui.dialogs.settings import SettingsDialog


def test_section_texts_are_checked_and_saved(
    qtbot: Any, ctx: AppContext, message_boxes: list[str]
) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    tab = dialog.report_tab
    assert dialog.tabs.tabText(dialog.tabs.indexOf(tab)) == "Rapport d'activité"
    assert tab.text_edit.toPlainText() == SECTIONS_BY_KEY["synthese"].default
    assert "valide" in tab.check_label.text()
    tab.text_edit.setPlainText("{demandes.totale}")
    assert "champ inconnu" in tab.check_label.text()
    assert "{demandes.total}" in tab.check_label.text()  # the suggestion
    tab.text_edit.setPlainText("Bilan : ")
    tab.text_edit.moveCursor(QTextCursor.MoveOperation.End)  # a field goes where the cursor is
    row = next(
        i for i in range(tab.fields.count()) if tab.fields.item(i).text().startswith("{periode}")
    )
    tab.on_fields_item_activated(tab.fields.item(row))
    assert tab.text_edit.toPlainText() == "Bilan : {periode}"
    tab.section_box.setCurrentIndex(tab.section_box.findData("reseau"))
    assert tab.text_edit.toPlainText() == SECTIONS_BY_KEY["reseau"].default
    tab.text_edit.setPlainText("Le réseau : {reseau.adherents}.")
    assert dialog.has_unsaved_changes()
    dialog.on_buttons_accepted()
    assert message_boxes == []
    saved = SettingsService(ctx.db).all()
    assert saved["report.text.synthese"] == "Bilan : {periode}"
    assert saved["report.text.reseau"] == "Le réseau : {reseau.adherents}."


def test_a_wrong_text_is_not_saved(
    qtbot: Any, ctx: AppContext, message_boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.report_tab.text_edit.setPlainText("{% si periode %} sans fin")
    dialog.on_buttons_accepted()
    assert message_boxes and "fin" in message_boxes[0]
    assert (
        SettingsService(ctx.db).all()["report.text.synthese"] == SECTIONS_BY_KEY["synthese"].default
    )
    dialog.report_tab.on_reset_clicked()
    assert "valide" in dialog.report_tab.check_label.text()
