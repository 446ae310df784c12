"""What the meeting documents print, as plain data: the renderers never see the database.

A sign-in sheet (« feuille d'émargement ») and a sheet of name badges both take a
:class:`MeetingHeading` and people as :class:`Attendee`; every text is plain (the renderers make
it printable and fit it to its box). No reportlab and no Qt here: services build these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from guichet.letters.document import Letterhead
from guichet.reference.text import fold


@dataclass(frozen=True)
class MeetingHeading:
    """The meeting as printed at the top of a sheet and on each badge."""

    title: str
    when: str  # « jeudi 26 mars 2026, 9 h 30 – 11 h 30 »
    place: str = ""  # one line: place name, address, town
    kind: str = ""  # « Réunion d'information »…


@dataclass(frozen=True)
class Attendee:
    name: str  # as printed: « Jeanne Martin »
    organization: str = ""
    role: str = ""
    sort_name: str = ""  # how it sorts (« Martin Jeanne »); default: the name


def sorted_attendees(attendees: tuple[Attendee, ...] | list[Attendee]) -> list[Attendee]:
    """By organisation, then name, ignoring case and accents; people without one come last."""
    return sorted(
        attendees,
        key=lambda a: (
            not a.organization.strip(),
            fold(a.organization),
            fold(a.sort_name or a.name),
        ),
    )


@dataclass(frozen=True)
class SignInSheet:
    letterhead: Letterhead
    meeting: MeetingHeading
    attendees: tuple[Attendee, ...]
    blank_lines: int = 8  # for walk-ins
    created: datetime | None = None


@dataclass(frozen=True)
class LabelLayout:
    """A sheet of labels on A4 portrait, millimetres; margins ``None`` centre the grid."""

    columns: int = 2
    rows: int = 5
    width_mm: float = 85.0
    height_mm: float = 54.0
    left_mm: float | None = None
    top_mm: float | None = None
    gap_x_mm: float = 0.0
    gap_y_mm: float = 0.0

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows


@dataclass(frozen=True)
class BadgeSheet:
    letterhead: Letterhead
    meeting: MeetingHeading
    attendees: tuple[Attendee, ...]
    layout: LabelLayout = LabelLayout()
    created: datetime | None = None
