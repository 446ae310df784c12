"""A meeting's files, read from the database: sign-in sheet, badges, invitations, .ics, .eml.

One read per action (``unit_of_work(write=False)``); the builders of
:mod:`guichet.services.meeting_documents` do the rest outside the session. Invitations go to
the contacts invited through the matching channel (« Courrier » for the print run, « E-mail »
for the drafts); anyone who has since refused communications, or whose organisation is
« ne pas contacter », is left out and counted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.letters.meeting_data import Attendee
from guichet.models import Channel, Contact, Counsellor, Invitation, Meeting, label
from guichet.models.meeting_enums import SEATED, MeetingStatus, RegistrationStatus
from guichet.services.letter_recipient import recipient_address, recipient_problems
from guichet.services.letters import safe_file_name
from guichet.services.meeting_documents import (
    Draft,
    Invitee,
    MeetingFacts,
    Organizer,
    agenda_ics,
    badges_pdf,
    ics_file_name,
    invitation_drafts,
    invitations_pdf,
    sign_in_sheet_pdf,
)
from guichet.services.meetings import get_meeting, meeting_place
from guichet.services.personal_data.opposition import opposed
from guichet.services.settings import SettingsService

#: Who is printed on the sign-in sheet and gets a badge: a seat, and not excused.
ON_THE_SHEET = SEATED - {RegistrationStatus.EXCUSED}


@dataclass(frozen=True)
class MeetingFile:
    file_name: str
    data: bytes
    count: int = 0  # people in it (lines, badges, letters)
    excluded: int = 0  # invited people left out (opposition, « ne pas contacter »)
    warnings: tuple[str, ...] = ()  # letters La Poste could not deliver (what is missing)


def _facts(session: Session, meeting: Meeting) -> MeetingFacts:
    counsellor = session.get(Counsellor, meeting.counsellor_id) if meeting.counsellor_id else None
    organizer = Organizer()
    if counsellor is not None:
        organizer = Organizer(
            counsellor.name,
            counsellor.title or "",
            counsellor.phone or "",
            counsellor.email or "",
            counsellor.signature or "",
        )
    return MeetingFacts(
        id=meeting.id,
        title=meeting.title,
        starts=meeting.start_at,
        ends=meeting.end_at,
        kind_label=label(meeting.kind),
        place=meeting_place(meeting).text,
        description=meeting.description or "",
        theme=meeting.theme.name if meeting.theme else "",
        partners=tuple(p.organization.display_name for p in meeting.partners),
        speakers=tuple(s.name for s in meeting.speakers),
        organizer=organizer,
        cancelled=meeting.status == MeetingStatus.CANCELLED,
        revision=meeting.version,
    )


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFoundError("Cette réunion n'existe plus.")
    return meeting


def _opposed(contact: Contact) -> bool:
    return opposed(contact)


def _base_name(kind: str, facts: MeetingFacts) -> str:
    return safe_file_name(f"{kind}-{facts.starts:%Y-%m-%d}-{facts.title[:60]}")


class MeetingFiles:
    def __init__(self, db: Database) -> None:
        self.db = db

    def facts(self, meeting_id: int) -> MeetingFacts:
        with self.db.unit_of_work(write=False) as session:
            return _facts(session, _meeting(session, meeting_id))

    def attendees(self, meeting_id: int) -> tuple[MeetingFacts, list[Attendee]]:
        """The meeting and who is on its sheet, sorted by organisation then last name."""
        facts = self.facts(meeting_id)
        rows = [
            r for r in get_meeting(self.db, meeting_id).registrations if r.status in ON_THE_SHEET
        ]
        people = [
            Attendee(
                name=" ".join(p for p in (r.first_name, r.last_name) if p) or r.name,
                organization=r.organization,
                role=r.role,
                sort_name=f"{r.last_name} {r.first_name}",
            )
            for r in rows
        ]
        return facts, people

    def sign_in_sheet(self, meeting_id: int) -> MeetingFile:
        facts, people = self.attendees(meeting_id)
        pdf = sign_in_sheet_pdf(facts, people, SettingsService(self.db).all())
        return MeetingFile(_base_name("emargement", facts) + ".pdf", pdf, len(people))

    def badges(self, meeting_id: int) -> MeetingFile:
        facts, people = self.attendees(meeting_id)
        if not people:
            raise ValidationError("Aucun inscrit : il n'y a pas de badge à imprimer.")
        pdf = badges_pdf(facts, people, SettingsService(self.db).all())
        return MeetingFile(_base_name("badges", facts) + ".pdf", pdf, len(people))

    def invitees(self, meeting_id: int, channel: Channel | None) -> tuple[list[Invitee], int]:
        """Contacts invited through ``channel`` (any channel: ``None``), by organisation then
        name, and how many were left out because they oppose communications."""
        with self.db.unit_of_work(write=False) as session:
            _meeting(session, meeting_id)
            query = (
                select(Invitation)
                .where(Invitation.meeting_id == meeting_id)
                .options(selectinload(Invitation.contact).selectinload(Contact.organization))
            )
            if channel is not None:
                query = query.where(Invitation.channel == channel)
            invitations = session.scalars(query).all()
            people, excluded = [], 0
            for contact in {i.contact_id: i.contact for i in invitations}.values():
                if _opposed(contact):
                    excluded += 1
                    continue
                org = contact.organization
                people.append(
                    Invitee(
                        name=contact.full_name,
                        organization=org.display_name if org else "",
                        civility=contact.civility,
                        role=contact.role or "",
                        email=(contact.email or (org.email if org else None) or "").strip(),
                        address=recipient_address(org, contact),
                    )
                )
        people.sort(
            key=lambda p: (not p.organization, p.organization.casefold(), p.name.casefold())
        )
        return people, excluded

    def invitations(
        self,
        meeting_id: int,
        *,
        everyone: bool = False,
        day: date | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> MeetingFile:
        """The print run: one letter per contact invited by post (``everyone``: per contact
        invited through any channel), merged into one PDF."""
        facts = self.facts(meeting_id)
        people, excluded = self.invitees(meeting_id, None if everyone else Channel.MAIL)
        if not people:
            raise ValidationError(
                "Aucun contact invité pour cette réunion."
                if everyone
                else "Aucun contact invité par courrier pour cette réunion : ajoutez des "
                "invités avec le canal « Courrier », ou écrivez à tous les invités."
            )
        settings = SettingsService(self.db).all()
        pdf = invitations_pdf(facts, people, settings, day or date.today(), progress=progress)
        name = _base_name("invitations", facts) + ".pdf"
        problems = (recipient_problems(person.address) for person in people)
        warnings = tuple(problem for problem in problems if problem)
        return MeetingFile(name, pdf, len(people), excluded, warnings)

    def agenda(self, meeting_id: int, *, stamp: datetime | None = None) -> MeetingFile:
        facts = self.facts(meeting_id)
        ics = agenda_ics(facts, SettingsService(self.db).all(), stamp=stamp)
        return MeetingFile(ics_file_name(facts), ics, 1)

    def email_drafts(
        self, meeting_id: int, *, one_per_contact: bool, moment: datetime | None = None
    ) -> tuple[list[Draft], int]:
        """``.eml`` drafts for the contacts invited by e-mail (with an address), the ``.ics``
        attached; and how many were left out (opposition, or no e-mail address)."""
        facts = self.facts(meeting_id)
        people, excluded = self.invitees(meeting_id, Channel.EMAIL)
        reachable = [p for p in people if p.email]
        if not reachable:
            raise ValidationError(
                "Aucun contact invité par e-mail (avec une adresse) pour cette réunion."
            )
        drafts = invitation_drafts(
            facts,
            reachable,
            SettingsService(self.db).all(),
            one_per_contact=one_per_contact,
            moment=(moment or datetime.now()).astimezone(),
        )
        return drafts, excluded + len(people) - len(reachable)
