"""Follow-up of a relayed opportunity: the members' answers, the reminders before the deadline
(J-7 and J-2, settings), and the closing with its outcome (attributed to whom, for how much).

One user action = one unit of work; functions return frozen dataclasses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import (
    Answer,
    AnswerStatus,
    Groupement,
    Lot,
    Opportunity,
    OpportunityAward,
    OpportunityOutcome,
    OpportunityStatus,
    Organization,
    Relay,
    label,
)
from guichet.services.locking import ensure_current
from guichet.services.settings import SettingsService

#: statuses after which a member needs no reminder
NO_REMINDER_AFTER = frozenset(
    {
        AnswerStatus.NOT_INTERESTED,
        AnswerStatus.SOLE_CANDIDATE,
        AnswerStatus.GROUP_CANDIDATE,
        AnswerStatus.RETAINED,
        AnswerStatus.NOT_RETAINED,
    }
)


@dataclass(frozen=True)
class AnswerInput:
    organization_id: int
    status: AnswerStatus
    reason: str = ""  # why not interested; with whom (in a groupement); any note
    groupement_id: int | None = None
    lot_id: int | None = None


@dataclass(frozen=True)
class AwardInput:
    organization_id: int | None = None
    groupement_id: int | None = None
    lot_id: int | None = None
    amount: int | None = None


@dataclass(frozen=True)
class RelayedMember:
    """A member an opportunity went to, with its latest answer (the follow-up table)."""

    relay_id: int
    organization_id: int
    organization: str
    relayed_at: datetime
    status: AnswerStatus | None
    status_label: str
    reason: str
    answered_at: datetime | None


@dataclass(frozen=True)
class DueReminder:
    relay_id: int
    opportunity_id: int
    opportunity: str
    organization_id: int
    organization: str
    deadline: datetime
    stage: str  # « J-7 », « J-2 »
    days_left: int
    status_label: str


def _validate(data: AnswerInput) -> None:
    if data.status == AnswerStatus.NOT_INTERESTED and not data.reason.strip():
        raise ValidationError("Indiquez pourquoi l'adhérent n'est pas intéressé.", field="reason")
    if (
        data.status == AnswerStatus.GROUP_CANDIDATE
        and data.groupement_id is None
        and not data.reason.strip()
    ):
        raise ValidationError(
            "Indiquez avec qui l'adhérent se porte candidat (un groupement ou des noms).",
            field="reason",
        )


def record_answer(
    db: Database, opportunity_id: int, data: AnswerInput, *, now: datetime | None = None
) -> int:
    """Records a member's answer (dated); returns its id. The latest answer is its state."""
    _validate(data)
    with db.unit_of_work() as session:
        opportunity = session.get(Opportunity, opportunity_id)
        if opportunity is None:
            raise NotFoundError("Cette opportunité n'existe plus.")
        if session.get(Organization, data.organization_id) is None:
            raise NotFoundError("Cette organisation n'existe plus.")
        relay_id = session.scalar(
            select(Relay.id)
            .where(
                Relay.opportunity_id == opportunity_id,
                Relay.organization_id == data.organization_id,
            )
            .order_by(Relay.relayed_at.desc())
            .limit(1)
        )
        group = session.get(Groupement, data.groupement_id) if data.groupement_id else None
        lot = session.get(Lot, data.lot_id) if data.lot_id else None
        for key, found, what in (
            (data.groupement_id, group, "Ce groupement"),
            (data.lot_id, lot, "Ce lot"),
        ):
            if key is not None and (found is None or found.opportunity_id != opportunity_id):
                raise NotFoundError(f"{what} n'appartient pas à l'opportunité.")
        answer = Answer(
            opportunity_id=opportunity_id,
            organization_id=data.organization_id,
            relay_id=relay_id,
            lot_id=data.lot_id,
            groupement_id=data.groupement_id,
            status=data.status,
            reason=data.reason.strip() or None,
            answered_at=now or datetime.now(),
            counsellor_id=session.info.get("counsellor_id"),
        )
        session.add(answer)
        session.flush()
        return answer.id


def relayed_members(db: Database, opportunity_id: int) -> list[RelayedMember]:
    """Every member the opportunity went to (first relay), with its latest answer."""
    with db.unit_of_work(write=False) as session:
        relays = session.execute(
            select(Relay.id, Relay.organization_id, Organization.legal_name, Relay.relayed_at)
            .join(Organization, Organization.id == Relay.organization_id)
            .where(Relay.opportunity_id == opportunity_id)
            .order_by(Relay.relayed_at, Organization.legal_name)
        ).all()
        answers = session.scalars(
            select(Answer)
            .where(Answer.opportunity_id == opportunity_id)
            .order_by(Answer.answered_at, Answer.id)
        ).all()
    latest = {a.organization_id: a for a in answers}
    seen: set[int] = set()
    rows = []
    for relay_id, org_id, name, relayed_at in relays:
        if org_id in seen:
            continue
        seen.add(org_id)
        answer = latest.get(org_id)
        rows.append(
            RelayedMember(
                relay_id=relay_id,
                organization_id=org_id,
                organization=name,
                relayed_at=relayed_at,
                status=answer.status if answer else None,
                status_label=label(answer.status) if answer else "Sans réponse",
                reason=(answer.reason or "") if answer else "",
                answered_at=answer.answered_at if answer else None,
            )
        )
    return rows


