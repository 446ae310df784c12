"""« Mettre en relation »: ranked suggestions, a contact per partner, consent required."""

from __future__ import annotations

from PySide6.QtCore import Qt

from guichet.models import ReferralStatus
from guichet.services.referrals import ReferralService
from tests.services.referral_setup import build_scene

from guichet.ui.context import AppContext
from guichet.ui.dialogs.referral_dialog import ReferralDialog


def test_suggestions_are_listed_and_a_referral_is_created(
    qtbot, qtmodeltester, ctx: AppContext
) -> None:
    scene = build_scene(ctx.db)
    dialog = ReferralDialog(ctx, scene.need_id)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert "D-2026-0042" in dialog.summary.text()
    assert not dialog.consent_warning.isVisibleTo(dialog)
    first = dialog.model.suggestion(0)
    assert first is not None and first.organization_id == scene.partner_id
    assert not dialog.create_button.isEnabled()
    assert dialog.contact_box.currentData() == scene.contact_id  # the rule's contact
    dialog.model.set_checked(0, True)
    assert dialog.create_button.isEnabled()
    assert "Initiative Seine-Maritime" in dialog.chosen_label.text()
    with qtbot.waitSignal(dialog.referrals_created) as created:
        dialog.create_button.click()
    rows = ReferralService(ctx.db).list_referrals(need_id=scene.need_id)
    assert [r.id for r in rows] == created.args[0]
    assert rows[0].status == ReferralStatus.PROPOSED and rows[0].contact == "Mme Anne Leroux"


def test_other_organizations_can_be_searched(qtbot, ctx: AppContext) -> None:
    scene = build_scene(ctx.db)
    dialog = ReferralDialog(ctx, scene.need_id)
    qtbot.addWidget(dialog)
    dialog.other_edit.setText("CCI Rouen")
    dialog.on_other_edit_return_pressed()  # searches in the background
    qtbot.waitUntil(lambda: not dialog.is_searching(), timeout=10_000)
    assert dialog.other_status.text() != ""
    names = [dialog.model.suggestion(r).name for r in range(dialog.model.rowCount())]  # type: ignore[union-attr]
    assert names[0] == "CCI Rouen Métropole"
    assert "Initiative Seine-Maritime" in names


def test_without_consent_nothing_can_be_created(qtbot, ctx: AppContext) -> None:
    scene = build_scene(ctx.db, consent=False)
    dialog = ReferralDialog(ctx, scene.need_id)
    qtbot.addWidget(dialog)
    assert dialog.consent_warning.isVisibleTo(dialog)
    assert "consentement" in dialog.consent_warning.text()
    index = dialog.model.index(0, 0)
    assert dialog.model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert not dialog.create_button.isEnabled()
    assert not dialog.letters_button.isEnabled()


def test_hostile_need_text_is_not_rendered_as_markup(qtbot, ctx: AppContext) -> None:
    from guichet.models import Need

    scene = build_scene(ctx.db, company_name="<b>Gras</b> & Cie")
    with ctx.db.unit_of_work() as s:
        need = s.get(Need, scene.need_id)
        assert need is not None
        need.description = '<img src="/etc/passwd">'
    dialog = ReferralDialog(ctx, scene.need_id)
    qtbot.addWidget(dialog)
    assert "&lt;b&gt;Gras&lt;/b&gt; &amp; Cie" in dialog.summary.text()
    assert "&lt;img" in dialog.summary.text()
