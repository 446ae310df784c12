"""Working minutes between two instants: opening hours, weekends, French public holidays."""

from __future__ import annotations

from datetime import date, datetime, time

from guichet.reference.working_time import (
    WorkingHours,
    easter_sunday,
    public_holidays,
    working_minutes,
)


def test_within_one_day_counts_the_plain_minutes() -> None:
    assert working_minutes(datetime(2026, 12, 3, 10, 0), datetime(2026, 12, 3, 10, 45)) == 45


def test_friday_evening_to_monday_morning_counts_only_open_hours() -> None:
    # Friday 4 Dec 2026, 17:45 → Monday 7 Dec, 9:20: 15 + 20 minutes.
    assert working_minutes(datetime(2026, 12, 4, 17, 45), datetime(2026, 12, 7, 9, 20)) == 35


def test_before_opening_and_after_closing_count_nothing() -> None:
    assert working_minutes(datetime(2026, 12, 3, 6, 0), datetime(2026, 12, 3, 8, 59)) == 0
    assert working_minutes(datetime(2026, 12, 3, 18, 0), datetime(2026, 12, 3, 23, 0)) == 0


def test_public_holidays_are_skipped() -> None:
    # Christmas 2026 is a Friday: Thursday 17:00 → Monday 10:00 = 60 + 60 minutes.
    assert working_minutes(datetime(2026, 12, 24, 17, 0), datetime(2026, 12, 28, 10, 0)) == 120


def test_easter_and_its_moving_holidays() -> None:
    assert easter_sunday(2026) == date(2026, 4, 5)
    assert easter_sunday(2027) == date(2027, 3, 28)
    holidays = public_holidays(2026)
    assert {date(2026, 4, 6), date(2026, 5, 14), date(2026, 5, 25)} <= holidays
    assert len(holidays) == 11


def test_end_before_start_is_zero_and_hours_are_configurable() -> None:
    assert working_minutes(datetime(2026, 12, 3, 11), datetime(2026, 12, 3, 10)) == 0
    short = WorkingHours(start=time(8, 30), end=time(12, 0))
    assert working_minutes(datetime(2026, 12, 3, 8), datetime(2026, 12, 3, 14), short) == 210
