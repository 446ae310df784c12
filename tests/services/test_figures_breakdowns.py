"""Breakdowns, referrals by partner and outcome, the map's counts and the whole set, on the known
quarter of figures_setup, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from guichet.db import Database
from guichet.models import Membership, MembershipStatus, Organization, OrganizationKind
from guichet.services.figures import (
    Period,
    Share,
    activity_figures,
    by_counsellor,
    by_headcount_band,
    by_naf_section,
    commune_counts,
    figures_as_json,
    referral_figures,
    top_subjects,
)
from guichet.services.network_goals import load_goal
from tests.services.figures_setup import NOW, build_quarter

Q1 = Period.of_quarter(2026, 1)


def test_breakdowns_of_the_quarter(portable_db: Database) -> None:
    scene = build_quarter(portable_db)
    claire, paul = (str(i) for i in scene.counsellor_ids)
    assert {c.key: (c.label, c.count) for c in by_counsellor(portable_db, Q1)} == {
        claire: ("CL", 5),
        paul: ("PH", 2),
    }
    # Dupont (25.62B, C) for A, B, F, G; Normandie Chimie (20.14Z, C too) for C, D; E has none
    sections = {c.key: c.count for c in by_naf_section(portable_db, Q1)}
    assert sections == {"C": 6, "": 1}
    bands = by_headcount_band(portable_db, Q1)
    assert [(c.key, c.count) for c in bands] == [("11", 4), ("41", 2), ("", 1)]
    assert bands[0].label == "10 à 19 salariés"
    subjects = top_subjects(portable_db, Q1)
    assert [c.count for c in subjects] == [7, 1]


def test_referrals_by_partner_and_outcome(portable_db: Database) -> None:
    scene = build_quarter(portable_db)
    figures = referral_figures(portable_db, Q1)
    assert figures.sent == 4  # F's referral was never sent
    assert [(c.key, c.count) for c in figures.by_partner] == [(str(scene.partner_id), 4)]
    assert {c.key: c.count for c in figures.by_outcome} == {"sent": 1, "taken_care": 3}
    assert figures.closed_loop == Share.of(0, 4)


def test_map_counts_by_measure(portable_db: Database) -> None:
    build_quarter(portable_db)
    inquiries = commune_counts(portable_db, Q1, "inquiries")
    assert {c.key: c.count for c in inquiries.counts} == {"76384": 4, "76476": 2, "": 1}
    assert inquiries.counts[0].label == "Lillebonne"
    referrals = commune_counts(portable_db, Q1, "referrals")
    assert {c.key: c.count for c in referrals.counts} == {"76384": 1, "76476": 3}
    goal = load_goal(portable_db)
    with portable_db.unit_of_work() as s:
        network = s.get(Organization, goal.network_id) if goal.network_id else None
        if network is None:
            network = Organization(kind=OrganizationKind.NETWORK, legal_name=goal.network)
            s.add(network)
            s.flush()
        member = Organization(
            kind=OrganizationKind.MEMBER, legal_name="Adhérent", commune_insee="76384"
        )
        s.add(member)
        s.flush()
        s.add(
            Membership(
                organization_id=member.id,
                network_id=network.id,
                start_on=date(2025, 6, 1),
                status=MembershipStatus.MEMBER,
            )
        )
    members = commune_counts(portable_db, Q1, "members")
    assert {c.key: c.count for c in members.counts} == {"76384": 1}
    assert commune_counts(portable_db, Period.of_year(2024), "members").counts == ()


def test_every_figure_at_once_and_as_json(portable_db: Database) -> None:
    build_quarter(portable_db)
    figures = activity_figures(portable_db, Q1, now=NOW)
    assert figures.previous == Period.of_quarter(2025, 1)
    assert (figures.volumes.total, figures.previous_volumes.total) == (7, 1)
    assert figures.reactivity.first_response == Share.of(4, 7)
    data = figures_as_json(figures)
    assert data["period"]["start"] == "2026-01-01"
    assert data["reactivity"]["first_response"] == {"hits": 4, "total": 7, "rate": 4 / 7}
    assert data["communes"]["measure"] == "inquiries"
