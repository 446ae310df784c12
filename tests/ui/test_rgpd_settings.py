"""Paramètres › Données personnelles: retention periods, the notice, the register's texts."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QLabel, QWidget

from guichet.services.settings import SettingsService
from tests.services.rgpd_setup import pdf_text

from guichet.ui.context import AppContext
from guichet.ui.dialogs.settings import SettingsDialog


def test_periods_notice_and_register_are_saved(
    qtbot: QtBot, ctx: AppContext, message_boxes: list[str], tmp_path: Path, monkeypatch
) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    tab = dialog.rgpd_tab
    assert dialog.tabs.tabText(dialog.tabs.indexOf(tab)) == "Données personnelles"
    assert tab.spins["retention.inactive_years"].value() == 3
    assert not dialog.has_unsaved_changes()
    tab.spins["retention.inactive_years"].setValue(5)
    tab.spins["retention.closed_inquiry_years"].setValue(4)
    tab.notice_edit.setPlainText("{agence} conserve vos données {conservation} ans.")
    tab.lines["rgpd.dpo"].setText("Jeanne Martin, dpo@agence.fr")
    tab.texts["rgpd.security"].setPlainText("Disque chiffré")
    assert dialog.has_unsaved_changes()
    preview = tmp_path / "apercu.pdf"
    monkeypatch.setattr(
        "guichet.ui.dialogs.settings_rgpd.save_file_name",
        lambda *_a, **_k: (str(preview), ""),
    )
    tab.preview_button.click()
    assert "conserve vos données 5 ans" in " ".join(pdf_text(preview.read_bytes()).split())
    dialog.on_buttons_accepted()
    assert message_boxes == []
    values = SettingsService(ctx.db).all()
    assert values["retention.inactive_years"] == 5
    assert values["retention.closed_inquiry_years"] == 4
    assert values["rgpd.dpo"] == "Jeanne Martin, dpo@agence.fr"
    assert values["rgpd.security"] == "Disque chiffré"
    assert values["rgpd.notice_text"].startswith("{agence} conserve")


def test_every_field_has_a_name_and_tab_reaches_it(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    tab = dialog.rgpd_tab
    fields = [*tab.spins.values(), tab.notice_edit, *tab.lines.values(), *tab.texts.values()]
    for field in fields:
        assert field.accessibleName() or _buddy_of(tab, field), field.objectName()
    assert all(t.tabChangesFocus() for t in (tab.notice_edit, *tab.texts.values()))


def _buddy_of(tab: QWidget, field: QWidget) -> bool:
    return any(label.buddy() is field for label in tab.findChildren(QLabel))
