"""Réactivité, the desk's own measure of speed (shown on the home page).

- median minutes from an inquiry's arrival to its first action (orientation or referral), for
  the inquiries received this month;
- share of inquiries referred within 72 h: among the inquiries received over the window that led
  to a referral sent, those whose first referral was sent within 72 hours of arrival;
- share of referrals taken care of within 5 days: among referrals sent over the window at least
  5 days ago (or already taken care of), those taken care of within 5 days of sending.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from guichet.db import Database
from guichet.models import Inquiry, Need, Referral
from guichet.services.opportunity_figures import time_to_relay

REFERRED_WITHIN = timedelta(hours=72)
TAKEN_CARE_WITHIN = timedelta(days=5)
WINDOW = timedelta(days=90)


@dataclass(frozen=True)
class Reactivity:
    median_minutes: float | None
    median_count: int
    referred_within_72h: float | None
    referred_count: int
    taken_care_within_5d: float | None
    taken_care_count: int
    # opportunities: working minutes from arrival to first relay (opportunity_figures)
    relay_median_minutes: float | None = None
    relay_within_hour: float | None = None
    relay_count: int = 0


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def load_reactivity(db: Database, now: datetime) -> Reactivity:
    month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    since = now - WINDOW
    with db.unit_of_work(write=False) as session:
        firsts = session.execute(
            select(Inquiry.received_at, Inquiry.first_action_at).where(
                Inquiry.received_at >= month_start,
                Inquiry.received_at <= now,
                Inquiry.first_action_at.is_not(None),
            )
        ).all()
        sent = session.execute(
            select(Inquiry.id, Inquiry.received_at, Referral.sent_at)
            .join(Need, Need.inquiry_id == Inquiry.id)
            .join(Referral, Referral.need_id == Need.id)
            .where(Inquiry.received_at >= since, Referral.sent_at.is_not(None))
        ).all()
        taken = session.execute(
            select(Referral.sent_at, Referral.taken_care_at).where(
                Referral.sent_at >= since, Referral.sent_at <= now
            )
        ).all()
    minutes = [
        max((first - received).total_seconds() / 60, 0.0)
        for received, first in firsts
        if first is not None
    ]
    first_sent: dict[int, tuple[datetime, datetime]] = {}
    for inquiry_id, received, sent_at in sent:
        if sent_at is None:
            continue
        known = first_sent.get(inquiry_id)
        if known is None or sent_at < known[1]:
            first_sent[inquiry_id] = (received, sent_at)
    referred_hits = sum(1 for received, s in first_sent.values() if s - received <= REFERRED_WITHIN)
    eligible = [
        (s, t)
        for s, t in taken
        if s is not None and (t is not None or now - s >= TAKEN_CARE_WITHIN)
    ]
    taken_hits = sum(1 for s, t in eligible if t is not None and t - s <= TAKEN_CARE_WITHIN)
    relay = time_to_relay(db, since, now)
    return Reactivity(
        median_minutes=statistics.median(minutes) if minutes else None,
        median_count=len(minutes),
        referred_within_72h=_share(referred_hits, len(first_sent)),
        referred_count=len(first_sent),
        taken_care_within_5d=_share(taken_hits, len(eligible)),
        taken_care_count=len(eligible),
        relay_median_minutes=relay.median_minutes,
        relay_within_hour=relay.within_goal,
        relay_count=relay.count,
    )
