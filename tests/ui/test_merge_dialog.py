"""The merge dialog: both records side by side, a choice per differing field, confirmation."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QMessageBox

from guichet.errors import NotFoundError
from guichet.services.organization_rules import OrganizationData
from guichet.services.organizations import OrganizationService

from guichet.ui.context import AppContext
from guichet.ui.dialogs.merge_dialog import MergeDialog


def _pair(ctx: AppContext) -> tuple[int, int]:
    service = OrganizationService(ctx.db)
    first = service.create(
        OrganizationData(
            legal_name="Chaudronnerie Lefebvre", postal_code="76170", city="Lillebonne"
        )
    ).organization_id
    second = service.create(
        OrganizationData(
            legal_name="SARL Chaudronnerie Lefebvre",
            postal_code="76170",
            city="Lillebonne",
            phone="02 35 38 00 01",
            siret="73282932000074",
        )
    ).organization_id
    return first, second


def test_only_differing_fields_are_offered_and_empty_values_lose(
    qtbot: QtBot, ctx: AppContext
) -> None:
    first, second = _pair(ctx)
    dialog = MergeDialog(ctx, first, second)
    qtbot.addWidget(dialog)
    assert set(dialog.field_groups) == {"legal_name", "siret", "phone"}
    assert dialog.field_groups["legal_name"].checkedId() == 0
    assert dialog.field_groups["phone"].checkedId() == 1  # the first record has no phone
    assert "Code postal" in dialog.same_label.text()
    assert dialog.field_choices() == {"legal_name": "keep", "siret": "remove", "phone": "remove"}
    dialog.keep_radios[1].setChecked(True)  # keep the second record instead
    assert dialog.field_choices() == {"legal_name": "remove", "siret": "keep", "phone": "keep"}


def test_merge_after_confirmation(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _pair(ctx)
    dialog = MergeDialog(ctx, first, second)
    qtbot.addWidget(dialog)
    asked: list[str] = []

    def confirm(box: QMessageBox) -> QMessageBox.StandardButton:
        asked.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", confirm)
    dialog.on_buttons_accepted()
    assert dialog.result() == 1 and dialog.result_ is not None
    assert f"Fusionner la fiche n° {second} dans la fiche n° {first}" in asked[0]
    kept = OrganizationService(ctx.db).get(first).data
    assert (kept.legal_name, kept.siret, kept.phone) == (
        "Chaudronnerie Lefebvre",
        "73282932000074",
        "+33235380001",
    )
    with pytest.raises(NotFoundError):
        OrganizationService(ctx.db).get(second)


def test_refusing_the_confirmation_changes_nothing(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _pair(ctx)
    dialog = MergeDialog(ctx, first, second)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.No)
    dialog.on_buttons_accepted()
    assert dialog.result() == 0
    assert OrganizationService(ctx.db).get(second).data.siret == "73282932000074"
