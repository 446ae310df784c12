"""Each SearchFilters field, with and without typed text."""

from __future__ import annotations

from datetime import date

import pytest

import guichet.models as m
from guichet.db import Database
from guichet.models import MembershipStatus, OrganizationKind
from guichet.search import DirectorySearch, SearchFilters
from guichet.search.sql_filters import months_before
from guichet.services.memberships import find_network
from tests.search.helpers import add_org, capability_id, named_id

TODAY = date(2026, 11, 20)
BOLBEC, LE_HAVRE = "76114", "76351"


@pytest.fixture
def directory(db: Database) -> Database:
    add_org(
        db,
        "Alpha Usinage",
        kind=OrganizationKind.MEMBER,
        capabilities=["Tournage CN"],
        certifications=["ISO 9001"],
        sectors=["Hydrogène"],
        commune_insee=BOLBEC,
        naf_code="25.62B",
        headcount_band="12",
        verified_on=date(2026, 6, 1),
    )
    add_org(
        db,
        "Beta Usinage",
        kind=OrganizationKind.COMPANY,
        capabilities=["Fraisage 5 axes"],
        certifications=["EN 9100"],
        sectors=["Aéronautique"],
        commune_insee=LE_HAVRE,
        naf_code="28.41Z",
        headcount_band="21",
        verified_on=date(2024, 1, 1),
        do_not_refer=True,
    )
    add_org(db, "Gamma Conseil", kind=OrganizationKind.PARTNER, capabilities=["Injection"])
    with db.unit_of_work() as s:
        alpha = s.query(m.Organization).filter_by(legal_name="Alpha Usinage").one()
        beta = s.query(m.Organization).filter_by(legal_name="Beta Usinage").one()
        network = find_network(s, "Sotraban", create=True)
        s.add(m.Membership(organization=alpha, network=network, start_on=date(2025, 1, 1)))
        s.add(
            m.Membership(
                organization=beta,
                network=network,
                start_on=date(2020, 1, 1),
                end_on=date(2023, 1, 1),
                status=MembershipStatus.LAPSED,
            )
        )
    return db


def found(db: Database, filters: SearchFilters, text: str = "") -> list[str]:
    search = DirectorySearch(db, today=lambda: TODAY)
    hits = [h.legal_name for h in search.search(text, filters)]
    assert search.count(text, filters) == len(hits)
    return sorted(hits)


def test_no_filter_keeps_everything(directory: Database) -> None:
    assert found(directory, SearchFilters()) == [
        "Alpha Usinage",
        "Beta Usinage",
        "Gamma Conseil",
        "Sotraban",  # the network is an organisation of kind « réseau »
    ]


def test_kinds(directory: Database) -> None:
    kinds = frozenset({OrganizationKind.MEMBER, OrganizationKind.PARTNER})
    assert found(directory, SearchFilters(kinds=kinds)) == ["Alpha Usinage", "Gamma Conseil"]


def test_capability_includes_descendants(directory: Database) -> None:
    usinage = capability_id(directory, "Usinage")
    tournage = capability_id(directory, "Tournage CN")
    assert found(directory, SearchFilters(capability_ids=frozenset({usinage}))) == [
        "Alpha Usinage",
        "Beta Usinage",
    ]
    assert found(directory, SearchFilters(capability_ids=frozenset({tournage}))) == [
        "Alpha Usinage"
    ]
    both = frozenset({tournage, capability_id(directory, "Injection")})
    assert found(directory, SearchFilters(capability_ids=both)) == []  # each one is required


def test_certification_and_sector(directory: Database) -> None:
    iso = named_id(directory, m.Certification, "ISO 9001")
    aero = named_id(directory, m.Sector, "Aéronautique")
    assert found(directory, SearchFilters(certification_ids=frozenset({iso}))) == ["Alpha Usinage"]
    assert found(directory, SearchFilters(sector_ids=frozenset({aero}))) == ["Beta Usinage"]


def test_commune_and_territory(directory: Database) -> None:
    assert found(directory, SearchFilters(commune_insee=LE_HAVRE)) == ["Beta Usinage"]
    assert found(directory, SearchFilters(on_territory=True)) == ["Alpha Usinage"]  # Bolbec
    hits = DirectorySearch(directory).search("usinage")
    assert {h.legal_name: h.on_territory for h in hits} == {
        "Alpha Usinage": True,
        "Beta Usinage": False,
    }


def test_naf_division_and_headcount(directory: Database) -> None:
    assert found(directory, SearchFilters(naf_division="25")) == ["Alpha Usinage"]
    bands = frozenset({"21", "22"})
    assert found(directory, SearchFilters(headcount_bands=bands)) == ["Beta Usinage"]


def test_active_network_membership(directory: Database) -> None:
    assert found(directory, SearchFilters(network="Sotraban")) == ["Alpha Usinage"]
    assert found(directory, SearchFilters(network="Autre réseau")) == []


def test_verified_within_months(directory: Database) -> None:
    assert found(directory, SearchFilters(verified_within_months=12)) == ["Alpha Usinage"]
    assert found(directory, SearchFilters(verified_within_months=36)) == [
        "Alpha Usinage",
        "Beta Usinage",
    ]


def test_exclude_do_not_refer(directory: Database) -> None:
    assert found(directory, SearchFilters(exclude_do_not_refer=True), "usinage") == [
        "Alpha Usinage"
    ]


def test_filters_combine_with_text(directory: Database) -> None:
    filters = SearchFilters(kinds=frozenset({OrganizationKind.COMPANY}))
    assert found(directory, filters, "usinage") == ["Beta Usinage"]
    assert found(directory, filters, "gamma") == []


def test_months_before_clamps_to_the_end_of_month() -> None:
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 12) == date(2025, 1, 15)
