"""Suggestions for a need: routing-table partners, then network members from the directory."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from guichet.db import Database
from guichet.models import Capability, Membership, Organization, OrganizationKind, RoutingRule
from guichet.services.memberships import find_network
from guichet.services.referral_suggestions import SuggestionService, rule_fits, search_terms
from guichet.services.referrals import ReferralChoice, ReferralService
from tests.services.referral_setup import build_scene


def _member(
    db: Database, name: str, capability: str, commune: str, *, do_not_refer: bool = False
) -> int:
    with db.unit_of_work() as s:
        cap = s.scalars(select(Capability).where(Capability.name == capability)).first()
        assert cap is not None, capability
        org = Organization(
            kind=OrganizationKind.MEMBER,
            legal_name=name,
            commune_insee=commune,
            city="Lillebonne" if commune == "76384" else "Rouen",
            do_not_refer=do_not_refer,
        )
        org.capabilities.append(cap)
        s.add(org)
        s.flush()
        network = find_network(s, "Sotraban", create=True)
        s.add(Membership(organization_id=org.id, network=network, start_on=date(2025, 1, 1)))
        return org.id


def test_routing_partner_first_then_members_on_territory_first(db: Database) -> None:
    scene = build_scene(db)
    with db.unit_of_work() as s:
        cap = s.scalars(select(Capability).where(Capability.name.like("TIG%"))).first()
        assert cap is not None
        capability = cap.name
    far = _member(db, "Soudure Lointaine", capability, "76540")  # Rouen, off territory
    near = _member(db, "Soudure Voisine", capability, "76384")  # Lillebonne
    banned = _member(db, "Soudure Bannie", capability, "76384", do_not_refer=True)
    with db.unit_of_work() as s:
        from guichet.models import Need

        need = s.get(Need, scene.need_id)
        assert need is not None
        need.description = "Sous-traitant en soudure TIG pour des cuves."
    context = SuggestionService(db).for_need(scene.need_id)
    ids = [sg.organization_id for sg in context.suggestions]
    assert ids[0] == scene.partner_id
    assert context.suggestions[0].source == "routing"
    assert "Partenaire désigné" in context.suggestions[0].reason
    assert context.suggestions[0].default_contact_id == scene.contact_id
    assert banned not in ids
    assert ids.index(near) < ids.index(far)
    near_suggestion = context.suggestions[ids.index(near)]
    assert "Compétence" in near_suggestion.reason and "sur le territoire" in near_suggestion.reason
    assert context.consent and context.consent_message == ""


def test_rule_limits(db: Database) -> None:
    scene = build_scene(db)  # company: Lillebonne 76384, band 11, NAF 25.62B
    with db.unit_of_work() as s:
        company = s.get(Organization, scene.company_id)
        for communes, bands, naf, expected in [
            ("76384|76058", None, None, True),
            ("76058", None, None, False),
            (None, "11|12", "25", True),
            (None, "21", None, False),
            (None, None, "25.6|28", True),
            (None, None, "28", False),
        ]:
            rule = RoutingRule(
                subject_id=scene.subject_id,
                partner_id=scene.partner_id,
                communes=communes,
                headcount_bands=bands,
                naf_prefixes=naf,
            )
            assert rule_fits(rule, company)[0] is expected, (communes, bands, naf)
        unknown = RoutingRule(subject_id=1, partner_id=1, communes="76058")
        fits, notes = rule_fits(unknown, None)
        assert fits and "à vérifier" in notes[0]


def test_excluded_by_rule_and_open_referral_flag(db: Database) -> None:
    scene = build_scene(db)
    with db.unit_of_work() as s:
        s.add(
            RoutingRule(
                subject_id=scene.subject_id, partner_id=scene.other_partner_id, communes="76058"
            )
        )
    service = SuggestionService(db)
    assert scene.other_partner_id not in [
        s.organization_id for s in service.for_need(scene.need_id).suggestions
    ]
    ReferralService(db).create(scene.need_id, [ReferralChoice(scene.partner_id)])
    first = service.for_need(scene.need_id).suggestions[0]
    assert first.organization_id == scene.partner_id and first.already_open


def test_no_consent_is_announced(db: Database) -> None:
    scene = build_scene(db, consent=False)
    context = SuggestionService(db).for_need(scene.need_id)
    assert not context.consent and "consentement" in context.consent_message


def test_search_terms_keep_pairs_and_rare_words() -> None:
    terms = search_terms("Recherche de sous-traitant", "Besoin en soudure TIG pour des cuves")
    assert terms[0] == "Recherche de sous-traitant"
    assert "soudure tig" in terms and "cuves" in terms
    assert "pour" not in terms and "des" not in terms
