"""Figures of business opportunities, computed in SQL (GROUP BY) on both engines.

Written to be called by the one source of figures (Accueil, the dashboard, the activity report,
``guichet stats``): every function takes a ``Database`` and a period, returns plain dataclasses.

- received and relayed by month and by sector;
- time to relay: from the opportunity's arrival to its first relay, in working minutes (the
  desk's hours, weekends and public holidays left out; goal: within one working hour);
- answer rate: among the members an opportunity was relayed to, those who answered;
- lots won by members of the territory, and their value.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from sqlalchemy import case, distinct, func, select
from sqlalchemy.sql.elements import ColumnElement

from guichet.db import Database
from guichet.models import (
    Answer,
    Groupement,
    Lot,
    Opportunity,
    OpportunityAward,
    Organization,
    Relay,
    Sector,
)
from guichet.reference.working_time import WorkingHours, working_minutes
from guichet.services.settings import SettingsService
from guichet.services.territory import territory_codes

#: the desk's goal: an opportunity relayed within one working hour of its arrival
RELAY_GOAL_MINUTES = 60.0
NO_SECTOR = "Sans filière"


@dataclass(frozen=True)
class MonthSectorCount:
    month: str  # « 2026-11 »
    sector: str
    received: int
    relayed: int


@dataclass(frozen=True)
class TimeToRelay:
    median_minutes: float | None  # working minutes
    within_goal: float | None  # share relayed within RELAY_GOAL_MINUTES
    count: int


@dataclass(frozen=True)
class AnswerRate:
    relayed: int  # (opportunity, member) pairs relayed to
    answered: int
    rate: float | None


@dataclass(frozen=True)
class LotsWon:
    lots: int
    value: int  # euros, the awards' amounts
    organizations: int


def working_hours(db: Database) -> WorkingHours:
    values = SettingsService(db).all()
    start, end = int(values["relay.workday_start_hour"]), int(values["relay.workday_end_hour"])
    if end <= start:
        return WorkingHours()
    return WorkingHours(start=time(start), end=time(end % 24) if end < 24 else time(23, 59))


def _month(db: Database, column: Any) -> ColumnElement[str]:
    if db.engine.dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


def by_month_and_sector(db: Database, start: datetime, end: datetime) -> list[MonthSectorCount]:
    """Opportunities received over [start, end) and, of them, those relayed, by month of
    arrival and sector."""
    month = _month(db, Opportunity.received_at).label("month")
    sector = func.coalesce(Sector.name, NO_SECTOR).label("sector")
    relayed = select(Relay.opportunity_id).distinct().subquery()
    query = (
        select(
            month,
            sector,
            func.count(Opportunity.id),
            func.count(relayed.c.opportunity_id),
        )
        .select_from(Opportunity)
        .outerjoin(Sector, Sector.id == Opportunity.sector_id)
        .outerjoin(relayed, relayed.c.opportunity_id == Opportunity.id)
        .where(Opportunity.received_at >= start, Opportunity.received_at < end)
        .group_by(month, sector)
        .order_by(month, sector)
    )
    with db.unit_of_work(write=False) as session:
        return [
            MonthSectorCount(str(m), str(s), int(r), int(d))
            for m, s, r, d in session.execute(query)
        ]


def relay_delays(db: Database, start: datetime, end: datetime) -> list[tuple[int, float]]:
    """(opportunity id, working minutes from arrival to first relay), for the opportunities
    first relayed over [start, end)."""
    first = func.min(Relay.relayed_at).label("first")
    query = (
        select(Opportunity.id, Opportunity.received_at, first)
        .join(Relay, Relay.opportunity_id == Opportunity.id)
        .group_by(Opportunity.id, Opportunity.received_at)
        .having(first >= start, first < end)
    )
    hours = working_hours(db)
    with db.unit_of_work(write=False) as session:
        rows = session.execute(query).all()
    return [(i, working_minutes(received, relayed, hours)) for i, received, relayed in rows]


def time_to_relay(db: Database, start: datetime, end: datetime) -> TimeToRelay:
    minutes = [m for _, m in relay_delays(db, start, end)]
    if not minutes:
        return TimeToRelay(None, None, 0)
    within = sum(1 for m in minutes if m <= RELAY_GOAL_MINUTES)
    return TimeToRelay(statistics.median(minutes), within / len(minutes), len(minutes))


def answer_rate(db: Database, start: datetime, end: datetime) -> AnswerRate:
    """Among the members relayed to over [start, end), the share who gave an answer."""
    pair = func.count(distinct(Relay.organization_id))
    answered = select(Answer.opportunity_id, Answer.organization_id).distinct().subquery()
    query = (
        select(
            Relay.opportunity_id,
            pair,
            func.count(distinct(answered.c.organization_id)),
        )
        .outerjoin(
            answered,
            (answered.c.opportunity_id == Relay.opportunity_id)
            & (answered.c.organization_id == Relay.organization_id),
        )
        .where(Relay.relayed_at >= start, Relay.relayed_at < end)
        .group_by(Relay.opportunity_id)
    )
    with db.unit_of_work(write=False) as session:
        rows = session.execute(query).all()
    relayed = sum(int(r[1]) for r in rows)
    done = sum(int(r[2]) for r in rows)
    return AnswerRate(relayed, done, done / relayed if relayed else None)


def lots_won_on_territory(db: Database, start: datetime, end: datetime) -> LotsWon:
    """Awards to organizations of the territory (a groupement's award counts for its
    mandataire), for opportunities closed over [start, end): the lots won (an award for the
    whole opportunity counts its lots), their amounts, the organizations."""
    territory = territory_codes(SettingsService(db).get("territory.insee_codes"))
    lots_per_opportunity = (
        select(Lot.opportunity_id, func.count(Lot.id).label("n"))
        .group_by(Lot.opportunity_id)
        .subquery()
    )
    winner = func.coalesce(OpportunityAward.organization_id, Groupement.mandataire_id)
    query = (
        select(
            func.sum(
                case(
                    (OpportunityAward.lot_id.is_not(None), 1),
                    else_=func.coalesce(lots_per_opportunity.c.n, 1),
                )
            ),
            func.sum(func.coalesce(OpportunityAward.amount, 0)),
            func.count(distinct(Organization.id)),
        )
        .select_from(OpportunityAward)
        .join(Opportunity, Opportunity.id == OpportunityAward.opportunity_id)
        .outerjoin(Groupement, Groupement.id == OpportunityAward.groupement_id)
        .join(Organization, Organization.id == winner)
        .outerjoin(
            lots_per_opportunity,
            lots_per_opportunity.c.opportunity_id == OpportunityAward.opportunity_id,
        )
        .where(
            Opportunity.closed_at >= start,
            Opportunity.closed_at < end,
            Organization.commune_insee.in_(territory),
        )
    )
    with db.unit_of_work(write=False) as session:
        lots, value, organizations = session.execute(query).one()
    return LotsWon(int(lots or 0), int(value or 0), int(organizations or 0))
