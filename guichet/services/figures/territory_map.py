"""The map of activity: a count per commune for one measure (inquiries, referrals, members)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import distinct, func, or_, select

from guichet.db import Database
from guichet.models import Inquiry, Membership, MembershipStatus, Need, Organization, Referral
from guichet.services.figures.breakdowns import by_commune, commune_name
from guichet.services.figures.common import Count
from guichet.services.figures.period import Period
from guichet.services.network_goals import load_goal

INQUIRIES, REFERRALS, MEMBERS = "inquiries", "referrals", "members"
MEASURES = {
    INQUIRIES: "Demandes",
    REFERRALS: "Mises en relation",
    MEMBERS: "Adhérents",
}


@dataclass(frozen=True)
class CommuneCounts:
    period: Period
    measure: str  # one of MEASURES
    counts: tuple[Count, ...]  # key: INSEE code (« » for organizations without a commune)


def _referrals(db: Database, period: Period) -> list[tuple[str | None, int]]:
    query = (
        select(Organization.commune_insee, func.count(Referral.id))
        .select_from(Referral)
        .join(Need, Need.id == Referral.need_id)
        .join(Inquiry, Inquiry.id == Need.inquiry_id)
        .outerjoin(Organization, Organization.id == Inquiry.organization_id)
        .where(Referral.sent_at >= period.start_at, Referral.sent_at < period.end_before)
        .group_by(Organization.commune_insee)
    )
    with db.unit_of_work(write=False) as session:
        return [(c, int(n)) for c, n in session.execute(query)]


def _members(db: Database, period: Period) -> list[tuple[str | None, int]]:
    """Members of the goal's network on the period's last day, wherever they are."""
    goal = load_goal(db)
    if goal.network_id is None:
        return []
    day = period.end
    query = (
        select(Organization.commune_insee, func.count(distinct(Organization.id)))
        .join(Membership, Membership.organization_id == Organization.id)
        .where(
            Membership.network_id == goal.network_id,
            Membership.start_on <= day,
            or_(
                Membership.status == MembershipStatus.MEMBER,
                (Membership.status == MembershipStatus.LEFT) & (Membership.end_on > day),
            ),
        )
        .group_by(Organization.commune_insee)
    )
    with db.unit_of_work(write=False) as session:
        return [(c, int(n)) for c, n in session.execute(query)]


def commune_counts(db: Database, period: Period, measure: str = INQUIRIES) -> CommuneCounts:
    if measure == INQUIRIES:
        counts = by_commune(db, period)
    else:
        rows = _referrals(db, period) if measure == REFERRALS else _members(db, period)
        counts = tuple(
            sorted(
                (Count(c or "", commune_name(c or ""), n) for c, n in rows),
                key=lambda c: (-c.count, c.label),
            )
        )
    return CommuneCounts(period, measure, counts)
