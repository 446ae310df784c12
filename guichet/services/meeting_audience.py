"""The audience of a meeting: contacts picked from the directory's search and filters, or
from the people who attended earlier meetings of a theme; invitations recorded per contact.

People who refused communications (``Contact.opposed_on``), or whose organisation is « ne pas
contacter », are left out and counted with the reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import (
    Channel,
    Contact,
    Invitation,
    Meeting,
    MeetingStatus,
    Registration,
    RegistrationStatus,
)
from guichet.reference.text import fold
from guichet.search.directory import DirectorySearch
from guichet.search.filters import SearchFilters

#: The channels an invitation goes through.
INVITATION_CHANNELS = (Channel.EMAIL, Channel.MAIL, Channel.PHONE)

OPPOSITION = "opposition"
DO_NOT_CONTACT = "ne pas contacter"
NO_EMAIL = "sans e-mail"
NO_ADDRESS = "sans adresse postale"
NO_PHONE = "sans téléphone"
ALREADY_INVITED = "déjà invité"


@dataclass(frozen=True)
class AudienceQuery:
    """Who to invite: a directory search (text + filters), and/or past attendees of a theme."""

    text: str = ""
    filters: SearchFilters = field(default_factory=SearchFilters)
    past_theme_id: int | None = None
    channel: Channel = Channel.EMAIL

    @property
    def searches_directory(self) -> bool:
        return bool(self.text.strip()) or not self.filters.is_empty


@dataclass(frozen=True)
class AudienceMember:
    contact_id: int
    name: str
    organization_id: int | None
    organization: str
    role: str
    email: str
    reason: str = ""  # why this person is left out (empty: invited)


@dataclass(frozen=True)
class AudiencePreview:
    members: tuple[AudienceMember, ...]
    excluded: tuple[AudienceMember, ...]
    organizations: int
    organizations_without_contact: int

    @property
    def exclusion_counts(self) -> dict[str, int]:
        return dict(Counter(m.reason for m in self.excluded))

    def summary(self) -> str:
        """« 12 contacts de 9 organisations ; 3 contacts exclus : opposition »."""
        parts = [
            f"{_plural(len(self.members), 'contact')} de {_plural(self.organizations, 'organisation')}"
        ]
        for reason, count in sorted(self.exclusion_counts.items(), key=lambda kv: (-kv[1], kv[0])):
            parts.append(f"{_plural(count, 'contact')} {_plural_word(count, 'exclu')} : {reason}")
        if self.organizations_without_contact:
            n = self.organizations_without_contact
            parts.append(f"{_plural(n, 'organisation')} sans contact")
        return " ; ".join(parts)


@dataclass(frozen=True)
class InvitationsRecorded:
    recorded: int
    skipped: int  # already invited through that channel, or excluded meanwhile

    def message(self) -> str:
        text = (
            f"{_plural(self.recorded, 'invitation')} {_plural_word(self.recorded, 'enregistrée')}"
        )
        if self.skipped:
            text += f" ({self.skipped} déjà invités ou exclus)"
        return text + "."


def _plural_word(count: int, word: str) -> str:
    return word + ("s" if count > 1 else "")


def _plural(count: int, word: str) -> str:
    return f"{count} {_plural_word(count, word)}"


def exclusion_reason(contact: Contact, channel: Channel) -> str:
    """Why a contact may not be invited through ``channel`` (empty when they may)."""
    org = contact.organization
    if contact.opposed_on is not None:
        return OPPOSITION
    if org is not None and org.do_not_contact:
        return DO_NOT_CONTACT
    if channel == Channel.EMAIL and not contact.email:
        return NO_EMAIL
    if channel == Channel.MAIL:
        own = contact.address_street and contact.postal_code
        if not own and not (org is not None and org.address_street and org.postal_code):
            return NO_ADDRESS
    if channel == Channel.PHONE and not (contact.phone or contact.mobile):
        return NO_PHONE
    return ""


def _past_attendees(session: Session, theme_id: int) -> set[int]:
    return set(
        session.scalars(
            select(Registration.contact_id)
            .join(Meeting, Meeting.id == Registration.meeting_id)
            .where(
                Meeting.theme_id == theme_id,
                Meeting.status != MeetingStatus.CANCELLED,
                Registration.status == RegistrationStatus.PRESENT,
            )
        )
    )


def _member(contact: Contact, reason: str) -> AudienceMember:
    org = contact.organization
    return AudienceMember(
        contact_id=contact.id,
        name=contact.full_name,
        organization_id=org.id if org else None,
        organization=org.legal_name if org else "",
        role=contact.role or "",
        email=contact.email or "",
        reason=reason,
    )


def preview_audience(
    db: Database, meeting_id: int, query: AudienceQuery, *, search: DirectorySearch | None = None
) -> AudiencePreview:
    """The contacts the query reaches, those left out (with why), sorted by organisation."""
    if not query.searches_directory and query.past_theme_id is None:
        raise ValidationError(
            "Choisissez au moins un critère : une recherche, un filtre ou un thème déjà suivi."
        )
    org_ids: set[int] | None = None
    if query.searches_directory:
        engine = search or DirectorySearch(db)
        org_ids = set(engine.ids(query.text, query.filters))
    with db.unit_of_work(write=False) as session:
        if session.get(Meeting, meeting_id) is None:
            raise NotFoundError("Cette réunion n'existe plus.")
        people = select(Contact).where(Contact.anonymized_at.is_(None))
        if query.past_theme_id is not None:
            people = people.where(Contact.id.in_(_past_attendees(session, query.past_theme_id)))
        if org_ids is not None:
            people = people.where(Contact.organization_id.in_(org_ids))
        contacts = list(session.scalars(people.options(selectinload(Contact.organization))))
        invited = set(
            session.scalars(
                select(Invitation.contact_id).where(
                    Invitation.meeting_id == meeting_id, Invitation.channel == query.channel
                )
            )
        )
        members: list[AudienceMember] = []
        excluded: list[AudienceMember] = []
        for contact in contacts:
            reason = exclusion_reason(contact, query.channel)
            if not reason and contact.id in invited:
                reason = ALREADY_INVITED
            (excluded if reason else members).append(_member(contact, reason))
        with_contacts = {c.organization_id for c in contacts}
        without = len(org_ids - with_contacts) if org_ids is not None else 0
    key = _sort_key
    return AudiencePreview(
        members=tuple(sorted(members, key=key)),
        excluded=tuple(sorted(excluded, key=key)),
        organizations=len({m.organization_id for m in members if m.organization_id}),
        organizations_without_contact=without,
    )


def _sort_key(member: AudienceMember) -> tuple[bool, str, str]:
    return (not member.organization, fold(member.organization), fold(member.name))


def record_invitations(
    db: Database,
    meeting_id: int,
    contact_ids: Iterable[int],
    *,
    channel: Channel,
    sent_on: date | None = None,
) -> InvitationsRecorded:
    """One invitation per contact through ``channel``; the exclusions are checked again here
    (a person may have opposed since the preview)."""
    if channel not in INVITATION_CHANNELS:
        raise ValidationError("Canal d'invitation : e-mail, courrier ou téléphone.")
    wanted = list(dict.fromkeys(contact_ids))
    day = sent_on or date.today()
    with db.unit_of_work() as session:
        if session.get(Meeting, meeting_id) is None:
            raise NotFoundError("Cette réunion n'existe plus.")
        already = set(
            session.scalars(
                select(Invitation.contact_id).where(
                    Invitation.meeting_id == meeting_id, Invitation.channel == channel
                )
            )
        )
        contacts = session.scalars(
            select(Contact)
            .where(Contact.id.in_(wanted), Contact.anonymized_at.is_(None))
            .options(selectinload(Contact.organization))
        ).all()
        recorded = 0
        for contact in contacts:
            if contact.id in already or exclusion_reason(contact, channel):
                continue
            session.add(
                Invitation(
                    meeting_id=meeting_id, contact_id=contact.id, channel=channel, sent_on=day
                )
            )
            recorded += 1
        return InvitationsRecorded(recorded=recorded, skipped=len(wanted) - recorded)


@dataclass(frozen=True)
class InvitationRow:
    contact_id: int
    name: str
    organization: str
    email: str
    channel: Channel
    sent_on: date


def invitations(db: Database, meeting_id: int) -> list[InvitationRow]:
    """A meeting's invitations, sorted by organisation then name."""
    with db.unit_of_work(write=False) as session:
        rows = session.scalars(
            select(Invitation)
            .where(Invitation.meeting_id == meeting_id)
            .options(selectinload(Invitation.contact).selectinload(Contact.organization))
        ).all()
        result = [
            InvitationRow(
                contact_id=i.contact_id,
                name=i.contact.full_name,
                organization=i.contact.organization.legal_name if i.contact.organization else "",
                email=i.contact.email or "",
                channel=i.channel,
                sent_on=i.sent_on,
            )
            for i in rows
        ]
    return sorted(result, key=lambda r: (not r.organization, fold(r.organization), fold(r.name)))
