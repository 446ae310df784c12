"""Volumes: inquiries of the period, by month, by channel and by theme (SQL GROUP BY)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import distinct, func, select

from guichet.db import Database
from guichet.models import Channel, Inquiry, Need, Subject, Theme, label
from guichet.services.figures.common import Count, MonthCount
from guichet.services.figures.period import Period
from guichet.services.figures.sql import key_of, month_key, month_label

NO_THEME = "Sans thématique"


@dataclass(frozen=True)
class Volumes:
    period: Period
    total: int
    by_month: tuple[Count, ...]  # every month of the period, zeros included; key « 2026-11 »
    by_channel: tuple[Count, ...]  # key: the Channel value
    by_theme: tuple[Count, ...]  # key: the theme id (« » for inquiries without a need)
    by_month_channel: tuple[MonthCount, ...]
    by_month_theme: tuple[MonthCount, ...]


def _totals(rows: list[MonthCount]) -> tuple[Count, ...]:
    sums: dict[str, Count] = {}
    for row in rows:
        known = sums.get(row.key)
        sums[row.key] = Count(row.key, row.label, row.count + (known.count if known else 0))
    return tuple(sorted(sums.values(), key=lambda c: (-c.count, c.label)))


def volumes(db: Database, period: Period) -> Volumes:
    in_period = (Inquiry.received_at >= period.start_at, Inquiry.received_at < period.end_before)
    month = month_key(db, Inquiry.received_at).label("month")
    by_channel = (
        select(month, Inquiry.channel, func.count(Inquiry.id))
        .where(*in_period)
        .group_by(month, Inquiry.channel)
        .order_by(month)
    )
    # an inquiry counts once per theme of its needs
    by_theme = (
        select(month, Theme.id, Theme.name, func.count(distinct(Inquiry.id)))
        .select_from(Inquiry)
        .outerjoin(Need, Need.inquiry_id == Inquiry.id)
        .outerjoin(Subject, Subject.id == Need.subject_id)
        .outerjoin(Theme, Theme.id == Subject.theme_id)
        .where(*in_period)
        .group_by(month, Theme.id, Theme.name)
        .order_by(month)
    )
    with db.unit_of_work(write=False) as session:
        channel_rows = [
            MonthCount(str(m), Channel(c).value, label(Channel(c)), int(n))
            for m, c, n in session.execute(by_channel)
        ]
        theme_rows = [
            MonthCount(str(m), str(t) if t is not None else "", name or NO_THEME, int(n))
            for m, t, name, n in session.execute(by_theme)
        ]
    per_month: dict[str, int] = {}
    for row in channel_rows:
        per_month[row.month] = per_month.get(row.month, 0) + row.count
    months = tuple(
        Count(key, month_label(key), per_month.get(key, 0))
        for key in (key_of(m) for m in period.months())
    )
    return Volumes(
        period=period,
        total=sum(per_month.values()),
        by_month=months,
        by_channel=_totals(channel_rows),
        by_theme=_totals(theme_rows),
        by_month_channel=tuple(channel_rows),
        by_month_theme=tuple(theme_rows),
    )
