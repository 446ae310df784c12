"""Reading opportunities: the list and one opportunity's detail, as frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from guichet.db import Database
from guichet.errors import NotFoundError
from guichet.models import (
    Answer,
    AnswerStatus,
    Channel,
    Groupement,
    GroupementForm,
    GroupementMember,
    Lot,
    Opportunity,
    OpportunityOutcome,
    OpportunitySource,
    OpportunityStatus,
    Organization,
    Relay,
)


@dataclass(frozen=True)
class OpportunityRow:
    id: int
    title: str
    buyer: str
    source: OpportunitySource
    status: OpportunityStatus
    sector: str
    received_at: datetime
    answer_deadline: datetime | None
    lots: int
    relayed_to: int
    answers: int


@dataclass(frozen=True)
class Named:
    id: int
    name: str


@dataclass(frozen=True)
class LotView:
    id: int
    number: int
    title: str
    description: str
    estimated_value: int | None
    min_headcount_band: str | None
    max_headcount_band: str | None
    capabilities: tuple[Named, ...]
    certifications: tuple[Named, ...]


@dataclass(frozen=True)
class DocumentView:
    id: int
    file_name: str
    size: int


@dataclass(frozen=True)
class RelayView:
    id: int
    organization_id: int
    organization: str
    relayed_at: datetime
    channel: Channel
    letter_id: int | None


@dataclass(frozen=True)
class AnswerView:
    id: int
    organization_id: int
    organization: str
    status: AnswerStatus
    reason: str
    answered_at: datetime
    lot_id: int | None
    groupement_id: int | None


@dataclass(frozen=True)
class GroupementMemberView:
    organization_id: int
    organization: str
    lot_numbers: tuple[int, ...]
    share: str


@dataclass(frozen=True)
class GroupementView:
    id: int
    version: int
    form: GroupementForm
    mandataire_id: int | None
    mandataire: str
    members: tuple[GroupementMemberView, ...]
    note: str


@dataclass(frozen=True)
class OpportunityDetail:
    id: int
    version: int
    source: OpportunitySource
    buyer_id: int | None
    buyer: str
    reported_by_id: int | None
    buyer_reference: str
    title: str
    description: str
    url: str
    commune_insee: str | None
    estimated_value: int | None
    sector_id: int | None
    sector: str
    received_at: datetime
    answer_deadline: datetime | None
    questions_deadline: datetime | None
    status: OpportunityStatus
    outcome: OpportunityOutcome | None
    awarded_amount: int | None
    closed_at: datetime | None
    lots: tuple[LotView, ...]
    documents: tuple[DocumentView, ...]
    relays: tuple[RelayView, ...]
    answers: tuple[AnswerView, ...]
    groupements: tuple[GroupementView, ...]


def _name(org: Organization | None) -> str:
    return org.display_name if org is not None else ""


def list_opportunities(db: Database, *, open_only: bool = False) -> list[OpportunityRow]:
    """Every opportunity, the latest received first, with its counts."""
    with db.unit_of_work(write=False) as session:
        lots = (
            select(Lot.opportunity_id, func.count().label("n"))
            .group_by(Lot.opportunity_id)
            .subquery()
        )
        relays = (
            select(
                Relay.opportunity_id, func.count(func.distinct(Relay.organization_id)).label("n")
            )
            .group_by(Relay.opportunity_id)
            .subquery()
        )
        answers = (
            select(
                Answer.opportunity_id, func.count(func.distinct(Answer.organization_id)).label("n")
            )
            .group_by(Answer.opportunity_id)
            .subquery()
        )
        query = (
            select(Opportunity, lots.c.n, relays.c.n, answers.c.n)
            .outerjoin(lots, lots.c.opportunity_id == Opportunity.id)
            .outerjoin(relays, relays.c.opportunity_id == Opportunity.id)
            .outerjoin(answers, answers.c.opportunity_id == Opportunity.id)
            .options(selectinload(Opportunity.buyer), selectinload(Opportunity.sector))
            .order_by(Opportunity.received_at.desc(), Opportunity.id.desc())
        )
        if open_only:
            query = query.where(Opportunity.status == OpportunityStatus.OPEN)
        return [
            OpportunityRow(
                id=o.id,
                title=o.title,
                buyer=_name(o.buyer),
                source=o.source,
                status=o.status,
                sector=o.sector.name if o.sector else "",
                received_at=o.received_at,
                answer_deadline=o.answer_deadline,
                lots=n_lots or 0,
                relayed_to=n_relays or 0,
                answers=n_answers or 0,
            )
            for o, n_lots, n_relays, n_answers in session.execute(query)
        ]


def _lot_view(lot: Lot) -> LotView:
    return LotView(
        id=lot.id,
        number=lot.number,
        title=lot.title,
        description=lot.description or "",
        estimated_value=lot.estimated_value,
        min_headcount_band=lot.min_headcount_band,
        max_headcount_band=lot.max_headcount_band,
        capabilities=tuple(Named(c.id, c.name) for c in lot.capabilities),
        certifications=tuple(Named(c.id, c.name) for c in lot.certifications),
    )


def groupement_view(groupement: Groupement) -> GroupementView:
    return GroupementView(
        id=groupement.id,
        version=groupement.version,
        form=groupement.form,
        mandataire_id=groupement.mandataire_id,
        mandataire=_name(groupement.mandataire),
        members=tuple(
            GroupementMemberView(
                organization_id=m.organization_id,
                organization=_name(m.organization),
                lot_numbers=tuple(lot.number for lot in m.lots),
                share=m.share or "",
            )
            for m in groupement.members
        ),
        note=groupement.note or "",
    )


def load_opportunity(session: Session, opportunity_id: int) -> Opportunity:
    opportunity = session.scalar(
        select(Opportunity)
        .where(Opportunity.id == opportunity_id)
        .options(
            selectinload(Opportunity.lots).selectinload(Lot.capabilities),
            selectinload(Opportunity.lots).selectinload(Lot.certifications),
            selectinload(Opportunity.groupements)
            .selectinload(Groupement.members)
            .selectinload(GroupementMember.lots),
        )
    )
    if opportunity is None:
        raise NotFoundError("Cette opportunité n'existe plus.")
    return opportunity


def get_opportunity(db: Database, opportunity_id: int) -> OpportunityDetail:
    with db.unit_of_work(write=False) as session:
        o = load_opportunity(session, opportunity_id)
        return OpportunityDetail(
            id=o.id,
            version=o.version,
            source=o.source,
            buyer_id=o.buyer_id,
            buyer=_name(o.buyer),
            reported_by_id=o.reported_by_id,
            buyer_reference=o.buyer_reference or "",
            title=o.title,
            description=o.description or "",
            url=o.url or "",
            commune_insee=o.commune_insee,
            estimated_value=o.estimated_value,
            sector_id=o.sector_id,
            sector=o.sector.name if o.sector else "",
            received_at=o.received_at,
            answer_deadline=o.answer_deadline,
            questions_deadline=o.questions_deadline,
            status=o.status,
            outcome=o.outcome,
            awarded_amount=o.awarded_amount,
            closed_at=o.closed_at,
            lots=tuple(_lot_view(lot) for lot in o.lots),
            documents=tuple(DocumentView(d.id, d.file_name, d.size) for d in o.documents),
            relays=tuple(
                RelayView(
                    r.id,
                    r.organization_id,
                    _name(r.organization),
                    r.relayed_at,
                    r.channel,
                    r.letter_id,
                )
                for r in o.relays
            ),
            answers=tuple(
                AnswerView(
                    a.id,
                    a.organization_id,
                    _name(a.organization),
                    a.status,
                    a.reason or "",
                    a.answered_at,
                    a.lot_id,
                    a.groupement_id,
                )
                for a in o.answers
            ),
            groupements=tuple(groupement_view(g) for g in o.groupements),
        )
