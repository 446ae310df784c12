"""Counts of meetings (invited, registered, present…), computed in SQL for many at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from guichet.models import Inquiry, Invitation, Registration, RegistrationStatus
from guichet.models.meeting_enums import SEATED


@dataclass(frozen=True)
class MeetingCounts:
    invited: int = 0
    registered: int = 0  # holding a seat: inscrit, présent, absent excusé, absent
    waiting: int = 0
    cancelled: int = 0
    present: int = 0
    walk_ins: int = 0
    inquiries: int = 0


def meeting_counts(session: Session, meeting_ids: Sequence[int]) -> dict[int, MeetingCounts]:
    """Counts per meeting id (every id given gets an entry, zeros included)."""
    ids = list(meeting_ids)
    result = {meeting_id: MeetingCounts() for meeting_id in ids}
    if not ids:
        return result
    invited: dict[int, int] = {
        meeting_id: count
        for meeting_id, count in session.execute(
            select(Invitation.meeting_id, func.count(distinct(Invitation.contact_id)))
            .where(Invitation.meeting_id.in_(ids))
            .group_by(Invitation.meeting_id)
        ).all()
    }
    by_status: dict[int, dict[RegistrationStatus, int]] = {}
    walk_ins: dict[int, int] = {}
    rows = session.execute(
        select(
            Registration.meeting_id,
            Registration.status,
            Registration.walk_in,
            func.count(),
        )
        .where(Registration.meeting_id.in_(ids))
        .group_by(Registration.meeting_id, Registration.status, Registration.walk_in)
    ).all()
    for meeting_id, status, walk_in, count in rows:
        per = by_status.setdefault(meeting_id, {})
        per[status] = per.get(status, 0) + count
        if walk_in:
            walk_ins[meeting_id] = walk_ins.get(meeting_id, 0) + count
    inquiries: dict[int | None, int] = {
        meeting_id: count
        for meeting_id, count in session.execute(
            select(Inquiry.meeting_id, func.count())
            .where(Inquiry.meeting_id.in_(ids))
            .group_by(Inquiry.meeting_id)
        ).all()
    }
    for meeting_id in ids:
        per = by_status.get(meeting_id, {})
        result[meeting_id] = MeetingCounts(
            invited=invited.get(meeting_id, 0),
            registered=sum(n for s, n in per.items() if s in SEATED),
            waiting=per.get(RegistrationStatus.WAITING, 0),
            cancelled=per.get(RegistrationStatus.CANCELLED, 0),
            present=per.get(RegistrationStatus.PRESENT, 0),
            walk_ins=walk_ins.get(meeting_id, 0),
            inquiries=inquiries.get(meeting_id, 0),
        )
    return result
