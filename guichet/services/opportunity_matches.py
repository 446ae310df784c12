"""Matches and proposed groupements of an opportunity: loads what matching needs, in one read.

Only the organizations holding a relevant capability (a required one or a descendant) or a
required certification are read, so the answer stays fast over a large directory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.models import (
    Answer,
    AnswerStatus,
    Certification,
    Groupement,
    GroupementMember,
    Lot,
    Opportunity,
)
from guichet.models.opportunity import lot_capability
from guichet.search.capabilities import Thesaurus as CapabilityTree
from guichet.services.groupement_proposals import Proposal, propose_groupements
from guichet.services.opportunity_candidates import place_of, read_candidates
from guichet.services.opportunity_matching import (
    Candidate,
    History,
    LotNeed,
    Match,
    Pool,
    Thesaurus,
    match_lot,
)
from guichet.services.opportunity_views import load_opportunity
from guichet.services.settings import SettingsService
from guichet.services.territory import territory_codes

#: An organization that declined an opportunity of the same buyer within this many days is flagged.
DECLINED_RECENTLY_DAYS = 365
POSITIVE_ANSWERS = (
    AnswerStatus.INTERESTED,
    AnswerStatus.SOLE_CANDIDATE,
    AnswerStatus.GROUP_CANDIDATE,
    AnswerStatus.RETAINED,
)


@dataclass(frozen=True)
class LotMatches:
    lot_id: int
    number: int
    title: str
    requirements: tuple[str, ...]
    matches: tuple[Match, ...]
    #: proposed only when no single organization meets every requirement of the lot
    groupements: tuple[Proposal, ...]


@dataclass(frozen=True)
class OpportunityMatches:
    opportunity_id: int | None
    lots: tuple[LotMatches, ...]
    #: for an opportunity of several lots that no single organization covers whole
    groupements: tuple[Proposal, ...]


@dataclass(frozen=True)
class MatchContext:
    pool: Pool
    thesaurus: Thesaurus
    history: History
    site: Candidate | None

    @property
    def candidates(self) -> list[Candidate]:
        return list(self.pool.by_id.values())


def _thesaurus(session: Session) -> Thesaurus:
    return Thesaurus(
        tree=CapabilityTree.load(session.connection()),
        certification_names={
            cid: name for cid, name in session.execute(select(Certification.id, Certification.name))
        },
    )


def _history(
    session: Session, opportunity_id: int | None, buyer_id: int | None, today: date
) -> History:
    answered: dict[int, dict[int, int]] = {}
    lot_of_answer = or_(
        Lot.id == Answer.lot_id,
        and_(Answer.lot_id.is_(None), Lot.opportunity_id == Answer.opportunity_id),
    )
    for oid, cid in session.execute(
        select(Answer.organization_id, lot_capability.c.capability_id)
        .join(Lot, lot_of_answer)
        .join(lot_capability, lot_capability.c.lot_id == Lot.id)
        .where(Answer.status.in_(POSITIVE_ANSWERS), Answer.opportunity_id != (opportunity_id or 0))
    ):
        per = answered.setdefault(oid, {})
        per[cid] = per.get(cid, 0) + 1
    declined: dict[int, date] = {}
    if buyer_id is not None:
        since = today - timedelta(days=DECLINED_RECENTLY_DAYS)
        for oid, at in session.execute(
            select(Answer.organization_id, Answer.answered_at)
            .join(Opportunity, Opportunity.id == Answer.opportunity_id)
            .where(
                Opportunity.buyer_id == buyer_id,
                Answer.status == AnswerStatus.NOT_INTERESTED,
                Answer.answered_at >= since,
            )
        ):
            if oid not in declined or at.date() > declined[oid]:
                declined[oid] = at.date()
    teams: dict[int, list[int]] = {}
    for gid, oid in session.execute(
        select(GroupementMember.groupement_id, GroupementMember.organization_id)
        .join(Groupement, Groupement.id == GroupementMember.groupement_id)
        .where(Groupement.opportunity_id != (opportunity_id or 0))
    ):
        teams.setdefault(gid, []).append(oid)
    pairs = frozenset(
        frozenset(pair) for team in teams.values() for pair in combinations(sorted(set(team)), 2)
    )
    return History(answered, declined, pairs)


def load_context(
    db: Database,
    needs: Sequence[LotNeed],
    *,
    opportunity_id: int | None = None,
    buyer_id: int | None = None,
    commune_insee: str | None = None,
    include_directory: bool = False,
    today: date | None = None,
) -> MatchContext:
    """Everything matching needs for these lots, read in one transaction."""
    day = today or date.today()
    territory = territory_codes(SettingsService(db).get("territory.insee_codes"))
    with db.unit_of_work(write=False) as session:
        thesaurus = _thesaurus(session)
        candidates = read_candidates(
            session.connection(),  # Core rows: no ORM bookkeeping for thousands of them
            thesaurus,
            needs,
            exclude={buyer_id} if buyer_id is not None else set(),
            include_directory=include_directory,
            territory=territory,
            today=day,
        )
        history = _history(session, opportunity_id, buyer_id, day)
    site = None
    if commune_insee:
        epci = place_of(commune_insee, {})
        site = Candidate(0, "site", False, frozenset(), frozenset(), commune_insee, epci)
    return MatchContext(Pool(candidates, thesaurus), thesaurus, history, site)


def requirement_names(need: LotNeed, thesaurus: Thesaurus) -> tuple[str, ...]:
    caps = sorted(thesaurus.capability_name(c) for c in need.capabilities)
    certs = sorted(thesaurus.certification_name(c) for c in need.certifications)
    return (*caps, *certs)


def compute_matches(
    needs: Sequence[LotNeed], context: MatchContext, opportunity_id: int | None = None
) -> OpportunityMatches:
    """Pure part: per lot its matches (or groupements), and groupements for the whole."""
    lots = []
    single_cover: set[int] | None = None
    for need in needs:
        if not need.capabilities and not need.certifications:
            lots.append(LotMatches(need.lot_id, need.number, need.title, (), (), ()))
            continue
        matches = match_lot(need, context.pool, context.thesaurus, context.history)
        proposals: list[Proposal] = []
        if not matches:
            proposals = propose_groupements(
                [need], context.pool, context.thesaurus, context.history, site=context.site
            )
        ids = {m.organization_id for m in matches}
        single_cover = ids if single_cover is None else single_cover & ids
        lots.append(
            LotMatches(
                need.lot_id,
                need.number,
                need.title,
                requirement_names(need, context.thesaurus),
                tuple(matches),
                tuple(proposals),
            )
        )
    whole: list[Proposal] = []
    with_requirements = [n for n in needs if n.capabilities or n.certifications]
    if len(with_requirements) > 1 and not single_cover:
        whole = propose_groupements(
            with_requirements,
            context.pool,
            context.thesaurus,
            context.history,
            site=context.site,
        )
    return OpportunityMatches(opportunity_id, tuple(lots), tuple(whole))


def lot_needs(lots: Sequence[Lot]) -> list[LotNeed]:
    return [
        LotNeed(
            lot_id=lot.id,
            number=lot.number,
            title=lot.title,
            capabilities=frozenset(c.id for c in lot.capabilities),
            certifications=frozenset(c.id for c in lot.certifications),
            min_headcount=lot.min_headcount_band,
            max_headcount=lot.max_headcount_band,
        )
        for lot in lots
    ]


def find_matches(
    db: Database,
    opportunity_id: int,
    *,
    include_directory: bool = False,
    today: date | None = None,
) -> OpportunityMatches:
    """Matches per lot and proposed groupements of a saved opportunity."""
    with db.unit_of_work(write=False) as session:
        opportunity = load_opportunity(session, opportunity_id)
        needs = lot_needs(opportunity.lots)
        buyer_id, insee = opportunity.buyer_id, opportunity.commune_insee
    context = load_context(
        db,
        needs,
        opportunity_id=opportunity_id,
        buyer_id=buyer_id,
        commune_insee=insee,
        include_directory=include_directory,
        today=today,
    )
    return compute_matches(needs, context, opportunity_id)
