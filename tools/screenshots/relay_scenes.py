"""Screenshot scenes of the relay and its follow-up (``make screenshots``): an opportunity's
« Relais et réponses » tab, the keyboard answer dialog, the « Relayer » dialog."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from guichet.services.opportunity_followup import relayed_members
from guichet.services.opportunity_views import list_opportunities
from guichet.services.relay_candidates import relay_candidates
from tools.screenshots.opportunities_scenes import _page

from guichet.ui.dialogs.opportunity_answer_dialog import OpportunityAnswerDialog
from guichet.ui.dialogs.relay_dialog import RelayDialog

if TYPE_CHECKING:
    from guichet.ui.main_window import MainWindow


def _answered(window: MainWindow) -> int:
    """The open opportunity with the most answers (else the first relayed one)."""
    assert window.ctx is not None
    rows = [r for r in list_opportunities(window.ctx.db) if r.relayed_to]
    rows.sort(key=lambda r: (r.status.value != "open", -r.answers))
    return rows[0].id


def follow_up(window: MainWindow) -> QWidget:
    opportunity_id = _answered(window)
    page = _page(window, "", closed=False)
    page.select(opportunity_id)
    page.detail.tabs.setCurrentWidget(page.detail.followup)
    return window


def answer(window: MainWindow) -> QWidget:
    follow_up(window)
    assert window.ctx is not None
    opportunity_id = _answered(window)
    members = relayed_members(window.ctx.db, opportunity_id)
    dialog = OpportunityAnswerDialog(
        window.ctx,
        opportunity_id,
        members,
        members[0].organization_id if members else None,
        parent=window,
    )
    dialog.status_buttons[3].setChecked(True)  # candidat en groupement
    dialog.show()
    return dialog


def relay(window: MainWindow) -> QWidget:
    assert window.ctx is not None
    db = window.ctx.db
    rows = [r for r in list_opportunities(db) if r.status.value == "open"]
    target = min(rows, key=lambda r: r.relayed_to) if rows else list_opportunities(db)[0]
    page = _page(window, "", closed=False)
    page.select(target.id)
    dialog = RelayDialog(
        window.ctx, target.id, target.title, relay_candidates(db, target.id), window
    )
    dialog.show()
    return dialog


def reminders(window: MainWindow) -> QWidget:
    """Relances a week before the demo's open opportunity's deadline (16 December 2026)."""
    window.show_page("followups")
    page = window.page("followups")
    page.today = lambda: date(2026, 12, 10)  # type: ignore[attr-defined]
    page.refresh()  # type: ignore[attr-defined]
    return window
