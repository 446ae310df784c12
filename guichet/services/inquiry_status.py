"""The rules that move an inquiry along, shared by every service that acts on a need.

- ``first_action_at`` is stamped by the first information, orientation or referral (the desk's
  réactivité is measured from ``received_at`` to it);
- an inquiry is ``en cours`` once something was done, and ``close`` when every need has an
  outcome (informé, orienté, mis en relation); clearing an outcome reopens it.

These helpers run inside the caller's session and never commit.
"""

from __future__ import annotations

from datetime import datetime

from guichet.models import Inquiry, InquiryStatus, Need, NeedOutcome


def mark_first_action(inquiry: Inquiry, at: datetime) -> None:
    """Stamp the first action (an earlier one is kept) and leave the « nouvelle » status."""
    if inquiry.first_action_at is None or at < inquiry.first_action_at:
        inquiry.first_action_at = at
    if inquiry.status == InquiryStatus.NEW:
        inquiry.status = InquiryStatus.IN_PROGRESS


def refresh_status(inquiry: Inquiry, at: datetime) -> None:
    """Close the inquiry when all its needs have an outcome, reopen it otherwise."""
    needs = list(inquiry.needs)
    if needs and all(n.outcome is not None for n in needs):
        if inquiry.status != InquiryStatus.CLOSED:
            inquiry.status = InquiryStatus.CLOSED
            inquiry.closed_at = max([at, *(n.outcome_at for n in needs if n.outcome_at)])
        return
    if inquiry.status == InquiryStatus.CLOSED:
        inquiry.closed_at = None
    if inquiry.status == InquiryStatus.CLOSED or inquiry.first_action_at is not None:
        inquiry.status = InquiryStatus.IN_PROGRESS


def set_outcome(need: Need, outcome: NeedOutcome | None, at: datetime, note: str = "") -> None:
    """Give a need its outcome (or clear it) and move its inquiry accordingly."""
    need.outcome = outcome
    need.outcome_at = at if outcome is not None else None
    if outcome == NeedOutcome.ORIENTED or note:
        need.orientation_note = note or None
    if outcome is not None:
        mark_first_action(need.inquiry, at)
    refresh_status(need.inquiry, at)
