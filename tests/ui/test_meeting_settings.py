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
