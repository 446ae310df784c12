"""A meeting as an iCalendar file (RFC 5545), written with the ``icalendar`` library.

Times are in Europe/Paris with the zone's VTIMEZONE in the file, so a calendar shows the meeting
at the right local time on either side of a daylight-saving change. Naive times are read as
Paris wall-clock times (how the app stores them). The file is what mail clients attach to an
invitation: METHOD:PUBLISH, one VEVENT with a stable UID (the same meeting updates, never
duplicates, an entry already imported).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vRecur,
    vText,
)

PARIS = ZoneInfo("Europe/Paris")
PRODID = "-//Guichet//Réunions//FR"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # stable: « reunion-42@caux-seine.fr »
    title: str
    starts: datetime
    ends: datetime | None = None  # default: one hour after the start
    location: str = ""
    description: str = ""
    organizer_name: str = ""
    organizer_email: str = ""
    cancelled: bool = False
    sequence: int = 0  # raise it when the meeting changes


def paris_time(moment: datetime) -> datetime:
    """``moment`` in Europe/Paris (a naive time is already a Paris wall-clock time)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=PARIS)
    return moment.astimezone(PARIS)


def paris_timezone() -> Timezone:
    """Europe/Paris as the EU rule (last Sunday of March and of October, since 1996).

    Written with RRULEs, as Outlook and Google write it: the RDATE lists that
    ``add_missing_timezones`` generates are read wrongly by dateutil-based readers (vobject
    puts a July meeting at UTC+1), and mail clients handle the rule form best.
    """
    zone = Timezone()
    zone.add("tzid", "Europe/Paris")
    for part, name, start, month, offsets in (
        (TimezoneDaylight(), "CEST", datetime(1996, 3, 31, 2, 0), 3, (1, 2)),
        (TimezoneStandard(), "CET", datetime(1996, 10, 27, 3, 0), 10, (2, 1)),
    ):
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("tzoffsetfrom", timedelta(hours=offsets[0]))
        part.add("tzoffsetto", timedelta(hours=offsets[1]))
        part.add("rrule", vRecur(freq="YEARLY", bymonth=month, byday="-1SU"))
        zone.add_component(part)
    return zone


def calendar_bytes(event: CalendarEvent, *, stamp: datetime | None = None) -> bytes:
    """The ``.ics`` file (CRLF lines, UTF-8)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    entry = Event()
    entry.add("uid", event.uid)
    entry.add("dtstamp", (stamp or datetime.now()).astimezone(ZoneInfo("UTC")))
    starts = paris_time(event.starts)
    ends = paris_time(event.ends) if event.ends is not None else starts + timedelta(hours=1)
    entry.add("dtstart", starts)
    entry.add("dtend", max(ends, starts))
    entry.add("summary", " ".join(event.title.split()))
    if event.location.strip():
        entry.add("location", event.location.strip())
    if event.description.strip():
        entry.add("description", event.description.strip())
    if event.organizer_email.strip():
        organizer = vCalAddress(f"mailto:{event.organizer_email.strip()}")
        if event.organizer_name.strip():
            organizer.params["cn"] = vText(event.organizer_name.strip())
        entry.add("organizer", organizer)
    entry.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    entry.add("sequence", event.sequence)
    entry.add("transp", "OPAQUE")
    calendar.add_component(paris_timezone())
    calendar.add_component(entry)
    return calendar.to_ical()
