"""Closed vocabularies of meetings, with their French labels registered beside the others."""

from __future__ import annotations

from enum import StrEnum

from guichet.models.enums import LABELS


class MeetingKind(StrEnum):
    INFORMATION = "information"
    WORKSHOP = "workshop"
    BREAKFAST = "breakfast"
    COLLECTIVE_VISIT = "collective_visit"
    FAIR = "fair"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class RegistrationStatus(StrEnum):
    REGISTERED = "registered"
    WAITING = "waiting"
    CANCELLED = "cancelled"
    PRESENT = "present"
    EXCUSED = "excused"
    ABSENT = "absent"


#: Statuses that hold a seat (capacity counts them).
SEATED = frozenset(
    {
        RegistrationStatus.REGISTERED,
        RegistrationStatus.PRESENT,
        RegistrationStatus.EXCUSED,
        RegistrationStatus.ABSENT,
    }
)

_PAIRS: tuple[tuple[StrEnum, str], ...] = (
    (MeetingKind.INFORMATION, "Réunion d'information"),
    (MeetingKind.WORKSHOP, "Atelier"),
    (MeetingKind.BREAKFAST, "Petit-déjeuner"),
    (MeetingKind.COLLECTIVE_VISIT, "Visite d'entreprise collective"),
    (MeetingKind.FAIR, "Salon"),
    (MeetingStatus.PLANNED, "Prévue"),
    (MeetingStatus.HELD, "Tenue"),
    (MeetingStatus.CANCELLED, "Annulée"),
    (RegistrationStatus.REGISTERED, "Inscrit"),
    (RegistrationStatus.WAITING, "Liste d'attente"),
    (RegistrationStatus.CANCELLED, "Annulé"),
    (RegistrationStatus.PRESENT, "Présent"),
    (RegistrationStatus.EXCUSED, "Absent excusé"),
    (RegistrationStatus.ABSENT, "Absent"),
)
LABELS.update({(type(k), k.value): v for k, v in _PAIRS})
