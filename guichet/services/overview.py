"""What the home page shows: the desk's day and the network's headline figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from guichet.db import Database
from guichet.models import (
    Counsellor,
    Inquiry,
    InquiryStatus,
    Membership,
    MembershipStatus,
    Need,
    Organization,
    Referral,
    ReferralStatus,
    label,
)
from guichet.services.followups import DueReferral, due_referrals
from guichet.services.network_goals import GoalProgress, goal_progress
from guichet.services.reactivity import Reactivity, load_reactivity
from guichet.services.referral_rows import ReferralRow
from guichet.services.referrals import ReferralService
from guichet.services.visits import RiskCompany, VisitService

OPEN_REFERRAL_STATUSES = (ReferralStatus.PROPOSED, ReferralStatus.SENT, ReferralStatus.TAKEN_CARE)


@dataclass(frozen=True)
class InquiryRow:
    id: int
    reference: str
    received_at: datetime
    organization: str
    subjects: str
    counsellor: str
    status: str


@dataclass(frozen=True)
class Overview:
    organizations: int
    active_members: int
    members_on_territory: int
    network_goal: int
    open_inquiries: int
    open_referrals: int
    today: list[InquiryRow]
    latest: list[InquiryRow]
    follow_ups_due: list[DueReferral] = field(default_factory=list)
    latest_referrals: list[ReferralRow] = field(default_factory=list)
    reactivity: Reactivity | None = None
    network: GoalProgress | None = None  # the goal: members counted in its scope, gains
    risk_companies: list[RiskCompany] = field(default_factory=list)  # latest visit's signals


def _rows(inquiries: list[Inquiry], counsellors: dict[int, str]) -> list[InquiryRow]:
    return [
        InquiryRow(
            id=i.id,
            reference=i.reference,
            received_at=i.received_at,
            organization=i.organization.legal_name if i.organization else "—",
            subjects=", ".join(n.subject.name for n in i.needs),
            counsellor=counsellors.get(i.counsellor_id or 0, ""),
            status=label(i.status),
        )
        for i in inquiries
    ]


def load_overview(
    db: Database, *, today: date | None = None, latest: int = 15, now: datetime | None = None
) -> Overview:
    """The home page's figures as of ``today`` (and ``now`` for réactivité)."""
    day = today or date.today()
    moment = now or (datetime.combine(day, datetime.now().time()) if today else datetime.now())
    follow_ups = due_referrals(db, day)
    latest_referrals = ReferralService(db).list_referrals(limit=latest)
    reactivity = load_reactivity(db, moment)
    network = goal_progress(db, day)
    risks = VisitService(db).risk_companies()
    with db.unit_of_work(write=False) as s:
        count = lambda query: s.scalar(query) or 0  # noqa: E731
        active = (
            select(Membership.organization_id)
            .where(Membership.status == MembershipStatus.ACTIVE)
            .distinct()
            .subquery()
        )
        counsellors = {c.id: c.initials for c in s.scalars(select(Counsellor))}
        load = (
            select(Inquiry)
            .options(
                selectinload(Inquiry.organization),
                selectinload(Inquiry.needs).selectinload(Need.subject),
            )
            .order_by(Inquiry.received_at.desc())
        )
        start = datetime.combine(day, time.min)
        todays = s.scalars(load.where(Inquiry.received_at >= start)).all()
        recent = s.scalars(load.limit(latest)).all()
        return Overview(
            organizations=count(select(func.count()).select_from(Organization)),
            active_members=count(select(func.count()).select_from(active)),
            # the goal's own counter: its network and its scope (territory or everywhere)
            members_on_territory=network.members,
            network_goal=network.goal.target,
            open_inquiries=count(
                select(func.count())
                .select_from(Inquiry)
                .where(Inquiry.status != InquiryStatus.CLOSED)
            ),
            open_referrals=count(
                select(func.count())
                .select_from(Referral)
                .where(Referral.status.in_(OPEN_REFERRAL_STATUSES))
            ),
            today=_rows(list(todays), counsellors),
            latest=_rows(list(recent), counsellors),
            follow_ups_due=follow_ups,
            latest_referrals=latest_referrals,
            reactivity=reactivity,
            network=network,
            risk_companies=risks,
        )
