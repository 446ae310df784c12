"""Needs a counsellor may refer (the need picker of the « Relances » page)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from guichet.db import Database
from guichet.models import Inquiry, InquiryStatus, Need, Subject, label
from guichet.services.referral_rows import inquiry_party


@dataclass(frozen=True)
class NeedRow:
    id: int
    inquiry_reference: str
    received_at: datetime
    company: str
    subject: str
    description: str
    outcome: str
    referrals: int
    consent: bool


def recent_needs(db: Database, *, text: str = "", limit: int = 300) -> list[NeedRow]:
    """Needs of open inquiries first, newest first; ``text`` filters on reference, company, subject."""
    query = (
        select(Need)
        .join(Inquiry, Inquiry.id == Need.inquiry_id)
        .options(
            selectinload(Need.inquiry).selectinload(Inquiry.organization),
            selectinload(Need.inquiry).selectinload(Inquiry.contact),
            selectinload(Need.subject).selectinload(Subject.theme),
            selectinload(Need.referrals),
        )
        .order_by((Inquiry.status == InquiryStatus.CLOSED).asc(), Inquiry.received_at.desc())
        .limit(limit * 3 if text else limit)
    )
    wanted = text.casefold().strip()
    with db.unit_of_work() as session:
        rows = []
        for need in session.scalars(query):
            row = NeedRow(
                id=need.id,
                inquiry_reference=need.inquiry.reference,
                received_at=need.inquiry.received_at,
                company=inquiry_party(need.inquiry),
                subject=f"{need.subject.theme.name} › {need.subject.name}",
                description=need.description or "",
                outcome=label(need.outcome) if need.outcome else "",
                referrals=len(need.referrals),
                consent=need.inquiry.consent_to_share,
            )
            haystack = f"{row.inquiry_reference} {row.company} {row.subject}".casefold()
            if not wanted or wanted in haystack:
                rows.append(row)
        return rows[:limit]
