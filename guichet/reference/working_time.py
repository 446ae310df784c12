"""Working time: the minutes of the desk's opening hours between two instants.

The desk's réactivité goals count working time (« relayée dans l'heure ouvrée »): an
opportunity received on Friday at 17:45 and relayed on Monday at 9:20 took 35 working minutes
with hours of 9:00–18:00, not three days. Weekends and French public holidays (fixed days,
Easter Monday, Ascension, Whit Monday) do not count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache


@dataclass(frozen=True)
class WorkingHours:
    start: time = time(9, 0)
    end: time = time(18, 0)
    weekdays: frozenset[int] = frozenset(range(5))  # Monday = 0


def easter_sunday(year: int) -> date:
    """Gregorian Easter (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return date(year, month, day)


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    """The eleven French public holidays of ``year`` (metropolitan France)."""
    easter = easter_sunday(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    moving = [easter + timedelta(days=n) for n in (1, 39, 50)]
    return frozenset([date(year, m, d) for m, d in fixed] + moving)


def is_working_day(day: date, hours: WorkingHours = WorkingHours()) -> bool:
    return day.weekday() in hours.weekdays and day not in public_holidays(day.year)


def working_minutes(start: datetime, end: datetime, hours: WorkingHours = WorkingHours()) -> float:
    """Minutes of working time from ``start`` to ``end`` (0 when ``end`` is not after it)."""
    if end <= start:
        return 0.0
    total = 0.0
    day = start.date()
    while day <= end.date():
        if is_working_day(day, hours):
            opens = datetime.combine(day, hours.start, start.tzinfo)
            closes = datetime.combine(day, hours.end, start.tzinfo)
            low, high = max(opens, start), min(closes, end)
            if high > low:
                total += (high - low).total_seconds() / 60
        day += timedelta(days=1)
    return total
