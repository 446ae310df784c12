"""Réactivité as DOMAIN.md defines it, by month of the period, against its targets.

- **première réponse sous 72 h**: among the inquiries received in the period, the share whose
  first action (information given, orientation, referral) came within 72 hours of arrival;
- **mise en relation sous 72 h**: among the inquiries received in the period that have at least
  one referral, the share whose first referral was sent within 72 hours of arrival;
- **prise en charge sous 5 jours**: among the referrals sent in the period, the share the partner
  took in charge within 5 days of sending;
- the **median time to first action**, in minutes at the desk: working minutes (the desk's hours,
  weekends and public holidays left out, reference/working_time.py), whereas the 72 h and 5 days
  are calendar time (« within 72 hours of arrival »): an inquiry of Friday 10:00 answered on
  Monday 11:00 took 73 hours (missed) but two working hours.

A case still open is counted only once it is decided: an inquiry without action counts as missed
once 72 hours have passed (as of ``now``), not before. Inquiries and their referrals are counted
in the month of the inquiry's arrival; referrals taken in charge in the month they were sent.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Row, case, func, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from guichet.db import Database
from guichet.models import Inquiry, Need, Referral
from guichet.reference.working_time import working_minutes
from guichet.services.figures.common import Share
from guichet.services.figures.period import Period
from guichet.services.figures.sql import key_of, month_key, month_label, seconds_between
from guichet.services.opportunity_figures import working_hours
from guichet.services.settings import SettingsService

FIRST_RESPONSE_WITHIN = timedelta(hours=72)
REFERRAL_WITHIN = timedelta(hours=72)
TAKEN_CARE_WITHIN = timedelta(days=5)


@dataclass(frozen=True)
class Targets:
    """The goals (settings), as shares in [0, 1]."""

    first_response: float
    referral: float
    taken_care: float


@dataclass(frozen=True)
class ReactivityMonth:
    month: str  # « 2026-11 »
    label: str  # « nov. 2026 »
    first_response: Share
    referral: Share
    taken_care: Share
    median_minutes: float | None  # working minutes to first action
    median_count: int


@dataclass(frozen=True)
class ReactivityFigures:
    period: Period
    targets: Targets
    first_response: Share  # première réponse sous 72 h
    referral: Share  # mise en relation sous 72 h
    taken_care: Share  # prise en charge sous 5 jours
    median_minutes: float | None  # median working minutes from arrival to first action
    median_count: int
    months: tuple[ReactivityMonth, ...]  # every month of the period


def load_targets(db: Database) -> Targets:
    values = SettingsService(db).all()
    return Targets(
        first_response=int(values["reactivity.target_first_response"]) / 100,
        referral=int(values["reactivity.target_referral"]) / 100,
        taken_care=int(values["reactivity.target_taken_care"]) / 100,
    )


def _hits(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


def _by_month(rows: Sequence[Row[str, int, int]]) -> dict[str, Share]:
    return {str(m): Share.of(int(h or 0), int(t)) for m, h, t in rows}


def _total(shares: dict[str, Share]) -> Share:
    return Share.of(sum(s.hits for s in shares.values()), sum(s.total for s in shares.values()))


def reactivity(db: Database, period: Period, *, now: datetime | None = None) -> ReactivityFigures:
    """The three shares and the median over ``period``, decided as of ``now``."""
    moment = now or datetime.now()
    start, end = period.start_at, period.end_before
    in_period = (Inquiry.received_at >= start, Inquiry.received_at < end)
    month = month_key(db, Inquiry.received_at).label("month")
    limit_72h = int(FIRST_RESPONSE_WITHIN.total_seconds())
    first_response = (
        select(
            month,
            _hits(
                Inquiry.first_action_at.is_not(None)
                & (seconds_between(db, Inquiry.received_at, Inquiry.first_action_at) <= limit_72h)
            ),
            func.count(Inquiry.id),
        )
        .where(
            *in_period,
            or_(
                Inquiry.first_action_at.is_not(None),
                Inquiry.received_at <= moment - FIRST_RESPONSE_WITHIN,
            ),
        )
        .group_by(month)
    )
    # the first referral of the period's inquiries only: from the date index, never every referral
    asked = aliased(Inquiry)
    firsts = (
        select(Need.inquiry_id.label("inquiry_id"), func.min(Referral.sent_at).label("first_sent"))
        .join(asked, asked.id == Need.inquiry_id)
        .join(Referral, Referral.need_id == Need.id)
        .where(asked.received_at >= start, asked.received_at < end)
        .group_by(Need.inquiry_id)
        .subquery()
    )
    referral = (
        select(
            month,
            _hits(
                firsts.c.first_sent.is_not(None)
                & (
                    seconds_between(db, Inquiry.received_at, firsts.c.first_sent)
                    <= int(REFERRAL_WITHIN.total_seconds())
                )
            ),
            func.count(Inquiry.id),
        )
        .join(firsts, firsts.c.inquiry_id == Inquiry.id)
        .where(
            *in_period,
            or_(
                firsts.c.first_sent.is_not(None),
                Inquiry.received_at <= moment - REFERRAL_WITHIN,
            ),
        )
        .group_by(month)
    )
    sent_month = month_key(db, Referral.sent_at).label("month")
    taken_care = (
        select(
            sent_month,
            _hits(
                Referral.taken_care_at.is_not(None)
                & (
                    seconds_between(db, Referral.sent_at, Referral.taken_care_at)
                    <= int(TAKEN_CARE_WITHIN.total_seconds())
                )
            ),
            func.count(Referral.id),
        )
        .where(
            Referral.sent_at >= start,
            Referral.sent_at < end,
            or_(
                Referral.taken_care_at.is_not(None),
                Referral.sent_at <= moment - TAKEN_CARE_WITHIN,
            ),
        )
        .group_by(sent_month)
    )
    delays = select(month, Inquiry.received_at, Inquiry.first_action_at).where(
        *in_period, Inquiry.first_action_at.is_not(None)
    )
    hours = working_hours(db)
    targets = load_targets(db)
    with db.unit_of_work(write=False) as session:
        responses = _by_month(session.execute(first_response).all())
        referrals = _by_month(session.execute(referral).all())
        taken = _by_month(session.execute(taken_care).all())
        delay_rows = session.execute(delays).all()
    minutes: dict[str, list[float]] = {}
    for key, received, first in delay_rows:
        if first is None:
            continue
        minutes.setdefault(str(key), []).append(working_minutes(received, first, hours))
    empty = Share.of(0, 0)
    months = []
    for key in (key_of(m) for m in period.months()):
        values = minutes.get(key, [])
        months.append(
            ReactivityMonth(
                month=key,
                label=month_label(key),
                first_response=responses.get(key, empty),
                referral=referrals.get(key, empty),
                taken_care=taken.get(key, empty),
                median_minutes=statistics.median(values) if values else None,
                median_count=len(values),
            )
        )
    every = [m for values in minutes.values() for m in values]
    return ReactivityFigures(
        period=period,
        targets=targets,
        first_response=_total(responses),
        referral=_total(referrals),
        taken_care=_total(taken),
        median_minutes=statistics.median(every) if every else None,
        median_count=len(every),
        months=tuple(months),
    )
