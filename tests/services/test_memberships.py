"""Memberships and the goal counter, on SQLite and PostgreSQL: joins, leaves, renewals,
a company moving out of the territory, merges keeping origins without counting twice."""

from __future__ import annotations

from datetime import date

import pytest

import guichet.models as m
from guichet.db import Database
from guichet.errors import ValidationError
from guichet.services.duplicates import merge_organizations
from guichet.services.memberships import MembershipService, Origin, find_network
from guichet.services.network_goals import goal_progress, load_goal, monthly_figures
from guichet.services.settings import SettingsService

LILLEBONNE, ROUEN = "76384", "76540"
TODAY = date(2026, 12, 5)


def _org(db: Database, name: str, commune: str = LILLEBONNE) -> int:
    with db.unit_of_work() as s:
        org = m.Organization(legal_name=name, commune_insee=commune)
        s.add(org)
        s.flush()
        return org.id


def _network(db: Database, name: str = "Sotraban") -> int:
    with db.unit_of_work() as s:
        network = find_network(s, name, create=True)
        assert network is not None
        return network.id


@pytest.fixture
def world(portable_db: Database) -> tuple[Database, int]:
    SettingsService(portable_db).update(
        {"territory.insee_codes": [LILLEBONNE], "network.goal_target": 3}
    )
    return portable_db, _network(portable_db)


def test_join_leave_renew_move_the_counter(world: tuple[Database, int]) -> None:
    db, sotraban = world
    service = MembershipService(db)
    a, b = _org(db, "Alpha Usinage"), _org(db, "Beta Forge")
    first = service.join(
        a, sotraban, on=date(2024, 3, 1), origin=Origin(m.MembershipOrigin.MEETING)
    )
    service.join(b, sotraban, on=date(2026, 2, 1), origin=Origin(m.MembershipOrigin.INQUIRY, 7))
    progress = goal_progress(db, TODAY)
    assert (progress.members, progress.goal.target, progress.gained_this_year) == (2, 3, 1)
    assert [(o.origin, o.count) for o in progress.origins] == [("inquiry", 1)]
    assert progress.gains[0].brought_by == "Demande au guichet"
    with pytest.raises(ValidationError, match="déjà adhérent"):
        service.join(a, sotraban, on=TODAY)
    with pytest.raises(ValidationError, match="raison"):
        service.leave(first.id, on=date(2026, 6, 30), reason="  ")
    left = service.leave(first.id, on=date(2026, 6, 30), reason="Cessation d'activité")
    assert left.status == m.MembershipStatus.LEFT and left.left_reason == "Cessation d'activité"
    assert goal_progress(db, TODAY).members == 1
    assert goal_progress(db, date(2026, 6, 29)).members == 2  # the counter at a date
    with pytest.raises(ValidationError, match="en cours"):
        service.renew(service.for_organization(b)[0].id, on=TODAY)
    again = service.renew(first.id, on=date(2026, 9, 1))
    assert again.status == m.MembershipStatus.MEMBER and again.origin_kind == "meeting"
    assert goal_progress(db, TODAY).members == 2
    months = {f.month: f for f in monthly_figures(db, months=12, at=TODAY)}
    assert months[date(2026, 6, 1)].departures == 1 and months[date(2026, 6, 1)].members == 1
    assert months[date(2026, 9, 1)].arrivals == 1 and months[date(2026, 9, 1)].members == 2
    with db.unit_of_work() as s:
        audited = s.query(m.AuditEntry).filter_by(entity="membership", field="status").count()
        assert audited >= 1  # every change is in the audit trail


