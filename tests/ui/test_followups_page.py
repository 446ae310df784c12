"""The « Relances » page on the demo data, with a fixed clock."""

from __future__ import annotations

from datetime import date

import pytest

from guichet.models import ReferralStatus
from guichet.services.followups import due_referrals
from guichet.services.referrals import ReferralService

from guichet.ui.context import AppContext
from guichet.ui.dialogs.follow_up_dialog import FollowUpDialog
from guichet.ui.dialogs.referral_status_dialog import ReferralStatusDialog
from guichet.ui.pages.followups import FollowUpsPage

TODAY = date(2026, 11, 20)


@pytest.fixture
def page(qtbot, demo_ctx: AppContext) -> FollowUpsPage:  # type: ignore[no-untyped-def]
    widget = FollowUpsPage(demo_ctx, today=lambda: TODAY)
    qtbot.addWidget(widget)
    return widget


def test_lists_what_is_due_and_other_views(page: FollowUpsPage, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.model)
    due = due_referrals(page.ctx.db, TODAY)
    assert page.model.rowCount() == len(due) > 0
    assert not page.call_button.isEnabled()
    page.view_box.setCurrentIndex(page.view_box.findData("all"))
    qtmodeltester.check(page.model)
    assert page.model.rowCount() > len(due)


def test_logging_a_call_clears_the_follow_up(qtbot, page: FollowUpsPage) -> None:  # type: ignore[no-untyped-def]
    page.table.selectRow(0)
    row = page.selected()[0]
    assert page.call_button.isEnabled()
    dialog = FollowUpDialog(page.ctx, row, "call", page)
    qtbot.addWidget(dialog)
    dialog.note_edit.setPlainText("Message laissé à l'accueil")
    dialog.on_buttons_accepted()
    events = ReferralService(page.ctx.db).events(row.id)
    assert events[-1][1:] == ("Appel de relance", "Message laissé à l'accueil")
    assert ReferralService(page.ctx.db).get(row.id).last_follow_up_at is not None


def test_refusal_needs_a_reason(qtbot, page: FollowUpsPage, message_boxes: list[str]) -> None:  # type: ignore[no-untyped-def]
    page.table.selectRow(0)
    row = page.selected()[0]
    dialog = ReferralStatusDialog(page.ctx, row, page)
    qtbot.addWidget(dialog)
    assert dialog.history.count() >= 2
    dialog.status_box.setCurrentIndex(dialog.status_box.findData(ReferralStatus.REFUSED.value))
    assert "obligatoire" in dialog.note_label.text()
    dialog.on_buttons_accepted()
    assert message_boxes and "motif" in message_boxes[0]
    assert ReferralService(page.ctx.db).get(row.id).status == ReferralStatus.SENT
    dialog.note_edit.setPlainText("Hors périmètre")
    dialog.on_buttons_accepted()
    assert ReferralService(page.ctx.db).get(row.id).status == ReferralStatus.REFUSED
    page.refresh()
    assert row.id not in [r.referral.id for r in page.model.rows()]
