"""The one source of figures, checked by hand on a known quarter, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import Inquiry
from guichet.services.figures import (
    Period,
    Share,
    reactivity,
    shown_count,
    shown_share,
    volumes,
)
from tests.services.figures_setup import NOW, build_quarter

Q1 = Period.of_quarter(2026, 1)


def test_periods_and_their_labels() -> None:
    assert (Q1.start, Q1.end, Q1.label) == (
        date(2026, 1, 1),
        date(2026, 3, 31),
        "1er trimestre 2026",
    )
    assert Period.of_quarter(2026, 4).label == "4e trimestre 2026"
    february = Period.of_month(2024, 2)
    assert (february.end, february.label) == (date(2024, 2, 29), "février 2024")
    assert february.previous_year().end == date(2023, 2, 28)
    assert Period.of_year(2026).previous_year() == Period.of_year(2025)
    assert Q1.previous_year() == Period.of_quarter(2025, 1)
    custom = Period.custom(date(2024, 2, 29), date(2024, 4, 10))
    assert custom.label == "du 29 février 2024 au 10 avril 2024"
    assert (custom.previous_year().start, custom.previous_year().end) == (
        date(2023, 2, 28),
        date(2023, 4, 10),
    )
    assert [m.month for m in custom.months()] == [2, 3, 4]
    assert Period.containing(date(2026, 8, 14), "quarter") == Period.of_quarter(2026, 3)
    with pytest.raises(ValidationError):
        Period.custom(date(2026, 2, 1), date(2026, 1, 31))


def test_volumes_of_the_quarter(portable_db: Database) -> None:
    scene = build_quarter(portable_db)
    figures = volumes(portable_db, Q1)
    assert figures.total == 7  # H (1 April, 00:00) and I (31 December) are outside
    assert [(c.key, c.count) for c in figures.by_month] == [
        ("2026-01", 3),
        ("2026-02", 2),
        ("2026-03", 2),
    ]
    assert figures.by_month[0].label == "janv. 2026"
    assert {c.key: c.count for c in figures.by_channel} == {
        "desk": 3,
        "email": 2,
        "phone": 1,
        "meeting": 1,
    }
    assert (figures.by_channel[0].key, figures.by_channel[0].label) == ("desk", "Accueil")
    first, second = (str(t) for t in scene.themes)
    assert {c.key: c.count for c in figures.by_theme} == {first: 7, second: 1}  # D in both
    assert {(r.month, r.key): r.count for r in figures.by_month_channel}[("2026-02", "email")] == 1


def test_period_comparison(portable_db: Database) -> None:
    build_quarter(portable_db)
    before = volumes(portable_db, Q1.previous_year())
    assert before.period.label == "1er trimestre 2025"
    assert before.total == 1  # J
    assert reactivity(portable_db, Q1.previous_year(), now=NOW).first_response == Share.of(1, 1)


def test_reactivity_shares_and_median_by_hand(portable_db: Database) -> None:
    build_quarter(portable_db)
    figures = reactivity(portable_db, Q1, now=NOW)
    # A, B (65 h over a weekend), D (exactly 72 h), G in; C (73 h), E (no action), F (72 h 1 min)
    assert figures.first_response == Share.of(4, 7)
    assert [m.first_response for m in figures.months] == [
        Share.of(2, 3),
        Share.of(1, 2),
        Share.of(1, 2),
    ]
    # B (65 h) and D (first of its two referrals at 10 h) in; C (73 h) and F (never sent) out
    assert figures.referral == Share.of(2, 4)
    # B exactly 5 days, D's second in a day; C 5 days and a minute, D's first never
    assert figures.taken_care == Share.of(2, 4)
    assert [m.taken_care for m in figures.months] == [
        Share.of(1, 2),
        Share.of(1, 2),
        Share.of(0, 0),
    ]
    # working minutes: 0 (G, out of hours), 30, 120 (B: Fri 17-18 + Mon 9-10), 600, 1620, 1621
    assert figures.median_minutes == pytest.approx(360.0)
    assert figures.median_count == 6
    assert figures.months[0].median_minutes == pytest.approx(120.0)
    assert (figures.targets.first_response, figures.targets.taken_care) == (0.9, 0.8)


def test_an_inquiry_not_yet_answered_counts_once_72_hours_have_passed(
    portable_db: Database,
) -> None:
    received = datetime(2026, 5, 4, 9, 0)
    with portable_db.unit_of_work() as s:
        s.add(Inquiry(reference="2026-X1", received_at=received))
    may = Period.of_month(2026, 5)
    early = reactivity(portable_db, may, now=received + timedelta(hours=71))
    assert early.first_response == Share.of(0, 0)
    late = reactivity(portable_db, may, now=received + timedelta(hours=72))
    assert late.first_response == Share.of(0, 1)


def test_statistical_confidentiality() -> None:
    assert [shown_count(n) for n in (0, 1, 2, 3, 1234)] == ["< 3", "< 3", "< 3", "3", "1\u202f234"]
    assert shown_share(Share.of(1, 2)) == "base < 3"
    assert shown_share(Share.of(0, 0)) == "—"
    assert shown_share(Share.of(3, 4)).startswith("75")


def test_a_custom_period_covering_a_whole_quarter_is_that_quarter() -> None:
    assert Period.custom(date(2026, 1, 1), date(2026, 3, 31)) == Q1
    assert Period.custom(date(2026, 2, 1), date(2026, 2, 28)).label == "février 2026"
    assert Period.custom(date(2026, 1, 1), date(2026, 12, 31)).label == "année 2026"
