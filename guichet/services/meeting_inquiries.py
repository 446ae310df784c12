"""After a meeting: the needs heard there enter the desk as inquiries (channel « réunion »,
the meeting as their source); a meeting shows the inquiries it generated and their referrals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from guichet.db import Database
from guichet.errors import NotFoundError
from guichet.models import Channel, Inquiry, Need, Registration, label


@dataclass(frozen=True)
class IntakePrefill:
    """What « Besoin exprimé » puts into the intake form for one attendee."""

    meeting_id: int
    meeting_title: str
    received_at: datetime
    organization_id: int | None
    organization: str
    contact_id: int
    contact: str
    channel: Channel = Channel.MEETING


@dataclass(frozen=True)
class MeetingInquiry:
    id: int
    reference: str
    received_at: datetime
    organization: str
    contact: str
    status_label: str
    needs: tuple[str, ...]
    referrals: tuple[str, ...]  # « Partenaire (statut) »


def attendee_prefill(
    db: Database, registration_id: int, *, now: datetime | None = None
) -> IntakePrefill:
    """The intake of a need heard from this registrant: dated at the meeting once it began."""
    moment = now or datetime.now()
    with db.unit_of_work(write=False) as session:
        reg = session.get(Registration, registration_id)
        if reg is None:
            raise NotFoundError("Cette inscription n'existe plus.")
        meeting, contact = reg.meeting, reg.contact
        org = contact.organization
        return IntakePrefill(
            meeting_id=meeting.id,
            meeting_title=meeting.title,
            received_at=meeting.start_at if meeting.start_at <= moment else moment,
            organization_id=org.id if org else None,
            organization=org.legal_name if org else "",
            contact_id=contact.id,
            contact=contact.full_name,
        )


def meeting_inquiries(db: Database, meeting_id: int) -> list[MeetingInquiry]:
    """The inquiries a meeting generated, oldest first, with their needs and referrals."""
    with db.unit_of_work(write=False) as session:
        inquiries = session.scalars(
            select(Inquiry)
            .where(Inquiry.meeting_id == meeting_id)
            .order_by(Inquiry.received_at, Inquiry.id)
            .options(
                selectinload(Inquiry.organization),
                selectinload(Inquiry.contact),
                selectinload(Inquiry.needs).selectinload(Need.subject),
                selectinload(Inquiry.needs).selectinload(Need.referrals),
            )
        ).all()
        return [
            MeetingInquiry(
                id=i.id,
                reference=i.reference,
                received_at=i.received_at,
                organization=i.organization.legal_name if i.organization else "",
                contact=i.contact.full_name if i.contact else "",
                status_label=label(i.status),
                needs=tuple(n.subject.name for n in i.needs),
                referrals=tuple(
                    f"{r.partner.legal_name} ({label(r.status).lower()})"
                    for n in i.needs
                    for r in n.referrals
                ),
            )
            for i in inquiries
        ]
