"""The Réseau page's months (members at each month's end, arrivals, departures) computed by
bisection over merged spans give what the definitions give, period by period."""

from __future__ import annotations

from datetime import date

from guichet.services.network_goals import _months, _Period

DAY = date(2026, 6, 15)


def period(org: int, start: date, end: date | None) -> _Period:
    return _Period(org, f"Entreprise {org}", start, end, "unknown", None, (None, None, None))


def test_overlaps_renewals_and_empty_periods_count_once() -> None:
    periods = sorted(
        [
            # 1: two overlapping periods, then a renewal the day the second ends: one member
            period(1, date(2026, 1, 10), date(2026, 3, 20)),
            period(1, date(2026, 2, 1), date(2026, 4, 5)),
            period(1, date(2026, 4, 5), None),
            # 2: leaves on 10 March and comes back in May (a departure, then an arrival)
            period(2, date(2025, 12, 1), date(2026, 3, 10)),
            period(2, date(2026, 5, 2), None),
            # 3: an old « échue » without its date (end = start): never a member
            period(3, date(2026, 2, 3), date(2026, 2, 3)),
            # 4: left before the months shown
            period(4, date(2024, 1, 1), date(2025, 6, 1)),
        ],
        key=lambda p: (p.start, p.organization_id),
    )
    months = {m.month: (m.members, m.arrivals, m.departures) for m in _months(periods, 6, DAY)}
    assert months == {
        date(2026, 1, 1): (2, 1, 0),
        date(2026, 2, 1): (2, 1, 0),  # 3 counts as an arrival, as it always has
        date(2026, 3, 1): (1, 0, 1),
        date(2026, 4, 1): (1, 0, 0),
        date(2026, 5, 1): (2, 1, 0),
        date(2026, 6, 1): (2, 0, 0),
    }
