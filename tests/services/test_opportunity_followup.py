"""Follow-up of a relayed opportunity and its figures, on SQLite and PostgreSQL: answers,
J-7/J-2 reminders, closing with the outcome, the organization card's list, the figures."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

import guichet.models as m
from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import AnswerStatus, OpportunityOutcome
from guichet.services.opportunities import LotInput
from guichet.services.opportunity_card import received_opportunities
from guichet.services.opportunity_figures import (
    answer_rate,
    by_month_and_sector,
    lots_won_on_territory,
    time_to_relay,
)
from guichet.services.opportunity_followup import (
    AnswerInput,
    AwardInput,
    close_opportunity,
    due_reminders,
    mark_reminded,
    record_answer,
    relayed_members,
    reminder_stage,
)
from guichet.services.relay import RelayChoice, relay_opportunity
from tests.services.opportunity_setup import buyer, member, opportunity

# opportunity(): received Monday 2 Nov 2026 at 9:00, answer deadline 4 Dec 2026 at 12:00
RELAYED = datetime(2026, 11, 2, 9, 40)
YEAR = (datetime(2026, 1, 1), datetime(2027, 1, 1))


def _relayed(db: Database) -> tuple[int, list[int]]:
    opp = opportunity(db, LotInput(1, "Tuyauterie"), LotInput(2, "Câblage"), buyer_id=buyer(db))
    members = [member(db, f"Adhérent {n}") for n in range(3)]
    relay_opportunity(db, opp, [RelayChoice(o) for o in members], now=RELAYED)
    return opp, members


def test_answers_latest_wins_and_bad_input_is_refused(portable_db: Database) -> None:
    opp, members = _relayed(portable_db)
    record_answer(
        portable_db,
        opp,
        AnswerInput(members[0], AnswerStatus.INTERESTED),
        now=datetime(2026, 11, 3, 10),
    )
    record_answer(
        portable_db,
        opp,
        AnswerInput(members[0], AnswerStatus.SOLE_CANDIDATE),
        now=datetime(2026, 11, 5, 10),
    )
    with pytest.raises(ValidationError, match="pourquoi"):
        record_answer(portable_db, opp, AnswerInput(members[1], AnswerStatus.NOT_INTERESTED))
    with pytest.raises(ValidationError, match="avec qui"):
        record_answer(portable_db, opp, AnswerInput(members[1], AnswerStatus.GROUP_CANDIDATE))
    record_answer(
        portable_db,
        opp,
        AnswerInput(members[1], AnswerStatus.NOT_INTERESTED, "Plan de charge complet"),
        now=datetime(2026, 11, 4),
    )
    rows = {r.organization_id: r for r in relayed_members(portable_db, opp)}
    assert rows[members[0]].status == AnswerStatus.SOLE_CANDIDATE
    assert rows[members[1]].reason == "Plan de charge complet"
    assert rows[members[2]].status is None and rows[members[2]].status_label == "Sans réponse"
    rate = answer_rate(portable_db, *YEAR)
    assert (rate.relayed, rate.answered) == (3, 2)


def test_reminders_at_j7_then_j2_for_members_without_a_final_answer(portable_db: Database) -> None:
    opp, members = _relayed(portable_db)
    assert due_reminders(portable_db, date(2026, 11, 26)) == []  # J-8
    record_answer(portable_db, opp, AnswerInput(members[0], AnswerStatus.NOT_INTERESTED, "non"))
    record_answer(portable_db, opp, AnswerInput(members[1], AnswerStatus.INTERESTED))
    due = due_reminders(portable_db, date(2026, 11, 27))  # J-7
    assert [(d.organization_id, d.stage) for d in due] == [(members[1], "J-7"), (members[2], "J-7")]
    mark_reminded(portable_db, [d.relay_id for d in due], now=datetime(2026, 11, 27, 11))
    assert due_reminders(portable_db, date(2026, 11, 30)) == []  # reminded at J-7
    again = due_reminders(portable_db, date(2026, 12, 2))  # J-2: a new stage
    assert [(d.organization_id, d.stage) for d in again] == [
        (members[1], "J-2"),
        (members[2], "J-2"),
    ]
    assert due_reminders(portable_db, date(2026, 12, 5)) == []  # past the deadline


def test_reminder_stage_boundaries() -> None:
    deadline = date(2026, 12, 10)
    assert reminder_stage(deadline, date(2026, 12, 2), 7, 2) is None
    assert reminder_stage(deadline, date(2026, 12, 3), 7, 2) == ("J-7", date(2026, 12, 3))
    assert reminder_stage(deadline, date(2026, 12, 8), 7, 2) == ("J-2", date(2026, 12, 8))
    assert reminder_stage(deadline, date(2026, 12, 11), 7, 2) is None


def test_closing_with_its_outcome_and_the_card_list(portable_db: Database) -> None:
    opp, members = _relayed(portable_db)
    with pytest.raises(ValidationError, match="à qui"):
        close_opportunity(portable_db, opp, OpportunityOutcome.AWARDED)
    with portable_db.unit_of_work(write=False) as s:
        lot_1 = s.scalar(select(m.Lot.id).where(m.Lot.opportunity_id == opp, m.Lot.number == 1))
    close_opportunity(
        portable_db,
        opp,
        OpportunityOutcome.AWARDED,
        [AwardInput(organization_id=members[0], lot_id=lot_1, amount=120_000)],
        now=datetime(2026, 12, 20),
    )
    with pytest.raises(ValidationError, match="déjà close"):
        close_opportunity(portable_db, opp, OpportunityOutcome.NO_FOLLOW_UP)
    with portable_db.unit_of_work(write=False) as s:
        closed = s.get(m.Opportunity, opp)
        assert closed is not None and closed.status == m.OpportunityStatus.CLOSED
        assert closed.awarded_amount == 120_000
    [won] = received_opportunities(portable_db, members[0])
    assert (won.result, won.amount) == ("Attribuée à l'adhérent", 120_000)
    [lost] = received_opportunities(portable_db, members[1])
    assert lost.result == "Attribuée à un autre" and lost.answer == "Sans réponse"
    # members are in Lillebonne (76384), on the territory
    assert lots_won_on_territory(portable_db, *YEAR).__dict__ == {
        "lots": 1,
        "value": 120_000,
        "organizations": 1,
    }


def test_time_to_relay_counts_working_minutes_and_figures_by_month(portable_db: Database) -> None:
    _relayed(portable_db)  # received 9:00, relayed 9:40 the same Monday
    late = opportunity(portable_db, LotInput(1, "Maintenance"))
    with portable_db.unit_of_work() as s:
        found = s.get(m.Opportunity, late)
        assert found is not None
        found.received_at = datetime(2026, 11, 6, 17, 30)  # Friday evening
    relay_opportunity(
        portable_db,
        late,
        [RelayChoice(member(portable_db, "Autre"))],
        now=datetime(2026, 11, 9, 10, 0),
    )  # Monday 10:00: 30 + 60 minutes
    figures = time_to_relay(portable_db, *YEAR)
    assert figures.count == 2 and figures.median_minutes == 65
    assert figures.within_goal == 0.5
    rows = by_month_and_sector(portable_db, *YEAR)
    assert [(r.month, r.sector, r.received, r.relayed) for r in rows] == [
        ("2026-11", "Sans filière", 2, 2)
    ]
