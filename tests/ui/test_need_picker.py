"""The need picker of the « Relances » page."""

from __future__ import annotations

from tests.services.referral_setup import build_scene

from guichet.ui.context import AppContext
from guichet.ui.dialogs.need_picker import NeedPickerDialog


def test_needs_are_listed_and_filtered(qtbot, qtmodeltester, ctx: AppContext) -> None:
    scene = build_scene(ctx.db)
    dialog = NeedPickerDialog(ctx)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.selected_need_id() == scene.need_id
    dialog.filter_edit.setText("dupont méca")
    assert dialog.selected_need_id() == scene.need_id
    dialog.filter_edit.setText("introuvable")
    assert dialog.model.rowCount() == 0 and dialog.selected_need_id() is None
