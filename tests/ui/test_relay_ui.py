"""Relay and follow-up on screen: the candidates' model, « Relayer » in the background, the
keyboard answer dialog, closing, the Relances section, the card's list, Accueil's figure."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from PySide6.QtCore import Qt

import guichet.models as m
from guichet.db import Database
from guichet.models import AnswerStatus
from guichet.services.opportunities import LotInput
from guichet.services.opportunity_followup import relayed_members
from guichet.services.opportunity_views import get_opportunity
from guichet.services.relay import RelayChoice, relay_opportunity
from guichet.services.relay_candidates import RelayCandidate
from tests.services.opportunity_setup import buyer, member, opportunity

from guichet.ui.context import AppContext
from guichet.ui.dialogs.close_opportunity_dialog import CloseOpportunityDialog
from guichet.ui.dialogs.opportunity_answer_dialog import OpportunityAnswerDialog
from guichet.ui.dialogs.relay_dialog import CandidatesModel, RelayDialog
from guichet.ui.pages.followups import FollowUpsPage
from guichet.ui.pages.home import HomePage
from guichet.ui.pages.opportunity_followup_panel import OpportunityFollowUpPanel
from guichet.ui.pages.organization_opportunities import ReceivedOpportunitiesSection


def _candidate(org_id: int, name: str, ticked: bool = True) -> RelayCandidate:
    return RelayCandidate(org_id, name, (), "1", "savoir-faire", False, None, True, ticked)


def _scene(db: Database) -> tuple[int, list[int]]:
    opp = opportunity(db, LotInput(1, "Tuyauterie"), buyer_id=buyer(db))
    return opp, [member(db, f"Adhérent {n}") for n in range(3)]


def _relays(db: Database, opp: int) -> list[int]:
    with db.unit_of_work(write=False) as s:
        return sorted(
            s.scalars(select(m.Relay.organization_id).where(m.Relay.opportunity_id == opp))
        )


def test_candidates_model_ticks_with_space(qtbot, qtmodeltester) -> None:
    model = CandidatesModel()
    model.set_rows([_candidate(1, "A"), _candidate(2, "B", ticked=False)])
    qtmodeltester.check(model)
    assert [c.organization_id for c in model.chosen()] == [1]
    index = model.index(1, 0)
    assert model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(0, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert [c.organization_id for c in model.chosen()] == [2]


def test_relay_dialog_relays_the_ticked_members_in_the_background(
    qtbot, ctx: AppContext, tmp_path: Path
) -> None:
    opp, members = _scene(ctx.db)
    candidates = [_candidate(members[0], "Adhérent 0"), _candidate(members[1], "Adhérent 1", False)]
    dialog = RelayDialog(ctx, opp, "Usine", candidates)
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(tmp_path / "envoi"))
    dialog.in_bcc.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=30000):
        dialog.ok_button.click()
    assert dialog.result_ is not None and len(dialog.result_.draft_paths) == 1
    assert _relays(ctx.db, opp) == [members[0]]
    assert (tmp_path / "envoi").is_dir()


def test_answer_dialog_by_keyboard_requires_the_reason(
    qtbot, ctx: AppContext, message_boxes: list[str]
) -> None:
    opp, members = _scene(ctx.db)
    relay_opportunity(ctx.db, opp, [RelayChoice(o) for o in members], now=datetime(2026, 11, 2, 10))
    rows = relayed_members(ctx.db, opp)
    dialog = OpportunityAnswerDialog(ctx, opp, rows, members[1])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_2)  # « pas intéressé »
    assert dialog.status() == AnswerStatus.NOT_INTERESTED
    assert dialog.reason_label.text().startswith("Raison")
    dialog.on_buttons_accepted()
    assert message_boxes and "pourquoi" in message_boxes[-1]
    qtbot.keyClicks(dialog.reason_edit, "Plan de charge complet")
    dialog.on_buttons_accepted()
    assert dialog.result() == dialog.DialogCode.Accepted
    answered = {r.organization_id: r for r in relayed_members(ctx.db, opp)}
    assert answered[members[1]].status == AnswerStatus.NOT_INTERESTED
    assert answered[members[1]].reason == "Plan de charge complet"


def test_follow_up_panel_close_and_card(qtbot, ctx: AppContext, message_boxes: list[str]) -> None:
    opp, members = _scene(ctx.db)
    relay_opportunity(ctx.db, opp, [RelayChoice(o) for o in members], now=datetime(2026, 11, 2, 10))
    panel = OpportunityFollowUpPanel(ctx)
    qtbot.addWidget(panel)
    panel.show_opportunity(get_opportunity(ctx.db, opp))
    assert panel.model.rowCount() == 3 and panel.relay_button.isEnabled()
    detail = get_opportunity(ctx.db, opp)
    dialog = CloseOpportunityDialog(
        ctx, opp, detail.version, panel.model.rows(), detail.groupements, detail.lots
    )
    qtbot.addWidget(dialog)
    dialog.winner_box.setCurrentIndex(dialog.winner_box.findData(f"org:{members[2]}"))
    dialog.amount_box.setValue(80_000)
    dialog.on_buttons_accepted()
    assert dialog.result() == dialog.DialogCode.Accepted
    panel.reload()
    assert not panel.relay_button.isEnabled() and "Attribuée" in panel.summary.text()
    section = ReceivedOpportunitiesSection(ctx)
    qtbot.addWidget(section)
    section.show_for(members[2])
    assert "1, dont 1 remportée" in section.heading.text()
    assert (
        "80" in section.list_label.text() and "Attribuée à l'adhérent" in section.list_label.text()
    )


def test_relances_lists_members_to_remind_before_the_deadline(
    qtbot, qtmodeltester, ctx: AppContext
) -> None:
    opp, members = _scene(ctx.db)  # deadline 4 Dec 2026
    relay_opportunity(ctx.db, opp, [RelayChoice(members[0])], now=datetime(2026, 11, 2, 10))
    page = FollowUpsPage(ctx, today=lambda: date(2026, 11, 27))
    qtbot.addWidget(page)
    section = page.opportunity_reminders
    qtmodeltester.check(section.model)
    assert section.model.rowCount() == 1
    assert section.model.rows()[0].stage == "J-7"
    section.table.selectRow(0)
    section.done_button.click()
    assert section.model.rowCount() == 0


def test_home_shows_the_time_to_relay(qtbot, ctx: AppContext) -> None:
    opp, members = _scene(ctx.db)  # received Monday 2 Nov 2026 at 9:00
    relay_opportunity(ctx.db, opp, [RelayChoice(members[0])], now=datetime(2026, 11, 2, 9, 45))
    page = HomePage(ctx, now=lambda: datetime(2026, 11, 20, 12, 0))
    qtbot.addWidget(page)
    assert page.reactivity_cards["relay"].value.text() == "45 min"


def test_relay_settings_are_saved_from_their_tab(qtbot, ctx: AppContext) -> None:
    from guichet.services.settings import SettingsService

    from guichet.ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.relay_tab.boxes["relay.reminder_first_days"].setValue(10)
    dialog.relay_tab.boxes["relay.workday_start_hour"].setValue(8)
    dialog.on_buttons_accepted()
    values = SettingsService(ctx.db).all()
    assert (values["relay.reminder_first_days"], values["relay.workday_start_hour"]) == (10, 8)


def test_a_cancelled_relay_records_nothing(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    opp, members = _scene(ctx.db)
    dialog = RelayDialog(ctx, opp, "Usine", [_candidate(o, f"A{o}") for o in members])
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(tmp_path))
    dialog.ok_button.click()
    assert dialog.task is not None
    task = dialog.task
    with qtbot.waitSignal(task.signals.cancelled, timeout=30000):
        task.cancel()  # before the first letter is drawn: checked at each member
    assert _relays(ctx.db, opp) == [] and dialog.result_ is None
    assert dialog.ok_button.isEnabled()


def test_relay_templates_are_edited_with_their_own_fields(qtbot, ctx: AppContext) -> None:
    from guichet.services.settings import SettingsService

    from guichet.ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    tab = dialog.templates_tab
    tab.kind_box.setCurrentIndex(tab.kind_box.findData("relay.letter"))
    assert "{opportunite.date_limite}" in tab.object_edit.text()
    fields = [tab.fields.item(i).data(Qt.ItemDataRole.UserRole) for i in range(tab.fields.count())]
    assert "opportunite.titre" in fields and "entreprise.nom" not in fields
    tab.object_edit.setText("Consultation {entreprise.nom}")
    assert "champ inconnu" in tab.check_label.text()
    tab.object_edit.setText("Consultation : {opportunite.titre}")
    assert tab.problem() == ""
    dialog.on_buttons_accepted()
    assert (
        SettingsService(ctx.db).get("relay.letter_object") == "Consultation : {opportunite.titre}"
    )
