"""What the intake form shows beside itself while the counsellor types: the company's history,
its contacts, the subjects to choose from, and the warnings that must not go unnoticed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from guichet.db import Database
from guichet.models import (
    Capability,
    Contact,
    Inquiry,
    Need,
    Organization,
    Referral,
    Subject,
    Theme,
    label,
)
from guichet.reference.dates import format_date_short
from guichet.services.contacts import ContactChoice
from guichet.services.subject_match import SubjectChoice, subject_keywords

REPEAT_WINDOW = timedelta(days=21)


@dataclass(frozen=True)
class IntakeWarning:
    kind: str  # "repeat" | "do_not_refer"
    message: str
    inquiry_id: int | None = None


@dataclass(frozen=True)
class PastReferral:
    partner: str
    status: str


@dataclass(frozen=True)
class PastNeed:
    subject: str
    outcome: str
    referrals: tuple[PastReferral, ...]


@dataclass(frozen=True)
class PastInquiry:
    id: int
    reference: str
    received_at: datetime
    status: str
    needs: tuple[PastNeed, ...]


@dataclass(frozen=True)
class CompanyContext:
    organization_id: int
    name: str
    siret: str
    city: str
    do_not_refer: bool
    do_not_refer_reason: str
    inquiry_count: int
    inquiries: tuple[PastInquiry, ...]


def subject_choices(db: Database) -> list[SubjectChoice]:
    """Active subjects of active themes, in the taxonomy's order, with their keywords."""
    with db.unit_of_work(write=False) as session:
        rows = session.execute(
            select(Subject.id, Theme.id, Theme.name, Subject.name)
            .join(Theme, Subject.theme_id == Theme.id)
            .where(Subject.active.is_(True), Theme.active.is_(True))
            .order_by(Theme.position, Theme.name, Subject.position, Subject.name)
        ).all()
        capabilities = [
            (name, synonyms)
            for name, synonyms in session.execute(
                select(Capability.name, Capability.synonyms).order_by(Capability.id)
            )
        ]
    return [SubjectChoice(*row, keywords=subject_keywords(row[3], capabilities)) for row in rows]


def company_contacts(db: Database, organization_id: int) -> list[ContactChoice]:
    with db.unit_of_work(write=False) as session:
        contacts = session.scalars(
            select(Contact)
            .where(Contact.organization_id == organization_id, Contact.anonymized_at.is_(None))
            .order_by(Contact.last_name, Contact.first_name)
        ).all()
        return [
            ContactChoice(c.id, c.full_name, c.role or "", c.phone or "", c.email or "")
            for c in contacts
        ]


def find_warnings(
    session: Session,
    *,
    organization_id: int | None,
    email: str | None,
    subject_ids: Sequence[int],
    at: datetime,
    exclude_inquiry_id: int | None = None,
) -> list[IntakeWarning]:
    """Repeat requests (same company or e-mail, same subject, within 21 days) and « ne pas
    orienter ». Runs inside the caller's session."""
    warnings: list[IntakeWarning] = []
    if organization_id is not None:
        org = session.get(Organization, organization_id)
        if org is not None and org.do_not_refer:
            reason = f" ({org.do_not_refer_reason})" if org.do_not_refer_reason else ""
            warnings.append(
                IntakeWarning(
                    "do_not_refer",
                    f"« {org.legal_name} » est signalée « ne pas orienter »{reason} : "
                    "aucune mise en relation sans l'accord du responsable.",
                )
            )
    same_party = []
    if organization_id is not None:
        same_party.append(Inquiry.organization_id == organization_id)
    address = (email or "").strip().lower()
    if address:
        same_party.append(Inquiry.contact.has(func.lower(Contact.email) == address))
    if not same_party or not subject_ids:
        return warnings
    query = (
        select(Inquiry.id, Inquiry.reference, Inquiry.received_at, Subject.name)
        .join(Need, Need.inquiry_id == Inquiry.id)
        .join(Subject, Subject.id == Need.subject_id)
        .where(
            or_(*same_party),
            Need.subject_id.in_(list(subject_ids)),
            Inquiry.received_at >= at - REPEAT_WINDOW,
            Inquiry.received_at <= at + timedelta(days=1),
        )
        .order_by(Inquiry.received_at.desc())
    )
    if exclude_inquiry_id is not None:
        query = query.where(Inquiry.id != exclude_inquiry_id)
    seen: set[int] = set()
    for inquiry_id, reference, received_at, subject in session.execute(query):
        if inquiry_id in seen:
            continue
        seen.add(inquiry_id)
        warnings.append(
            IntakeWarning(
                "repeat",
                f"Demande répétée : {reference} du {format_date_short(received_at)} portait "
                f"déjà sur « {subject} ».",
                inquiry_id,
            )
        )
    return warnings


def intake_warnings(
    db: Database,
    *,
    organization_id: int | None,
    email: str | None,
    subject_ids: Sequence[int],
    at: datetime,
) -> list[IntakeWarning]:
    with db.unit_of_work(write=False) as session:
        return find_warnings(
            session, organization_id=organization_id, email=email, subject_ids=subject_ids, at=at
        )


def company_context(
    db: Database, organization_id: int, *, limit: int = 15
) -> CompanyContext | None:
    """The company's last inquiries with their needs, outcomes and referrals."""
    with db.unit_of_work(write=False) as session:
        org = session.get(Organization, organization_id)
        if org is None:
            return None
        count = session.scalar(
            select(func.count()).select_from(Inquiry).where(Inquiry.organization_id == org.id)
        )
        inquiries = session.scalars(
            select(Inquiry)
            .where(Inquiry.organization_id == org.id)
            .options(
                selectinload(Inquiry.needs).selectinload(Need.subject),
                selectinload(Inquiry.needs)
                .selectinload(Need.referrals)
                .selectinload(Referral.partner),
            )
            .order_by(Inquiry.received_at.desc())
            .limit(limit)
        ).all()
        return CompanyContext(
            organization_id=org.id,
            name=org.display_name,
            siret=org.siret or "",
            city=org.city or "",
            do_not_refer=org.do_not_refer,
            do_not_refer_reason=org.do_not_refer_reason or "",
            inquiry_count=count or 0,
            inquiries=tuple(
                PastInquiry(
                    id=i.id,
                    reference=i.reference,
                    received_at=i.received_at,
                    status=label(i.status),
                    needs=tuple(
                        PastNeed(
                            subject=n.subject.name,
                            outcome=label(n.outcome) if n.outcome else "",
                            referrals=tuple(
                                PastReferral(r.partner.legal_name, label(r.status))
                                for r in n.referrals
                            ),
                        )
                        for n in i.needs
                    ),
                )
                for i in inquiries
            ),
        )
