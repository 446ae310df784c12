"""Meetings the desk organises: create, edit, list, and read one with its registrations.

The read side returns plain dataclasses; the documents of a meeting (sign-in sheet, badges,
invitations) are rendered from :func:`get_meeting` and :func:`registrants`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from guichet.db import Database
from guichet.errors import NotFoundError
from guichet.models import (
    Counsellor,
    Meeting,
    MeetingKind,
    MeetingPartner,
    MeetingSpeaker,
    MeetingStatus,
    Registration,
    RegistrationStatus,
    Subject,
    label,
)
from guichet.models.meeting_enums import SEATED
from guichet.reference.text import fold
from guichet.services.locking import ensure_current
from guichet.services.meeting_checks import check_meeting
from guichet.services.meeting_figures import MeetingCounts, meeting_counts
from guichet.services.meeting_registrations import promote_waiting
from guichet.services.meeting_types import (
    MeetingData,
    MeetingDetail,
    MeetingPlace,
    MeetingRow,
    OrganizerChoice,
    Partner,
    Registrant,
    Speaker,
    SpeakerData,
)
from guichet.services.permissions import Permission, require


def registrant_sort_key(row: Registrant) -> tuple[bool, str, str, str]:
    """Organisation then name, accents and case folded; people without organisation last."""
    return (not row.organization, fold(row.organization), fold(row.last_name), fold(row.first_name))


def _registrant(reg: Registration) -> Registrant:
    contact = reg.contact
    org = contact.organization
    return Registrant(
        registration_id=reg.id,
        contact_id=contact.id,
        name=contact.full_name,
        civility=contact.civility or "",
        first_name=contact.first_name or "",
        last_name=contact.last_name,
        organization_id=org.id if org else None,
        organization=org.legal_name if org else "",
        role=contact.role or "",
        email=contact.email or "",
        phone=contact.phone or contact.mobile or "",
        status=reg.status,
        status_label=label(reg.status),
        registered_at=reg.registered_at,
        walk_in=reg.walk_in,
        waiting_position=reg.waiting_position,
        version=reg.version,
    )


def meeting_place(meeting: Meeting) -> MeetingPlace:
    org = meeting.place_organization
    if org is not None and not (meeting.place_street or meeting.place_city):
        parts = (org.address_street or "", " ".join(p for p in (org.postal_code, org.city) if p))
        return MeetingPlace(
            name=meeting.place_name or org.legal_name,
            lines=tuple(line for line in parts if line),
            commune_insee=org.commune_insee,
            organization_id=org.id,
        )
    city = " ".join(p for p in (meeting.place_postal_code, meeting.place_city) if p)
    lines = tuple(line for line in (meeting.place_street or "", city) if line)
    name = meeting.place_name or (org.legal_name if org else "")
    return MeetingPlace(
        name=name,
        lines=lines,
        commune_insee=meeting.place_commune_insee or (org.commune_insee if org else None),
        organization_id=org.id if org else None,
    )


def _data(meeting: Meeting) -> MeetingData:
    return MeetingData(
        title=meeting.title,
        start_at=meeting.start_at,
        end_at=meeting.end_at,
        kind=meeting.kind,
        theme_id=meeting.theme_id,
        subject_ids=tuple(s.id for s in meeting.subjects),
        place_organization_id=meeting.place_organization_id,
        place_name=meeting.place_name,
        place_street=meeting.place_street,
        place_postal_code=meeting.place_postal_code,
        place_city=meeting.place_city,
        place_commune_insee=meeting.place_commune_insee,
        capacity=meeting.capacity,
        counsellor_id=meeting.counsellor_id,
        description=meeting.description,
        status=meeting.status,
        partner_ids=tuple(p.organization_id for p in meeting.partners),
        speakers=tuple(
            SpeakerData(s.name, s.organization_id, s.contact_id, s.topic) for s in meeting.speakers
        ),
    )


def _load(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFoundError("Cette réunion n'existe plus.")
    return meeting


def _apply(session: Session, meeting: Meeting, data: MeetingData) -> None:
    for name in (
        "title",
        "start_at",
        "end_at",
        "kind",
        "theme_id",
        "place_organization_id",
        "place_name",
        "place_street",
        "place_postal_code",
        "place_city",
        "place_commune_insee",
        "capacity",
        "counsellor_id",
        "description",
        "status",
    ):
        value = getattr(data, name)
        if getattr(meeting, name) != value:
            setattr(meeting, name, value)
    wanted = set(data.subject_ids)
    if {s.id for s in meeting.subjects} != wanted:
        meeting.subjects = list(session.scalars(select(Subject).where(Subject.id.in_(wanted))))
    partners = {p.organization_id: p for p in meeting.partners}
    for org_id in set(partners) - set(data.partner_ids):
        meeting.partners.remove(partners[org_id])
    for org_id in data.partner_ids:
        if org_id not in partners:
            meeting.partners.append(MeetingPartner(organization_id=org_id))
    current = [
        SpeakerData(s.name, s.organization_id, s.contact_id, s.topic) for s in meeting.speakers
    ]
    if current != list(data.speakers):
        meeting.speakers.clear()
        session.flush()
        for position, speaker in enumerate(data.speakers):
            meeting.speakers.append(
                MeetingSpeaker(
                    position=position,
                    name=speaker.name,
                    organization_id=speaker.organization_id,
                    contact_id=speaker.contact_id,
                    topic=speaker.topic,
                )
            )


def create_meeting(db: Database, data: MeetingData) -> int:
    """Record a new meeting; returns its id."""
    checked = check_meeting(data)
    with db.unit_of_work() as session:
        meeting = Meeting(title=checked.title, start_at=checked.start_at, end_at=checked.end_at)
        session.add(meeting)
        _apply(session, meeting, checked)
        session.flush()
        return meeting.id


def update_meeting(
    db: Database, meeting_id: int, data: MeetingData, *, version: int | None
) -> None:
    checked = check_meeting(data)
    with db.unit_of_work() as session:
        meeting = _load(session, meeting_id)
        ensure_current(meeting, version)
        _apply(session, meeting, checked)
        promote_waiting(session, meeting)  # a larger room seats those waiting


def delete_meeting(db: Database, meeting_id: int) -> None:
    """Delete a meeting with its invitations and registrations (inquiries keep their text)."""
    with db.unit_of_work() as session:
        require(session, Permission.DELETE)
        meeting = session.get(Meeting, meeting_id)
        if meeting is not None:
            session.delete(meeting)


def get_meeting(db: Database, meeting_id: int) -> MeetingDetail:
    """One meeting with its place, partners, speakers and every registration."""
    with db.unit_of_work(write=False) as session:
        meeting = _load(session, meeting_id)
        regs = session.scalars(
            select(Registration)
            .where(Registration.meeting_id == meeting_id)
            .options(selectinload(Registration.contact))
        ).all()
        rows = sorted((_registrant(r) for r in regs), key=registrant_sort_key)
        counsellor = (
            session.get(Counsellor, meeting.counsellor_id) if meeting.counsellor_id else None
        )
        return MeetingDetail(
            id=meeting.id,
            version=meeting.version,
            data=_data(meeting),
            title=meeting.title,
            kind_label=label(meeting.kind),
            status_label=label(meeting.status),
            theme=meeting.theme.name if meeting.theme else "",
            subjects=tuple(s.name for s in meeting.subjects),
            place=meeting_place(meeting),
            counsellor=counsellor.name if counsellor else "",
            partners=tuple(
                Partner(p.organization_id, p.organization.legal_name) for p in meeting.partners
            ),
            speakers=tuple(
                Speaker(s.name, s.organization.legal_name if s.organization else "", s.topic or "")
                for s in meeting.speakers
            ),
            registrations=tuple(rows),
            counts=meeting_counts(session, [meeting_id])[meeting_id],
        )


def registrants(
    db: Database,
    meeting_id: int,
    statuses: frozenset[RegistrationStatus] | None = SEATED,
) -> list[Registrant]:
    """Registrants sorted by organisation then name; by default those holding a seat
    (inscrit, présent, absent excusé, absent), ``statuses=None`` for everyone."""
    rows = get_meeting(db, meeting_id).registrations
    return [r for r in rows if statuses is None or r.status in statuses]


def list_meetings(
    db: Database,
    *,
    now: datetime | None = None,
    status: MeetingStatus | None = None,
    kind: MeetingKind | None = None,
    text: str = "",
) -> list[MeetingRow]:
    """Upcoming meetings first (soonest first), then past ones (latest first)."""
    moment = now or datetime.now()
    with db.unit_of_work(write=False) as session:
        query = select(Meeting).options(
            selectinload(Meeting.place_organization), selectinload(Meeting.partners)
        )
        if status is not None:
            query = query.where(Meeting.status == status)
        if kind is not None:
            query = query.where(Meeting.kind == kind)
        meetings = list(session.scalars(query))
        needle = fold(text.strip())
        if needle:
            meetings = [m for m in meetings if needle in fold(f"{m.title} {meeting_place(m).text}")]
        counts = meeting_counts(session, [m.id for m in meetings])
        upcoming = sorted((m for m in meetings if m.end_at >= moment), key=lambda m: m.start_at)
        past = sorted(
            (m for m in meetings if m.end_at < moment), key=lambda m: m.start_at, reverse=True
        )
        return [
            MeetingRow(
                id=m.id,
                title=m.title,
                kind=m.kind,
                kind_label=label(m.kind),
                start_at=m.start_at,
                end_at=m.end_at,
                place=meeting_place(m).text,
                status=m.status,
                status_label=label(m.status),
                capacity=m.capacity,
                counts=counts[m.id],
            )
            for m in upcoming + past
        ]


__all__ = [
    "MeetingCounts",
    "MeetingData",
    "MeetingDetail",
    "MeetingPlace",
    "MeetingRow",
    "OrganizerChoice",
    "Partner",
    "Registrant",
    "Speaker",
    "SpeakerData",
    "create_meeting",
    "delete_meeting",
    "get_meeting",
    "list_meetings",
    "meeting_place",
    "organizer_choices",
    "registrant_sort_key",
    "registrants",
    "update_meeting",
]


def organizer_choices(db: Database) -> list[OrganizerChoice]:
    """The agency and the partner institutions: places and co-organisers of meetings."""
    from guichet.models import Organization, OrganizationKind

    with db.unit_of_work(write=False) as session:
        rows = session.execute(
            select(Organization.id, Organization.legal_name)
            .where(Organization.kind.in_((OrganizationKind.AGENCY, OrganizationKind.PARTNER)))
            .order_by(Organization.kind, Organization.legal_name)
        ).all()
    return [OrganizerChoice(org_id, name) for org_id, name in rows]
