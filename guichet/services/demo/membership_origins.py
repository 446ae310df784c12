"""Demo origins that point at real records: once the meetings, visits and opportunities of
the demo exist, a membership brought by a meeting, a visit or an opportunity is tied to the
newest one its organisation had before joining (an attendee's company that joined after the
meeting, a visited company, a groupement partner); without any, its kind stays, unlinked (a
history older than the demo's records). A partner of a retained groupement that is not in the
cluster becomes a candidate, brought by that opportunity."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from guichet.models import Membership, MembershipOrigin, MembershipStatus, Organization
from guichet.models.opportunity import Groupement, GroupementMember, Opportunity, OpportunityAward
from guichet.services.membership_origins import origin_candidates

K = MembershipOrigin
LINKED = (K.MEETING, K.VISIT, K.OPPORTUNITY)


def link_membership_origins(session: Session, network: Organization) -> int:
    """Ties the demo's meeting/visit/opportunity origins to records; returns how many."""
    session.flush()
    linked = 0
    unlinked = session.scalars(
        select(Membership)
        .where(Membership.origin_kind.in_(LINKED), Membership.origin_id.is_(None))
        .order_by(Membership.id)
    )
    for m in list(unlinked):
        before = [
            c
            for c in origin_candidates(session, m.organization_id)
            if c.kind in LINKED and c.on is not None and c.on < m.start_on
        ]
        same = [c for c in before if c.kind == m.origin_kind]
        for chosen in (same or before)[:1]:  # the newest before joining
            m.origin_kind, m.origin_id = chosen.kind, chosen.id
            linked += 1
    return linked + _groupement_candidates(session, network)


def _groupement_candidates(session: Session, network: Organization) -> int:
    in_network = set(
        session.scalars(
            select(Membership.organization_id).where(Membership.network_id == network.id)
        )
    )
    won = session.execute(
        select(GroupementMember.organization_id, Opportunity)
        .join(Groupement, Groupement.id == GroupementMember.groupement_id)
        .join(OpportunityAward, OpportunityAward.groupement_id == Groupement.id)
        .join(Opportunity, Opportunity.id == OpportunityAward.opportunity_id)
        .order_by(Opportunity.id, GroupementMember.organization_id)
    )
    added = 0
    for organization_id, opportunity in won:
        if organization_id in in_network or organization_id == network.id:
            continue
        in_network.add(organization_id)
        day = (opportunity.closed_at or opportunity.received_at).date() + timedelta(days=20)
        session.add(
            Membership(
                organization_id=organization_id,
                network_id=network.id,
                start_on=day,
                status=MembershipStatus.CANDIDATE,
                origin_kind=K.OPPORTUNITY,
                origin_id=opportunity.id,
            )
        )
        added += 1
    return added
