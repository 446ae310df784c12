"""The meeting's .ics: RFC 5545 read back by ``icalendar`` and by ``vobject``, at the right
Paris time on both sides of a daylight-saving change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import vobject

from guichet.exporters.calendar import CalendarEvent, calendar_bytes

TITLE = "Hydrogène ; marchés, « filière »\nsuite"


def _event(starts: datetime, ends: datetime, **fields: object) -> CalendarEvent:
    return CalendarEvent(
        uid="reunion-7@caux-seine.example",
        title=TITLE,
        starts=starts,
        ends=ends,
        location="Maison de l'entreprise, 3 rue Verte, 76170 Lillebonne",
        description="Ordre du jour :\n- la filière\n- vos besoins",
        organizer_name="Claire Lemonnier",
        organizer_email="claire@caux-seine.example",
        **fields,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("starts", "utc_hour", "offset_hours"),
    [
        (datetime(2026, 10, 25, 9, 30), 8, 1),  # last Sunday of October: back to winter time
        (datetime(2026, 10, 24, 9, 30), 7, 2),  # the day before: still summer time
        (datetime(2026, 3, 29, 9, 30), 7, 2),  # last Sunday of March: summer time
        (datetime(2026, 3, 28, 9, 30), 8, 1),
    ],
)
def test_local_time_survives_daylight_saving(
    starts: datetime, utc_hour: int, offset_hours: int
) -> None:
    data = calendar_bytes(_event(starts, starts + timedelta(hours=2)))
    assert b"\r\n" in data and b"TZID:Europe/Paris" in data
    [event] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    start = event.decoded("dtstart")
    assert start.replace(tzinfo=None) == starts
    assert start.utcoffset() == timedelta(hours=offset_hours)
    assert start.astimezone(UTC).hour == utc_hour
    assert str(event["summary"]) == " ".join(TITLE.split())
    parsed = vobject.readOne(data.decode("utf-8"))
    read = parsed.vevent.dtstart.value
    assert read.replace(tzinfo=None) == starts
    assert read.astimezone(UTC).hour == utc_hour
    assert parsed.vevent.summary.value == " ".join(TITLE.split())
    assert parsed.vevent.location.value.startswith("Maison de l'entreprise, 3 rue Verte")
    assert parsed.vevent.description.value == "Ordre du jour :\n- la filière\n- vos besoins"
    assert parsed.vevent.uid.value == "reunion-7@caux-seine.example"


def test_an_event_across_the_change_lasts_its_real_duration() -> None:
    # 24 Oct 22:00 CEST → 25 Oct 04:00 CET: 7 hours of real time.
    data = calendar_bytes(_event(datetime(2026, 10, 24, 22), datetime(2026, 10, 25, 4)))
    parsed = vobject.readOne(data.decode("utf-8")).vevent
    elapsed = parsed.dtend.value.astimezone(UTC) - parsed.dtstart.value.astimezone(UTC)
    assert elapsed == timedelta(hours=7)  # same tzinfo: Python subtracts wall clocks (6 h)


def test_aware_times_are_written_in_paris_and_cancellation_is_said() -> None:
    utc_start = datetime(2026, 7, 1, 7, 0, tzinfo=UTC)
    data = calendar_bytes(_event(utc_start, utc_start + timedelta(hours=1), cancelled=True))
    assert b"DTSTART;TZID=Europe/Paris:20260701T090000" in data
    [event] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"
    assert str(event["organizer"]) == "mailto:claire@caux-seine.example"
