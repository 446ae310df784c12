"""The « Relances » page on the demo data, with a fixed clock."""

from __future__ import annotations

from datetime import date

import pytest

from PySide6.QtCore import Qt

from guichet.models import ReferralStatus
from guichet.services.followups import due_referrals
from guichet.services.referrals import ReferralService

from guichet.ui.context import AppContext
from guichet.ui.dialogs.follow_up_dialog import FollowUpDialog
from guichet.ui.dialogs.referral_status_dialog import ReferralStatusDialog
from guichet.ui.pages.followups import FollowUpsPage
from guichet.ui.pages.followups_columns import DAYS_LATE, HIDDEN_BY_DEFAULT, REFERENCE, STAGE
from guichet.ui.table_model import ROW_ROLE

TODAY = date(2026, 11, 20)


@pytest.fixture
def page(qtbot, demo_ctx: AppContext) -> FollowUpsPage:
    widget = FollowUpsPage(demo_ctx, today=lambda: TODAY)
    qtbot.addWidget(widget)
    return widget


def test_lists_what_is_due_and_other_views(page: FollowUpsPage, qtmodeltester) -> None:
    qtmodeltester.check(page.model)
    due = due_referrals(page.ctx.db, TODAY)
    assert page.model.rowCount() == len(due) > 0
    assert not page.call_button.isEnabled()
    page.view_box.setCurrentIndex(page.view_box.findData("all"))
    qtmodeltester.check(page.model)
    assert page.model.rowCount() > len(due)


def test_logging_a_call_clears_the_follow_up(qtbot, page: FollowUpsPage) -> None:
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


def test_refusal_needs_a_reason(qtbot, page: FollowUpsPage, message_boxes: list[str]) -> None:
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


def test_lines_keep_the_service_order_until_a_header_is_clicked(page: FollowUpsPage) -> None:
    header = page.table.horizontalHeader()
    due = due_referrals(page.ctx.db, TODAY)
    shown = [page.proxy.data(page.proxy.index(r, 0), ROW_ROLE) for r in range(len(due))]
    assert [line.referral.id for line in shown] == [d.referral.id for d in due]
    assert header.sortIndicatorSection() == -1  # no arrow on a column the rows are not sorted by
    page.table.sortByColumn(DAYS_LATE, Qt.SortOrder.DescendingOrder)
    late = [page.proxy.data(page.proxy.index(r, 0), ROW_ROLE).days_late for r in range(len(due))]
    assert late == sorted((d.days_late for d in due), reverse=True)
    page.table.sortByColumn(STAGE, Qt.SortOrder.AscendingOrder)  # Étape: the stages' urgency
    shown = [page.proxy.data(page.proxy.index(r, 0), ROW_ROLE) for r in range(len(due))]
    assert [line.referral.id for line in shown] == [d.referral.id for d in due]


def test_columns_at_a_glance_and_the_rest_on_demand(page: FollowUpsPage) -> None:
    def visible() -> set[int]:
        return {c for c in range(page.model.columnCount()) if not page.table.isColumnHidden(c)}

    assert visible() == set(range(page.model.columnCount())) - HIDDEN_BY_DEFAULT["due"]
    assert len(visible()) <= 8
    tip = page.proxy.data(page.proxy.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    first = page.model.row_at(0)
    assert first is not None
    assert first.referral.reference in tip  # hidden facts are in the tooltip
    menu = page.columns.menu(page)
    reference = next(a for a in menu.actions() if a.text() == "Référence")
    assert not reference.isChecked()
    reference.setChecked(True)
    assert not page.table.isColumnHidden(REFERENCE)
    page.view_box.setCurrentIndex(page.view_box.findData("all"))
    assert page.table.isColumnHidden(STAGE) and page.table.isColumnHidden(REFERENCE)
    page.view_box.setCurrentIndex(page.view_box.findData("due"))
    assert not page.table.isColumnHidden(REFERENCE)  # the choice is kept for that view
