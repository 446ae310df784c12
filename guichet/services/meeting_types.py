"""The plain data of meetings: what the form edits and what the services return.

Re-exported by :mod:`guichet.services.meetings`, which callers import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from guichet.models import MeetingKind, MeetingStatus, RegistrationStatus
from guichet.services.meeting_figures import MeetingCounts


@dataclass(frozen=True)
class SpeakerData:
    name: str
    organization_id: int | None = None
    contact_id: int | None = None
    topic: str | None = None


@dataclass(frozen=True)
class MeetingData:
    """What the meeting form edits."""

    title: str
    start_at: datetime
    end_at: datetime
    kind: MeetingKind = MeetingKind.INFORMATION
    theme_id: int | None = None
    subject_ids: tuple[int, ...] = ()
    place_organization_id: int | None = None
    place_name: str | None = None
    place_street: str | None = None
    place_postal_code: str | None = None
    place_city: str | None = None
    place_commune_insee: str | None = None
    capacity: int | None = None
    counsellor_id: int | None = None
    description: str | None = None
    status: MeetingStatus = MeetingStatus.PLANNED
    partner_ids: tuple[int, ...] = ()
    speakers: tuple[SpeakerData, ...] = ()


@dataclass(frozen=True)
class MeetingPlace:
    """Where a meeting takes place: a name and its address lines (street, postcode and city)."""

    name: str
    lines: tuple[str, ...]
    commune_insee: str | None = None
    organization_id: int | None = None

    @property
    def text(self) -> str:
        """One line: « Maison de l'entreprise, 3 rue Verte, 76170 Lillebonne »."""
        return ", ".join(part for part in (self.name, *self.lines) if part)


@dataclass(frozen=True)
class Registrant:
    """One person registered to a meeting (any status)."""

    registration_id: int
    contact_id: int
    name: str
    civility: str
    first_name: str
    last_name: str
    organization_id: int | None
    organization: str
    role: str
    email: str
    phone: str
    status: RegistrationStatus
    status_label: str
    registered_at: datetime
    walk_in: bool
    waiting_position: int | None
    version: int


@dataclass(frozen=True)
class Speaker:
    name: str
    organization: str
    topic: str


@dataclass(frozen=True)
class Partner:
    organization_id: int
    name: str


@dataclass(frozen=True)
class MeetingRow:
    """A meeting in the list of the page and of ``guichet reunions``."""

    id: int
    title: str
    kind: MeetingKind
    kind_label: str
    start_at: datetime
    end_at: datetime
    place: str
    status: MeetingStatus
    status_label: str
    capacity: int | None
    counts: MeetingCounts


@dataclass(frozen=True)
class MeetingDetail:
    id: int
    version: int
    data: MeetingData
    title: str
    kind_label: str
    status_label: str
    theme: str
    subjects: tuple[str, ...]
    place: MeetingPlace
    counsellor: str
    partners: tuple[Partner, ...]
    speakers: tuple[Speaker, ...]
    registrations: tuple[Registrant, ...]
    counts: MeetingCounts = field(default_factory=MeetingCounts)

    @property
    def start_at(self) -> datetime:
        return self.data.start_at

    @property
    def end_at(self) -> datetime:
        return self.data.end_at


@dataclass(frozen=True)
class OrganizerChoice:
    id: int
    name: str
