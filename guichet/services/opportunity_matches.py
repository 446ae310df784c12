"""Matches and proposed groupements of an opportunity: loads what matching needs, in one read.

Only the organizations holding a relevant capability (a required one or a descendant) or a
required certification are read, so the answer stays fast over a large directory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

from sqlalchemy import and_, or_, select, union
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.models import (
    Answer,
    AnswerStatus,
    Certification,
    Groupement,
    GroupementMember,
    Lot,
    Membership,
    MembershipStatus,
    Opportunity,
    Organization,
    OrganizationKind,
)
from guichet.models.capability import organization_capability, organization_certification
from guichet.models.opportunity import lot_capability
from guichet.reference.communes import commune
from guichet.search.capabilities import Thesaurus as CapabilityTree
from guichet.services.groupement_proposals import Proposal, propose_groupements
from guichet.services.opportunity_matching import (
    Candidate,
    History,
    LotNeed,
    Match,
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
    candidates: tuple[Candidate, ...]
    thesaurus: Thesaurus
    history: History
    site: Candidate | None


def _thesaurus(session: Session) -> Thesaurus:
    return Thesaurus(
        tree=CapabilityTree.load(session.connection()),
        certification_names={
            cid: name for cid, name in session.execute(select(Certification.id, Certification.name))
        },
    )


def _place(insee: str | None) -> tuple[str | None, str | None]:
    found = commune(insee) if insee else None
    return insee, (found.epci_siren if found else None)


def _candidates(
    session: Session,
    thesaurus: Thesaurus,
    needs: Sequence[LotNeed],
    *,
    exclude: set[int],
    include_directory: bool,
    territory: frozenset[str],
    today: date,
) -> tuple[Candidate, ...]:
    relevant = {
        d for n in needs for c in n.capabilities for d in thesaurus.tree.descendants_and_self(c)
    }
    certs = {c for n in needs for c in n.certifications}
    holders = union(
        select(organization_capability.c.organization_id).where(
            organization_capability.c.capability_id.in_(relevant)
        ),
        select(organization_certification.c.organization_id).where(
            organization_certification.c.certification_id.in_(certs)
        ),
    ).subquery()
    held_caps: dict[int, set[int]] = {}
    for oid, cid in session.execute(
        select(
            organization_capability.c.organization_id, organization_capability.c.capability_id
        ).where(organization_capability.c.capability_id.in_(relevant))
    ):
        held_caps.setdefault(oid, set()).add(cid)
    held_certs: dict[int, set[int]] = {}
    for oid, cid in session.execute(
        select(
            organization_certification.c.organization_id,
            organization_certification.c.certification_id,
        ).where(organization_certification.c.certification_id.in_(certs))
    ):
        held_certs.setdefault(oid, set()).add(cid)
    members = set(
        session.scalars(
            select(Membership.organization_id).where(
                Membership.organization_id.in_(select(holders.c.organization_id)),
                Membership.status == MembershipStatus.ACTIVE,
                or_(Membership.end_on.is_(None), Membership.end_on >= today),
            )
        )
    )
    rows = session.execute(
        select(
            Organization.id,
            Organization.legal_name,
            Organization.trade_name,
            Organization.kind,
            Organization.commune_insee,
            Organization.headcount_band,
        ).where(
            Organization.id.in_(select(holders.c.organization_id)),
            Organization.do_not_refer.is_(False),
            Organization.kind.in_((OrganizationKind.MEMBER, OrganizationKind.COMPANY)),
        )
    )
    found = []
    for oid, legal, trade, _kind, insee, band in rows:
        member = oid in members
        if oid in exclude or not (member or include_directory):
            continue
        place, epci = _place(insee)
        found.append(
            Candidate(
                id=oid,
                name=trade if trade and trade != legal else legal,
                member=member,
                capabilities=frozenset(held_caps.get(oid, ())),
                certifications=frozenset(held_certs.get(oid, ())),
                commune=place,
                epci=epci,
                on_territory=bool(insee) and insee in territory,
                headcount=band,
            )
        )
    return tuple(found)


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
        candidates = _candidates(
            session,
            thesaurus,
            needs,
            exclude={buyer_id} if buyer_id is not None else set(),
            include_directory=include_directory,
            territory=territory,
            today=day,
        )
        history = _history(session, opportunity_id, buyer_id, day)
    place, epci = _place(commune_insee)
    site = Candidate(0, "site", False, frozenset(), frozenset(), place, epci) if place else None
    return MatchContext(candidates, thesaurus, history, site)


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
        matches = match_lot(need, context.candidates, context.thesaurus, context.history)
        proposals: list[Proposal] = []
        if not matches:
            proposals = propose_groupements(
                [need], context.candidates, context.thesaurus, context.history, site=context.site
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
            context.candidates,
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
