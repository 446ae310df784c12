"""The one grouped read of the candidates (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import guichet.models as m
from guichet.db import Database
from guichet.reference.communes import commune
from guichet.services.memberships import find_network
from guichet.services.opportunity_candidates import read_candidates
from guichet.services.opportunity_matches import load_context
from guichet.services.opportunity_matching import LotNeed
from guichet.services.settings import SettingsService
from guichet.services.territory import territory_codes
from tests.services.opportunity_setup import capability_id, certification_id, member

TODAY = date(2026, 11, 20)


def _need(db: Database, caps: tuple[str, ...], certs: tuple[str, ...] = ()) -> LotNeed:
    return LotNeed(
        1,
        1,
        "Lot",
        frozenset(capability_id(db, c) for c in caps),
        frozenset(certification_id(db, c) for c in certs),
    )


def test_each_candidate_is_read_once_with_its_relevant_holdings(portable_db: Database) -> None:
    db = portable_db
    need = _need(db, ("Soudure", "Câblage"), ("ISO 3834",))
    both = member(db, "Deux réseaux", ("TIG", "MIG/MAG", "Câblage", "Injection"), ("ISO 9001",))
    with db.unit_of_work() as s:  # a member of a second network: still one candidate
        s.add(
            m.Membership(
                organization_id=both,
                network=find_network(s, "Normandie Énergies", create=True),
                start_on=date(2025, 1, 1),
                status=m.MembershipStatus.ACTIVE,
            )
        )
    certified = member(db, "Certifiée seulement", ("Injection",), ("ISO 3834", "ISO 9001"))
    member(db, "Hors sujet", ("Injection",), ("ISO 9001",))
    outsider = member(db, "Annuaire", ("TIG",), kind=m.OrganizationKind.COMPANY)
    context = load_context(db, [need], today=TODAY)
    by_id = {c.id: c for c in context.candidates}
    assert set(by_id) == {both, certified}
    # only the relevant holdings: descendants of the required capabilities, required certifications
    assert by_id[both].capabilities == {
        capability_id(db, "TIG"),
        capability_id(db, "MIG/MAG"),
        capability_id(db, "Câblage"),
    }
    assert by_id[both].certifications == frozenset()
    assert by_id[certified].capabilities == frozenset()
    assert by_id[certified].certifications == {certification_id(db, "ISO 3834")}
    assert all(c.member for c in by_id.values())
    with_directory = load_context(db, [need], include_directory=True, today=TODAY)
    directory = {c.id: c for c in with_directory.candidates}
    assert set(directory) == {both, certified, outsider}
    assert not directory[outsider].member and directory[both].member
    place = commune("76384")
    assert place is not None
    assert directory[outsider][1:] == (
        "Annuaire",
        False,
        frozenset({capability_id(db, "TIG")}),
        frozenset(),
        "76384",
        place.epci_siren,
        "76384" in territory_codes(SettingsService(db).get("territory.insee_codes")),
        "11",
    )


def test_a_lot_without_requirements_reads_nobody(portable_db: Database) -> None:
    db = portable_db
    member(db, "Soudure Caux", ("Soudure",))
    with db.unit_of_work(write=False) as s:
        found = read_candidates(
            s.connection(),
            load_context(db, []).thesaurus,
            [LotNeed(1, 1, "Lot", frozenset(), frozenset())],
            exclude=(),
            include_directory=True,
            territory=frozenset(),
            today=TODAY,
        )
    assert found == []
