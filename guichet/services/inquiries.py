"""The inquiries list: filters, sorting and pages, fast on tens of thousands of inquiries.

One query fetches a page of inquiries with their company and counsellor; a second one fetches
the subjects of that page only. Sorting happens in the database, so the table can load lazily.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from guichet.db import Database
from guichet.models import (
    Channel,
    Contact,
    Counsellor,
    Inquiry,
    InquiryStatus,
    Need,
    Organization,
    Subject,
    label,
)
from guichet.services.figures.breakdowns import inquiry_organization_filter

PAGE_SIZE = 200


@dataclass(frozen=True)
class InquiryFilters:
    status: InquiryStatus | None = None
    theme_id: int | None = None
    channel: Channel | None = None
    counsellor_id: int | None = None
    since: date | None = None
    until: date | None = None
    text: str = ""
    # set from the dashboard (a bar clicked); « » means « not given »
    subject_id: int | None = None
    naf_section: str | None = None
    headcount_band: str | None = None
    commune_insee: str | None = None


@dataclass(frozen=True)
class InquiryListRow:
    id: int
    reference: str
    received_at: datetime
    organization: str
    contact: str
    subjects: str
    channel: str
    counsellor: str
    status: str
    minutes_to_action: int | None


#: Sortable columns, in the table's order.
SORT_KEYS = (
    "reference",
    "received_at",
    "organization",
    "contact",
    "subjects",
    "channel",
    "counsellor",
    "status",
    "minutes_to_action",
)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filtered(query: Any, filters: InquiryFilters) -> Any:
    if filters.status is not None:
        query = query.where(Inquiry.status == filters.status)
    if filters.channel is not None:
        query = query.where(Inquiry.channel == filters.channel)
    if filters.counsellor_id is not None:
        query = query.where(Inquiry.counsellor_id == filters.counsellor_id)
    if filters.since is not None:
        query = query.where(Inquiry.received_at >= datetime.combine(filters.since, time.min))
    if filters.until is not None:
        end = datetime.combine(filters.until + timedelta(days=1), time.min)
        query = query.where(Inquiry.received_at < end)
    if filters.theme_id is not None:
        query = query.where(
            exists()
            .where(Need.inquiry_id == Inquiry.id, Need.subject_id == Subject.id)
            .where(Subject.theme_id == filters.theme_id)
        )
    if filters.subject_id is not None:
        query = query.where(
            exists().where(Need.inquiry_id == Inquiry.id, Need.subject_id == filters.subject_id)
        )
    organizations = inquiry_organization_filter(
        naf_section=filters.naf_section,
        headcount_band=filters.headcount_band,
        commune_insee=filters.commune_insee,
    )
    if organizations is not None:
        query = query.where(organizations)
    for word in filters.text.split():
        pattern = f"%{_escape_like(word)}%"

        def like(column: Any, pattern: str = pattern) -> Any:
            return column.ilike(pattern, escape="\\")

        query = query.where(
            or_(
                like(Inquiry.reference),
                like(Inquiry.summary),
                Inquiry.organization_id.in_(
                    select(Organization.id).where(
                        or_(
                            like(Organization.legal_name),
                            like(Organization.trade_name),
                            like(Organization.city),
                            Organization.siret.like(pattern.replace(" ", ""), escape="\\"),
                        )
                    )
                ),
                Inquiry.contact_id.in_(
                    select(Contact.id).where(
                        or_(like(Contact.last_name), like(Contact.first_name), like(Contact.email))
                    )
                ),
                exists().where(
                    Need.inquiry_id == Inquiry.id,
                    or_(
                        like(Need.description),
                        Need.subject_id.in_(select(Subject.id).where(like(Subject.name))),
                    ),
                ),
            )
        )
    return query


def count_inquiries(db: Database, filters: InquiryFilters) -> int:
    with db.unit_of_work(write=False) as session:
        return session.scalar(_filtered(select(func.count(Inquiry.id)), filters)) or 0


def inquiry_ids(db: Database, filters: InquiryFilters) -> list[int]:
    """The id of every inquiry the filters keep (what the page exports), newest first."""
    with db.unit_of_work(write=False) as session:
        query = _filtered(select(Inquiry.id), filters).order_by(Inquiry.received_at.desc())
        return list(session.scalars(query))


def _minutes(received: datetime, first: datetime | None) -> int | None:
    return None if first is None else max(0, int((first - received).total_seconds() // 60))


def list_inquiries(
    db: Database,
    filters: InquiryFilters,
    *,
    sort: str = "received_at",
    descending: bool = True,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> list[InquiryListRow]:
    """One page of inquiries matching ``filters``, sorted by ``sort`` (one of :data:`SORT_KEYS`)."""
    contact = aliased(Contact)
    first_subject = (
        select(func.min(Subject.name))
        .join(Need, Need.subject_id == Subject.id)
        .where(Need.inquiry_id == Inquiry.id)
        .scalar_subquery()
    )
    delay = func.coalesce(
        func.julianday(Inquiry.first_action_at) - func.julianday(Inquiry.received_at), 1e9
    )
    if db.dialect != "sqlite":
        delay = func.coalesce(Inquiry.first_action_at - Inquiry.received_at, timedelta(days=10**5))
    orders: dict[str, Any] = {
        "reference": Inquiry.reference,
        "received_at": Inquiry.received_at,
        "organization": func.lower(func.coalesce(Organization.legal_name, "")),
        "contact": func.lower(func.coalesce(contact.last_name, "")),
        "subjects": func.lower(func.coalesce(first_subject, "")),
        "channel": Inquiry.channel,
        "counsellor": func.coalesce(Counsellor.initials, ""),
        "status": Inquiry.status,
        "minutes_to_action": delay,
    }
    order = orders.get(sort, Inquiry.received_at)
    query: Any = (
        select(
            Inquiry.id,
            Inquiry.reference,
            Inquiry.received_at,
            Organization.legal_name,
            contact.first_name,
            contact.last_name,
            Inquiry.channel,
            Counsellor.initials,
            Inquiry.status,
            Inquiry.first_action_at,
        )
        .outerjoin(Organization, Organization.id == Inquiry.organization_id)
        .outerjoin(contact, contact.id == Inquiry.contact_id)
        .outerjoin(Counsellor, Counsellor.id == Inquiry.counsellor_id)
    )
    query = _filtered(query, filters)
    tie = Inquiry.id.desc() if descending else Inquiry.id.asc()
    query = query.order_by(order.desc() if descending else order.asc(), tie)
    query = query.offset(max(offset, 0)).limit(max(limit, 0))
    with db.unit_of_work(write=False) as session:
        rows = session.execute(query).all()
        ids = [row[0] for row in rows]
        subjects: dict[int, list[str]] = {}
        if ids:
            for inquiry_id, name in session.execute(
                select(Need.inquiry_id, Subject.name)
                .join(Subject, Subject.id == Need.subject_id)
                .where(and_(Need.inquiry_id.in_(ids)))
                .order_by(Need.inquiry_id, Need.position)
            ):
                subjects.setdefault(inquiry_id, []).append(name)
    return [
        InquiryListRow(
            id=row[0],
            reference=row[1],
            received_at=row[2],
            organization=row[3] or "—",
            contact=" ".join(str(p) for p in (row[4], row[5]) if p),
            subjects=", ".join(subjects.get(row[0], [])),
            channel=label(Channel(row[6])),
            counsellor=row[7] or "",
            status=label(InquiryStatus(row[8])),
            minutes_to_action=_minutes(row[2], row[9]),
        )
        for row in rows
    ]


def find_row(db: Database, inquiry_id: int) -> InquiryListRow | None:
    """The list row of one inquiry (to show it right after it was saved)."""
    with db.unit_of_work(write=False) as session:
        reference = session.scalar(select(Inquiry.reference).where(Inquiry.id == inquiry_id))
    if reference is None:
        return None
    rows = list_inquiries(db, InquiryFilters(text=reference), limit=5)
    return next((r for r in rows if r.id == inquiry_id), None)
