"""The network, meetings, implantation projects and opportunities over a period, each from the
service that owns it (network_goals, meeting_figures, opportunity_figures)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from guichet.db import Database
from guichet.models import ImplantationProject, Meeting, MeetingStatus, label
from guichet.models.implantation_enums import ProjectStage
from guichet.services.figures.common import Count, Share
from guichet.services.figures.period import Period
from guichet.services.meeting_figures import meeting_counts
from guichet.services.network_goals import load_goal, origin_text, period_change
from guichet.services.opportunity_figures import (
    AnswerRate,
    LotsWon,
    MonthSectorCount,
    TimeToRelay,
    answer_rate,
    by_month_and_sector,
    lots_won_on_territory,
    time_to_relay,
)


@dataclass(frozen=True)
class NetworkFigures:
    period: Period
    network: str
    target: int
    members: int  # on the period's last day, counted as the goal counts them
    gained: int
    departures: int
    gains_by_origin: tuple[Count, ...]  # key: the MembershipOrigin value (or « unknown »)


@dataclass(frozen=True)
class MeetingFigures:
    period: Period
    held: int
    cancelled: int
    registered: int  # holding a seat at the meetings held
    present: int
    walk_ins: int
    inquiries: int  # inquiries logged at the meetings held
    attendance: Share  # present among registered


@dataclass(frozen=True)
class ProjectFigures:
    period: Period
    opened: int  # projects opened in the period
    by_stage: tuple[Count, ...]  # projects known by the period's end, by stage; key: stage value


@dataclass(frozen=True)
class OpportunityFigures:
    period: Period
    received: int
    relayed: int
    by_month_and_sector: tuple[MonthSectorCount, ...]
    time_to_relay: TimeToRelay
    answer_rate: AnswerRate
    lots_won: LotsWon


def network_figures(db: Database, period: Period) -> NetworkFigures:
    goal = load_goal(db)
    change = period_change(db, period.start, period.end, goal)
    origins = Counter(g.origin for g in change.gains)
    return NetworkFigures(
        period=period,
        network=goal.network,
        target=goal.target,
        members=change.members,
        gained=len(change.gains),
        departures=change.departures,
        gains_by_origin=tuple(
            Count(origin, origin_text(origin), n)
            for origin, n in sorted(origins.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
    )


def meeting_figures(db: Database, period: Period) -> MeetingFigures:
    with db.unit_of_work(write=False) as session:
        rows = session.execute(
            select(Meeting.id, Meeting.status).where(
                Meeting.start_at >= period.start_at, Meeting.start_at < period.end_before
            )
        ).all()
        held = [i for i, status in rows if status == MeetingStatus.HELD]
        counts = meeting_counts(session, held).values()
    registered = sum(c.registered for c in counts)
    present = sum(c.present for c in counts)
    return MeetingFigures(
        period=period,
        held=len(held),
        cancelled=sum(1 for _, status in rows if status == MeetingStatus.CANCELLED),
        registered=registered,
        present=present,
        walk_ins=sum(c.walk_ins for c in counts),
        inquiries=sum(c.inquiries for c in counts),
        attendance=Share.of(present, registered),
    )


def project_figures(db: Database, period: Period) -> ProjectFigures:
    known = or_(
        ImplantationProject.opened_on <= period.end,
        ImplantationProject.opened_on.is_(None)
        & (ImplantationProject.created_at < period.end_before),
    )
    with db.unit_of_work(write=False) as session:
        stages = dict(
            session.execute(
                select(ImplantationProject.stage, func.count(ImplantationProject.id))
                .where(known)
                .group_by(ImplantationProject.stage)
            ).all()
        )
        opened = session.scalar(
            select(func.count(ImplantationProject.id)).where(
                ImplantationProject.opened_on >= period.start,
                ImplantationProject.opened_on <= period.end,
            )
        )
    return ProjectFigures(
        period=period,
        opened=int(opened or 0),
        by_stage=tuple(
            Count(stage.value, label(stage), int(stages[stage]))
            for stage in ProjectStage
            if stage in stages
        ),
    )


def opportunity_figures(db: Database, period: Period) -> OpportunityFigures:
    start, end = period.start_at, period.end_before
    months = tuple(by_month_and_sector(db, start, end))
    return OpportunityFigures(
        period=period,
        received=sum(m.received for m in months),
        relayed=sum(m.relayed for m in months),
        by_month_and_sector=months,
        time_to_relay=time_to_relay(db, start, end),
        answer_rate=answer_rate(db, start, end),
        lots_won=lots_won_on_territory(db, start, end),
    )