def reminder_stage(
    deadline: date, today: date, first_days: int, last_days: int
) -> tuple[str, date] | None:
    """(« J-7 », the day it became due) when ``today`` is in a reminder window, else None."""
    left = (deadline - today).days
    if left < 0:
        return None
    if left <= last_days:
        return f"J-{last_days}", deadline - timedelta(days=last_days)
    if left <= first_days:
        return f"J-{first_days}", deadline - timedelta(days=first_days)
    return None


def due_reminders(db: Database, today: date) -> list[DueReminder]:
    """Members of open opportunities still to remind: relayed, no final answer yet, deadline
    within the J-7 (then J-2) window, not reminded since that window opened."""
    values = SettingsService(db).all()
    first, last = int(values["relay.reminder_first_days"]), int(values["relay.reminder_last_days"])
    horizon = datetime.combine(today + timedelta(days=max(first, last) + 1), datetime.min.time())
    start = datetime.combine(today, datetime.min.time())
    with db.unit_of_work(write=False) as session:
        rows = session.execute(
            select(Relay, Opportunity.title, Opportunity.answer_deadline, Organization.legal_name)
            .join(Opportunity, Opportunity.id == Relay.opportunity_id)
            .join(Organization, Organization.id == Relay.organization_id)
            .where(
                Opportunity.status == OpportunityStatus.OPEN,
                Opportunity.answer_deadline >= start,
                Opportunity.answer_deadline < horizon,
            )
            .order_by(Opportunity.answer_deadline, Organization.legal_name)
        ).all()
        latest_at = (
            select(
                Answer.opportunity_id,
                Answer.organization_id,
                func.max(Answer.answered_at).label("at"),
            )
            .group_by(Answer.opportunity_id, Answer.organization_id)
            .subquery()
        )
        answers = {
            (a.opportunity_id, a.organization_id): a.status
            for a in session.scalars(
                select(Answer).join(
                    latest_at,
                    (latest_at.c.opportunity_id == Answer.opportunity_id)
                    & (latest_at.c.organization_id == Answer.organization_id)
                    & (latest_at.c.at == Answer.answered_at),
                )
            )
        }
    result: dict[tuple[int, int], DueReminder] = {}
    for relay, title, deadline, name in rows:
        if deadline is None:
            continue
        key = (relay.opportunity_id, relay.organization_id)
        status = answers.get(key)
        stage = reminder_stage(deadline.date(), today, first, last)
        if stage is None or status in NO_REMINDER_AFTER or key in result:
            continue
        if relay.last_reminder_at is not None and relay.last_reminder_at.date() >= stage[1]:
            continue
        result[key] = DueReminder(
            relay_id=relay.id,
            opportunity_id=relay.opportunity_id,
            opportunity=title,
            organization_id=relay.organization_id,
            organization=name,
            deadline=deadline,
            stage=stage[0],
            days_left=(deadline.date() - today).days,
            status_label=label(status) if status else "Sans réponse",
        )
    return list(result.values())


def mark_reminded(db: Database, relay_ids: Sequence[int], *, now: datetime | None = None) -> None:
    """The members were reminded (a call, an e-mail): they leave the list until the next stage."""
    moment = now or datetime.now()
    with db.unit_of_work() as session:
        for relay in session.scalars(select(Relay).where(Relay.id.in_(list(relay_ids)))):
            relay.last_reminder_at = moment


def close_opportunity(
    db: Database,
    opportunity_id: int,
    outcome: OpportunityOutcome,
    awards: Sequence[AwardInput] = (),
    *,
    note: str = "",
    version: int | None = None,
    now: datetime | None = None,
) -> None:
    """Closes the opportunity: « attribuée » (to whom, for how much) or « sans suite »."""
    if outcome == OpportunityOutcome.AWARDED and not awards:
        raise ValidationError("Indiquez à qui l'opportunité a été attribuée.", field="awards")
    if outcome == OpportunityOutcome.NO_FOLLOW_UP and awards:
        raise ValidationError("Une opportunité sans suite n'a pas d'attributaire.", field="awards")
    for award in awards:
        if (award.organization_id is None) == (award.groupement_id is None):
            raise ValidationError(
                "Chaque attribution va à une entreprise ou à un groupement.", field="awards"
            )
        if award.amount is not None and award.amount < 0:
            raise ValidationError("Un montant ne peut pas être négatif.", field="amount")
    with db.unit_of_work() as session:
        opportunity = session.get(Opportunity, opportunity_id)
        if opportunity is None:
            raise NotFoundError("Cette opportunité n'existe plus.")
        ensure_current(opportunity, version)
        if opportunity.status == OpportunityStatus.CLOSED:
            raise ValidationError("Cette opportunité est déjà close.")
        for award in awards:
            if award.organization_id is not None and not session.get(
                Organization, award.organization_id
            ):
                raise NotFoundError("L'attributaire choisi n'existe plus.")
            group = session.get(Groupement, award.groupement_id) if award.groupement_id else None
            if award.groupement_id is not None and (
                group is None or group.opportunity_id != opportunity_id
            ):
                raise NotFoundError("Ce groupement n'appartient pas à l'opportunité.")
            opportunity.awards.append(
                OpportunityAward(
                    lot_id=award.lot_id,
                    organization_id=award.organization_id,
                    groupement_id=award.groupement_id,
                    amount=award.amount,
                )
            )
        amounts = [a.amount for a in awards if a.amount is not None]
        opportunity.status = OpportunityStatus.CLOSED
        opportunity.outcome = outcome
        opportunity.awarded_amount = sum(amounts) if amounts else None
        opportunity.closed_at = now or datetime.now()
        opportunity.outcome_note = note.strip() or None