def test_prospect_candidate_member_and_refused_transitions(world: tuple[Database, int]) -> None:
    db, sotraban = world
    service = MembershipService(db)
    a = _org(db, "Gamma Plasturgie")
    prospect = service.join(a, sotraban, on=date(2026, 10, 1), status=m.MembershipStatus.PROSPECT)
    assert goal_progress(db, TODAY).members == 0  # a prospect is not a member
    candidate = service.change_status(prospect.id, m.MembershipStatus.CANDIDATE, on=TODAY)
    assert candidate.status == m.MembershipStatus.CANDIDATE
    member = service.join(a, sotraban, on=TODAY)  # the same membership moves on
    assert member.id == prospect.id and member.start_on == TODAY
    assert goal_progress(db, TODAY).members == 1
    with pytest.raises(ValidationError, match="ne peut pas passer"):
        service.change_status(member.id, m.MembershipStatus.PROSPECT, on=TODAY)
    with pytest.raises(ValidationError, match="n'est pas un réseau"):
        service.join(a, _org(db, "Pas un réseau"), on=TODAY)


def test_moving_out_of_the_territory_leaves_the_territory_count(
    world: tuple[Database, int],
) -> None:
    db, sotraban = world
    a = _org(db, "Delta Mécanique")
    MembershipService(db).join(a, sotraban, on=date(2025, 1, 1))
    assert goal_progress(db, TODAY).members == 1
    with db.unit_of_work() as s:
        org = s.get(m.Organization, a)
        assert org is not None
        org.commune_insee = ROUEN
    assert goal_progress(db, TODAY).members == 0
    SettingsService(db).update({"network.goal_scope": "everywhere"})
    assert load_goal(db).scope == "everywhere"
    assert goal_progress(db, TODAY).members == 1
    with pytest.raises(ValidationError):
        SettingsService(db).update({"network.goal_scope": "ailleurs"})


def test_a_merge_keeps_memberships_and_origins_without_counting_twice(
    world: tuple[Database, int],
) -> None:
    db, sotraban = world
    service = MembershipService(db)
    keep, remove = _org(db, "Epsilon Chaudronnerie"), _org(db, "SARL Epsilon Chaudronnerie")
    service.join(keep, sotraban, on=date(2026, 3, 1), origin=Origin(m.MembershipOrigin.VISIT))
    service.join(
        remove, sotraban, on=date(2026, 4, 1), origin=Origin(m.MembershipOrigin.INQUIRY, 3)
    )
    assert goal_progress(db, TODAY).members == 2
    merge_organizations(db, keep, remove, {})
    rows = service.for_organization(keep)
    assert sorted(r.origin_kind or "" for r in rows) == ["inquiry", "visit"]  # both origins kept
    progress = goal_progress(db, TODAY)
    assert progress.members == 1 and progress.gained_this_year == 1
    assert [g.origin for g in progress.gains] == ["visit"]


def test_merging_two_networks_moves_their_members(world: tuple[Database, int]) -> None:
    db, sotraban = world
    copy = _network(db, "Sotraban (doublon)")
    a = _org(db, "Zeta Hydrogène")
    MembershipService(db).join(a, copy, on=date(2026, 1, 5))
    assert goal_progress(db, TODAY).members == 0
    result = merge_organizations(db, sotraban, copy, {})
    assert result.moved["network_members"] == 1
    assert goal_progress(db, TODAY).members == 1


def test_the_goal_network_is_found_by_name(world: tuple[Database, int]) -> None:
    db, sotraban = world
    assert load_goal(db).network_id == sotraban
    SettingsService(db).update({"network.goal_network": "Autre", "network.goal_date": "2027-06-30"})
    goal = load_goal(db)
    assert goal.network_id is None and goal.due_on == date(2027, 6, 30)
    assert goal_progress(db, TODAY).members == 0
    with pytest.raises(ValidationError, match="AAAA-MM-JJ"):
        SettingsService(db).update({"network.goal_date": "30/06/2027"})


def test_a_network_with_members_cannot_be_deleted(world: tuple[Database, int]) -> None:
    from guichet.services.organizations import OrganizationService

    db, sotraban = world
    MembershipService(db).join(_org(db, "Eta Usinage"), sotraban, on=date(2026, 1, 5))
    with pytest.raises(ValidationError, match="réseau de 1 adhésion"):
        OrganizationService(db).delete(sotraban)
