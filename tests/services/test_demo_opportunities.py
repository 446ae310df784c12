"""The demo's opportunities: a year of them, mostly hydrogen, relayed, answered, one groupement won."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

import guichet.models as m
from guichet.db import Database
from guichet.services.opportunity_matches import find_matches
from guichet.services.opportunity_views import get_opportunity, list_opportunities
from tests.conftest import DEMO_NOW


def test_a_year_of_mostly_hydrogen_opportunities(demo_db: Database) -> None:
    rows = list_opportunities(demo_db)
    assert len(rows) >= 10
    assert min(r.received_at for r in rows) >= DEMO_NOW - timedelta(days=366)
    assert sum(r.sector == "Hydrogène" for r in rows) > len(rows) / 2
    assert any(r.status == m.OpportunityStatus.OPEN and r.relayed_to == 0 for r in rows)
    assert any(r.status == m.OpportunityStatus.OPEN and r.answers for r in rows)
    assert sum(r.status == m.OpportunityStatus.CLOSED for r in rows) >= 5


def test_one_groupement_is_retained_with_its_outcome(demo_db: Database) -> None:
    with demo_db.unit_of_work(write=False) as s:
        (groupement,) = s.scalars(select(m.Groupement)).all()
        opportunity_id = groupement.opportunity_id
        assert groupement.form == m.GroupementForm.SEVERAL
        assert groupement.mandataire_id in {x.organization_id for x in groupement.members}
        retained = s.scalar(
            select(func.count()).where(
                m.Answer.groupement_id == groupement.id, m.Answer.status == m.AnswerStatus.RETAINED
            )
        )
        assert retained == len(groupement.members) >= 2
    detail = get_opportunity(demo_db, opportunity_id)
    assert detail.outcome == m.OpportunityOutcome.AWARDED and detail.awarded_amount
    assert {lot for g in detail.groupements for x in g.members for lot in x.lot_numbers} == {
        lot.number for lot in detail.lots
    }


def test_every_relay_came_after_arrival_and_demo_lots_find_members(demo_db: Database) -> None:
    rows = list_opportunities(demo_db)
    for row in rows[:3]:
        detail = get_opportunity(demo_db, row.id)
        assert all(r.relayed_at >= detail.received_at for r in detail.relays)
    result = find_matches(demo_db, rows[0].id, today=DEMO_NOW.date())
    assert all(lot.matches or lot.groupements for lot in result.lots)
