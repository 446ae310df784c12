"""Members are ranked by how well they answer the need: a matching capability first, then a
description that mentions it, the territory only as a preference inside each group; a member
that only shares a commune name or a word of its name with the need is not suggested."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from guichet.db import Database
from guichet.models import Capability, Membership, Need, Organization, OrganizationKind
from guichet.services.memberships import find_network
from guichet.services.need_terms import search_terms, spelled
from guichet.services.referral_needs import recent_needs
from guichet.services.referral_suggestions import Suggestion, SuggestionService
from tests.services.referral_setup import build_scene

LILLEBONNE, ROUEN = "76384", "76540"


def _member(
    db: Database,
    name: str,
    commune: str,
    *,
    capability: str | None = None,
    description: str | None = None,
) -> int:
    with db.unit_of_work() as s:
        org = Organization(
            kind=OrganizationKind.MEMBER,
            legal_name=name,
            commune_insee=commune,
            city="Lillebonne" if commune == LILLEBONNE else "Rouen",
            description=description,
        )
        if capability is not None:
            cap = s.scalars(select(Capability).where(Capability.name == capability)).first()
            assert cap is not None, capability
            org.capabilities.append(cap)
        s.add(org)
        s.flush()
        network = find_network(s, "Sotraban", create=True)
        s.add(Membership(organization_id=org.id, network=network, start_on=date(2025, 1, 1)))
        return org.id


def _describe(db: Database, need_id: int, text: str) -> None:
    with db.unit_of_work() as s:
        need = s.get(Need, need_id)
        assert need is not None
        need.description = text


def _members(suggestions: list[Suggestion]) -> list[Suggestion]:
    return [s for s in suggestions if s.source == "network"]


def test_capability_beats_commune_and_territory_orders_within(db: Database) -> None:
    scene = build_scene(db)
    far_skill = _member(db, "Injection Rouennaise", ROUEN, capability="Injection")
    near_skill = _member(db, "Plasturgie Voisine", LILLEBONNE, capability="Injection")
    near_text = _member(
        db, "Ateliers du Port", LILLEBONNE, description="Moules pour l'injection de pièces."
    )
    same_commune = _member(db, "Mécanique de Lillebonne", LILLEBONNE, capability="TIG")
    _describe(db, scene.need_id, "Besoin ponctuel en injection pour un chantier à Lillebonne.")

    suggestions = SuggestionService(db).for_need(scene.need_id).suggestions
    ids = [s.organization_id for s in suggestions]

    assert suggestions[0].source == "routing"  # the routing table still leads
    assert ids.index(near_skill) < ids.index(far_skill) < ids.index(near_text)
    assert same_commune not in ids  # shares only the commune's name with the need
    by_id = {s.organization_id: s for s in suggestions}
    assert (
        by_id[far_skill].reason == "Adhérent du réseau — Compétence : Injection — hors territoire"
    )
    assert by_id[near_skill].reason == (
        "Adhérent du réseau — Compétence : Injection — sur le territoire"
    )
    assert by_id[near_text].reason == (
        "Adhérent du réseau — Description mentionnant « injection » — sur le territoire"
    )


def test_descendant_capability_counts_and_name_alone_does_not(db: Database) -> None:
    scene = build_scene(db)
    child = _member(db, "Tournage Rouennais", ROUEN, capability="Tournage CN")
    by_name = _member(db, "Usinage Lillebonnais", LILLEBONNE)
    _describe(db, scene.need_id, "Pièces à sous-traiter en usinage.")

    suggestions = SuggestionService(db).for_need(scene.need_id).suggestions
    ids = [s.organization_id for s in suggestions]

    assert child in ids and by_name not in ids
    assert "Compétence : Tournage CN" in suggestions[ids.index(child)].reason


@pytest.mark.parametrize("text", ["Injection plastique", "soudure TIG", "usinage 5 axes"])
def test_demo_capability_holders_rank_above_text_matches(demo_db: Database, text: str) -> None:
    needs = [n for n in recent_needs(demo_db, text="") if n.description]
    need_id = needs[0].id
    _describe(demo_db, need_id, f"Besoin ponctuel en {text} pour un chantier à Lillebonne.")

    members = _members(SuggestionService(demo_db).for_need(need_id).suggestions)

    skilled = [s.reason.startswith("Adhérent du réseau — Compétence") for s in members]
    assert any(skilled), text
    assert skilled == sorted(skilled, reverse=True), [s.reason for s in members]
    for group in (True, False):
        near = [s.on_territory for s, k in zip(members, skilled, strict=True) if k is group]
        assert near == sorted(near, reverse=True)
    assert all("Commune" not in s.reason and "Nom" not in s.reason for s in members)


def test_demo_screenshot_need_puts_injection_holders_first(demo_db: Database) -> None:
    needs = recent_needs(demo_db, text="sous-traitant")
    need = next(n for n in needs if n.consent and n.description and not n.referrals)
    assert "injection" in need.description.lower()  # the need of the screenshot

    members = _members(SuggestionService(demo_db).for_need(need.id).suggestions)

    with demo_db.unit_of_work() as s:
        holders = {
            o.id
            for o in s.scalars(select(Organization).where(Organization.kind == "member"))
            if any(c.name == "Injection" for c in o.capabilities) and not o.do_not_refer
        }
    top = {m.organization_id for m in members[: len(holders)]}
    assert holders and top == holders


def test_place_names_in_the_need_are_not_search_words(db: Database) -> None:
    scene = build_scene(db)
    skilled = _member(db, "Plasturgie Voisine", LILLEBONNE, capability="Injection")
    seine = _member(db, "Mécanique de la Seine", LILLEBONNE, description="Ateliers en Seine.")
    _describe(db, scene.need_id, "Besoin en injection pour un chantier à Port-Jérôme-sur-Seine.")

    ids = [s.organization_id for s in SuggestionService(db).for_need(scene.need_id).suggestions]

    assert skilled in ids and seine not in ids
    assert "seine" not in search_terms(
        "Sous-traitance", "Chantier à Rouen, Seine", frozenset({"seine"})
    )


def test_reason_quotes_the_word_as_written() -> None:
    text = "Investissement dans un équipement de soudure TIG, Cœur de métier."
    assert spelled("equipement", text) == "équipement"
    assert spelled("soudure tig", text) == "soudure TIG"
    assert spelled("coeur", text) == "cœur"
    assert spelled("absent", text) == "absent"
