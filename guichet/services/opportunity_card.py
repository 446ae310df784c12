"""On an organization's card: the opportunities relayed to it, its answer and its result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from guichet.db import Database
from guichet.models import (
    Answer,
    GroupementMember,
    Opportunity,
    OpportunityAward,
    OpportunityOutcome,
    OpportunityStatus,
    Relay,
    label,
)


@dataclass(frozen=True)
class ReceivedOpportunity:
    """On an organization's card: an opportunity relayed to it, its answer and its result."""

    opportunity_id: int
    title: str
    relayed_at: datetime
    answer: str
    result: str
    amount: int | None


def received_opportunities(db: Database, organization_id: int) -> list[ReceivedOpportunity]:
    """What an organization's card lists: the opportunities relayed to it, its latest answer,
    and its result (attributed to it or to a groupement it belonged to)."""
    with db.unit_of_work(write=False) as session:
        relays = session.execute(
            select(Opportunity.id, Opportunity.title, func.min(Relay.relayed_at))
            .join(Relay, Relay.opportunity_id == Opportunity.id)
            .where(Relay.organization_id == organization_id)
            .group_by(Opportunity.id, Opportunity.title)
            .order_by(func.min(Relay.relayed_at).desc())
        ).all()
        answers = session.scalars(
            select(Answer)
            .where(Answer.organization_id == organization_id)
            .order_by(Answer.answered_at, Answer.id)
        ).all()
        groups = set(
            session.scalars(
                select(GroupementMember.groupement_id).where(
                    GroupementMember.organization_id == organization_id
                )
            )
        )
        awards = session.execute(
            select(OpportunityAward.opportunity_id, OpportunityAward.amount).where(
                (OpportunityAward.organization_id == organization_id)
                | (OpportunityAward.groupement_id.in_(groups or {-1}))
            )
        ).all()
        closed = dict(
            session.execute(
                select(Opportunity.id, Opportunity.outcome).where(
                    Opportunity.id.in_([r[0] for r in relays] or [-1]),
                    Opportunity.status == OpportunityStatus.CLOSED,
                )
            ).all()
        )
    latest = {a.opportunity_id: a for a in answers}
    won: dict[int, int | None] = {}
    for opp_id, amount in awards:
        if amount is None:
            won.setdefault(opp_id, None)
        else:
            won[opp_id] = (won.get(opp_id) or 0) + amount
    rows = []
    for opp_id, title, relayed_at in relays:
        if opp_id in won:
            result = "Attribuée à l'adhérent"
        elif opp_id in closed:
            result = (
                "Attribuée à un autre"
                if closed[opp_id] == OpportunityOutcome.AWARDED
                else "Sans suite"
            )
        else:
            result = "En cours"
        answer = latest.get(opp_id)
        rows.append(
            ReceivedOpportunity(
                opportunity_id=opp_id,
                title=title,
                relayed_at=relayed_at,
                answer=label(answer.status) if answer else "Sans réponse",
                result=result,
                amount=won.get(opp_id),
            )
        )
    return rows
