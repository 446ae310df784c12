"""The capability thesaurus: tree, add, rename, move, synonyms, delete with confirmation."""

from __future__ import annotations

import pytest
from sqlalchemy import select

import guichet.models as m
from guichet.db import Database
from guichet.errors import ValidationError
from guichet.services.capabilities import (
    CapabilityInUseError,
    CapabilityService,
    certifications,
    networks,
    sectors,
)
from guichet.services.memberships import find_network
from guichet.services.organization_rules import OrganizationData
from guichet.services.organizations import OrganizationService


def _id(service: CapabilityService, name: str) -> int:
    return next(n.id for n in service.tree() if n.name == name)


def test_tree_is_depth_first_with_paths_and_synonyms(db: Database) -> None:
    tree = CapabilityService(db).tree()
    by_name = {n.name: n for n in tree}
    turning = by_name["Tournage CN"]
    assert turning.path == "Mécanique › Usinage › Tournage CN"
    assert turning.depth == 2
    assert "tournage" in by_name["Usinage"].synonyms
    positions = {n.id: i for i, n in enumerate(tree)}
    assert all(positions[n.parent_id] < positions[n.id] for n in tree if n.parent_id)


def test_add_rename_move_and_synonyms(db: Database) -> None:
    service = CapabilityService(db)
    machining = _id(service, "Usinage")
    new = service.add("  Brochage  ", machining)
    with pytest.raises(ValidationError, match="existe déjà"):
        service.add("brochage", machining)
    service.rename(new, "Brochage intérieur")
    assert service.set_synonyms(new, ["EDM", " edm ", "érosion | fil", ""]) == (
        "EDM",
        "érosion fil",
    )
    node = next(n for n in service.tree() if n.id == new)
    assert node.path == "Mécanique › Usinage › Brochage intérieur"
    assert node.synonyms == ("EDM", "érosion fil")
    service.move(new, None)
    assert next(n for n in service.tree() if n.id == new).depth == 0


def test_move_under_its_own_child_is_refused(db: Database) -> None:
    service = CapabilityService(db)
    with pytest.raises(ValidationError, match="sous elle-même"):
        service.move(_id(service, "Mécanique"), _id(service, "Tournage CN"))


def test_delete_in_use_needs_confirmation_and_unlinks(db: Database) -> None:
    service = CapabilityService(db)
    turning = _id(service, "Tournage CN")
    org = OrganizationService(db).create(
        OrganizationData(legal_name="Tournerie", capability_ids=frozenset({turning}))
    )
    machining = _id(service, "Usinage")
    assert service.usage(machining) == 1
    with pytest.raises(CapabilityInUseError) as caught:
        service.delete(machining)
    assert caught.value.organizations == 1
    assert any(n.id == turning for n in service.tree())
    service.delete(machining, confirmed=True)
    names = {n.name for n in service.tree()}
    assert "Usinage" not in names and "Tournage CN" not in names and "Mécanique" in names
    assert OrganizationService(db).get(org.organization_id).capabilities == ()


def test_unused_capability_is_deleted_without_confirmation(db: Database) -> None:
    service = CapabilityService(db)
    service.delete(_id(service, "Rectification"))
    assert "Rectification" not in {n.name for n in service.tree()}


def test_closed_lists(db: Database) -> None:
    assert "ISO 9001" in [c.name for c in certifications(db)]
    assert "Hydrogène" in [s.name for s in sectors(db)]
    assert networks(db) == []
    org = (
        OrganizationService(db)
        .create(OrganizationData(legal_name="Xylo Plasturgie"))
        .organization_id
    )
    with db.unit_of_work() as s:
        from datetime import date

        for name in ("Autre réseau", "Sotraban"):
            network = find_network(s, name, create=True)
            s.add(m.Membership(organization_id=org, network=network, start_on=date(2026, 1, 1)))
    assert networks(db) == ["Sotraban", "Autre réseau"]
    with db.unit_of_work() as s:
        assert s.scalar(select(m.Membership.id)) is not None
