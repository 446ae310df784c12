"""Prospects for the network: fit, exclusions (members, « ne pas orienter »), SIRENE rows
added in one action, « Proposer l'adhésion » recording a referral and a candidate."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

import guichet.models as m
from guichet.db import Database
from guichet.errors import ValidationError
from guichet.services.memberships import MembershipService, find_network
from guichet.services.prospects import list_prospects, propose_membership
from guichet.services.settings import SettingsService
from guichet.services.sirene_lookup import create_from_sirene

LILLEBONNE, ROUEN = "76384", "76540"
NOW = datetime(2026, 12, 5, 10, 0)


def _org(db: Database, name: str, naf: str | None, **fields: object) -> int:
    with db.unit_of_work() as s:
        values: dict[str, object] = {"commune_insee": LILLEBONNE, **fields}
        org = m.Organization(legal_name=name, naf_code=naf, **values)
        s.add(org)
        s.flush()
        return org.id


@pytest.fixture
def scene(portable_db: Database) -> tuple[Database, dict[str, int]]:
    db = portable_db
    SettingsService(db).update({"territory.insee_codes": [LILLEBONNE]})
    with db.unit_of_work() as s:
        network = find_network(s, "Sotraban", create=True)
        assert network is not None
        s.add(
            m.SireneEstablishment(
                siret="73282932000074",
                siren="732829320",
                name="PLASTIQUES DU CAUX",
                naf_code="22.29A",
                headcount_band="12",
                commune_insee=LILLEBONNE,
                city="LILLEBONNE",
                active=True,
            )
        )
        s.flush()
        network_id = network.id
    ids = {
        "network": network_id,
        "usinage": _org(db, "Usinage Martin", "25.62B", headcount_band="21"),
        "petit": _org(db, "Tournage Petit", "25.62A", headcount_band="01"),
        "boulangerie": _org(db, "Boulangerie Centrale", "10.71C"),
        "refus": _org(db, "Forge Refusée", "25.50A", do_not_refer=True),
        "ailleurs": _org(db, "Mécanique Rouennaise", "28.41Z", commune_insee=ROUEN),
        "membre": _org(db, "Membre Ancien", "25.11Z"),
    }
    MembershipService(db).join(ids["membre"], network_id, on=date(2024, 1, 1))
    return db, ids


def test_prospects_fit_and_exclusions(scene: tuple[Database, dict[str, int]]) -> None:
    db, ids = scene
    found = list_prospects(db, today=NOW.date())
    names = [p.name for p in found]
    assert names == ["Usinage Martin", "PLASTIQUES DU CAUX", "Tournage Petit"]  # by fit
    assert "NAF 25.62B" in found[0].reasons and "50 à 99 salariés" in found[0].reasons
    assert not found[1].in_directory and "pas encore dans l'annuaire" in found[1].reasons
    created = create_from_sirene(db, "73282932000074")  # « Ajouter à l'annuaire »
    again = list_prospects(db, today=NOW.date())
    plastics = next(p for p in again if p.siret == "73282932000074")
    assert plastics.organization_id == created.id
    assert len(again) == 3  # the same company, now from the directory, listed once
    MembershipService(db).join(ids["petit"], ids["network"], on=NOW.date())
    assert "Tournage Petit" not in [p.name for p in list_prospects(db, today=NOW.date())]


def test_proposing_membership_records_a_referral_and_a_candidate(
    scene: tuple[Database, dict[str, int]],
) -> None:
    db, ids = scene
    with pytest.raises(ValidationError, match="consentement"):
        propose_membership(db, ids["usinage"], consent=False, now=NOW)
    with pytest.raises(ValidationError, match="ne pas orienter"):
        propose_membership(db, ids["refus"], consent=True, now=NOW)
    proposal = propose_membership(db, ids["usinage"], consent=True, now=NOW)
    with db.unit_of_work() as s:
        referral = s.get(m.Referral, proposal.referral_id)
        assert referral is not None and referral.partner_id == ids["network"]
        assert referral.status == m.ReferralStatus.PROPOSED
        assert referral.need.inquiry.reference == proposal.inquiry_reference
        assert "Adhésion" in referral.need.subject.name
        membership = s.get(m.Membership, proposal.membership_id)
        assert membership is not None and membership.status == m.MembershipStatus.CANDIDATE
        assert (membership.origin_kind, membership.origin_id) == ("referral", referral.id)
    [usinage] = [p for p in list_prospects(db, today=NOW.date()) if p.name == "Usinage Martin"]
    assert usinage.status == "Candidat"
    with pytest.raises(ValidationError, match="candidat"):
        propose_membership(db, ids["usinage"], consent=True, now=NOW)
    with db.unit_of_work() as s:  # nothing half-written by the refused second proposal
        assert len(list(s.scalars(select(m.Referral)))) == 1
    joined = MembershipService(db).join(ids["usinage"], ids["network"], on=NOW.date())
    assert joined.id == proposal.membership_id and joined.status == m.MembershipStatus.MEMBER
    assert "Usinage Martin" not in [p.name for p in list_prospects(db, today=NOW.date())]


def test_prospects_fit_by_a_trade_or_one_of_its_sub_capabilities(
    scene: tuple[Database, dict[str, int]],
) -> None:
    db, _ids = scene
    SettingsService(db).update({"network.fit_capabilities": ["Usinage"]})
    with db.unit_of_work() as s:
        machining = m.Capability(name="Usinage")
        turning = m.Capability(name="Tournage CN", parent=machining)
        baking = m.Capability(name="Panification")
        s.add_all([machining, turning, baking])
        s.flush()
        s.add_all(
            [
                m.Organization(
                    legal_name="Atelier Sans NAF", commune_insee=LILLEBONNE, capabilities=[turning]
                ),
                m.Organization(
                    legal_name="Fournil du Caux", commune_insee=LILLEBONNE, capabilities=[baking]
                ),
            ]
        )
    found = {p.name: p for p in list_prospects(db, today=NOW.date())}
    assert found["Atelier Sans NAF"].reasons == "Compétences : Tournage CN"
    assert found["Atelier Sans NAF"].score == 2
    assert "Fournil du Caux" not in found and "Membre Ancien" not in found
