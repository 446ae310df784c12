"""Referrals sent in the period, by partner and by outcome, and the closed-loop rate: the share
whose outcome the desk knows (the partner helped, could not, refused, could not reach)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from guichet.db import Database
from guichet.models import Organization, Referral, ReferralStatus, label
from guichet.services.figures.common import Count, Share
from guichet.services.figures.period import Period

#: a referral whose loop is closed: its outcome is known
CLOSED_LOOP = (
    ReferralStatus.SUCCEEDED,
    ReferralStatus.CLOSED_NO_HELP,
    ReferralStatus.REFUSED,
    ReferralStatus.UNREACHABLE,
)


@dataclass(frozen=True)
class PartnerOutcome:
    partner_id: int
    partner: str
    status: str  # the ReferralStatus value
    label: str
    count: int


@dataclass(frozen=True)
class ReferralFigures:
    period: Period
    sent: int
    by_partner: tuple[Count, ...]  # key: the partner's id
    by_outcome: tuple[Count, ...]  # key: the ReferralStatus value, in the enum's order
    by_partner_outcome: tuple[PartnerOutcome, ...]
    closed_loop: Share


def referral_figures(db: Database, period: Period) -> ReferralFigures:
    query = (
        select(Organization.id, Organization.legal_name, Referral.status, func.count(Referral.id))
        .join(Organization, Organization.id == Referral.partner_id)
        .where(Referral.sent_at >= period.start_at, Referral.sent_at < period.end_before)
        .group_by(Organization.id, Organization.legal_name, Referral.status)
    )
    with db.unit_of_work(write=False) as session:
        rows = [
            PartnerOutcome(
                int(i), str(name), ReferralStatus(s).value, label(ReferralStatus(s)), int(n)
            )
            for i, name, s, n in session.execute(query)
        ]
    partners: dict[int, Count] = {}
    statuses: dict[str, int] = {}
    for row in rows:
        known = partners.get(row.partner_id)
        partners[row.partner_id] = Count(
            str(row.partner_id), row.partner, row.count + (known.count if known else 0)
        )
        statuses[row.status] = statuses.get(row.status, 0) + row.count
    sent = sum(statuses.values())
    closed = sum(n for s, n in statuses.items() if ReferralStatus(s) in CLOSED_LOOP)
    return ReferralFigures(
        period=period,
        sent=sent,
        by_partner=tuple(sorted(partners.values(), key=lambda c: (-c.count, c.label))),
        by_outcome=tuple(
            Count(s.value, label(s), statuses[s.value])
            for s in ReferralStatus
            if s.value in statuses
        ),
        by_partner_outcome=tuple(sorted(rows, key=lambda r: (r.partner, r.status))),
        closed_loop=Share.of(closed, sent),
    )
