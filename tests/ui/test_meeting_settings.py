"""Paramètres › Réunions: the badge label sheet is a setting, checked as it is typed."""

from __future__ import annotations

import pytest

from guichet.services.meeting_documents import label_layout
from guichet.services.settings import SettingsService

from guichet.ui.context import AppContext
from guichet.ui.dialogs.settings import SettingsDialog


def test_the_badge_layout_is_edited_checked_and_saved(
    qtbot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    tab = dialog.meetings_tab
    assert dialog.tabs.indexOf(tab) >= 0
    assert tab.boxes["badges.columns"].value() == 2 and tab.boxes["badges.rows"].value() == 5
    assert "tient sur une feuille A4" in tab.check_label.text()
    tab.boxes["badges.columns"].setValue(3)  # 3 × 85 mm: wider than the sheet
    assert "ne tiennent pas" in tab.check_label.text()
    for key, value in (
        ("badges.width_mm", 70.0),
        ("badges.height_mm", 37.0),
        ("badges.rows", 8),
        ("badges.left_mm", 0.0),
        ("badges.top_mm", 0.5),
    ):
        tab.boxes[key].setValue(value)  # type: ignore[arg-type]  # int boxes get ints
    assert "tient sur une feuille A4" in tab.check_label.text()
    tab.blank_lines.setValue(12)
    dialog.on_buttons_accepted()
    values = SettingsService(ctx.db).all()
    layout = label_layout(values)
    assert (layout.columns, layout.rows, layout.width_mm, layout.height_mm) == (3, 8, 70.0, 37.0)
    assert values["sign_in.blank_lines"] == 12


def test_the_invitation_template_lists_and_checks_the_meeting_fields(
    qtbot, ctx: AppContext
) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    tab = dialog.templates_tab
    tab.kind_box.setCurrentIndex(tab.kind_box.findData("invitation"))
    fields = [tab.fields.item(row).text() for row in range(tab.fields.count())]
    assert any(text.startswith("{reunion.titre}") for text in fields)
    assert not any(text.startswith("{besoin.sujet}") for text in fields)
    assert "{reunion.titre}" in tab.object_edit.text()
    tab.body_edit.setPlainText("Bonjour,\n{besoin.sujet}")
    assert "champ inconnu {besoin.sujet}" in tab.check_label.text()
    tab.body_edit.setPlainText("Bonjour,\nRendez-vous le {reunion.date} à {reunion.lieu}.")
    assert "Modèle valide" in tab.check_label.text()
    tab.kind_box.setCurrentIndex(tab.kind_box.findData("company"))
    fields = [tab.fields.item(row).text() for row in range(tab.fields.count())]
    assert any(text.startswith("{besoin.sujet}") for text in fields)
    dialog.on_buttons_accepted()
    saved = SettingsService(ctx.db).get("letters.invitation_body")
    assert saved == "Bonjour,\nRendez-vous le {reunion.date} à {reunion.lieu}."
