"""What points to an organization, for merging two of them: one list that the merge moves and
the merge dialog counts, and the groupements where both were members (kept as one membership)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guichet.models import (
    Answer,
    Groupement,
    GroupementMember,
    Inquiry,
    Letter,
    Membership,
    Opportunity,
    OpportunityAward,
    Referral,
    Relay,
    RoutingRule,
    Visit,
)

#: what points to an organization from the opportunities (moved by a merge, not lost)
OPPORTUNITY_LINKS: tuple[tuple[str, Any, Any], ...] = (
    ("opportunities", Opportunity, Opportunity.buyer_id),
    ("opportunities", Opportunity, Opportunity.reported_by_id),
    ("opportunity_links", Relay, Relay.organization_id),
    ("opportunity_links", Answer, Answer.organization_id),
    ("opportunity_links", Groupement, Groupement.mandataire_id),
    ("opportunity_links", GroupementMember, GroupementMember.organization_id),
    ("opportunity_links", OpportunityAward, OpportunityAward.organization_id),
)

#: every record moved by one column update (contacts and memberships move with the record)
MOVED_LINKS: tuple[tuple[str, Any, Any], ...] = (
    ("inquiries", Inquiry, Inquiry.organization_id),
    ("referrals", Referral, Referral.partner_id),
    ("letters", Letter, Letter.organization_id),
    ("routing_rules", RoutingRule, RoutingRule.partner_id),
    ("visits", Visit, Visit.organization_id),
    *OPPORTUNITY_LINKS,
    ("network_members", Membership, Membership.network_id),  # two networks merged
)

#: reported only when there are some (older records never had them)
OPTIONAL_KEYS = frozenset({name for name, _model, _column in OPPORTUNITY_LINKS})


def count_links(session: Session, organization_id: int) -> dict[str, int]:
    """How many records of each kind of :data:`MOVED_LINKS` point to an organization."""
    counts: dict[str, int] = {}
    for name, _model, column in MOVED_LINKS:
        found = session.scalar(select(func.count()).where(column == organization_id)) or 0
        counts[name] = counts.get(name, 0) + int(found)
    return {k: n for k, n in counts.items() if n or k not in OPTIONAL_KEYS}


def fold_groupement_members(session: Session, keep_id: int, remove_id: int) -> int:
    """Where both organizations are members of the same groupement, keep one membership.

    The kept organization's membership takes the lots of both (« qui fait quoi ») and both
    shares when they differ; the removed one's membership is deleted (audited). Returns how
    many memberships were folded (the others are moved by :data:`MOVED_LINKS`).
    """
    kept = {
        member.groupement_id: member
        for member in session.scalars(
            select(GroupementMember).where(GroupementMember.organization_id == keep_id)
        )
    }
    folded = 0
    for member in list(
        session.scalars(
            select(GroupementMember).where(GroupementMember.organization_id == remove_id)
        )
    ):
        target = kept.get(member.groupement_id)
        if target is None:
            continue
        numbers = {lot.number for lot in target.lots}
        extra = [lot for lot in member.lots if lot.number not in numbers]
        if extra:
            target.lots = sorted([*target.lots, *extra], key=lambda lot: lot.number)
        shares = [s.strip() for s in (target.share, member.share) if s and s.strip()]
        if shares:
            target.share = " ; ".join(dict.fromkeys(shares))
        session.delete(member)
        folded += 1
    session.flush()  # the membership is gone before the others move to the kept organization
    return folded
