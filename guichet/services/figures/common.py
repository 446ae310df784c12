"""Shapes shared by every figure family, and the statistical confidentiality rule."""

from __future__ import annotations

from dataclasses import dataclass

from guichet.reference.dates import format_number, format_share

#: statistical confidentiality: a count under this is shown « < 3 » in reports
MIN_SHOWN = 3
UNDER_MIN = f"< {MIN_SHOWN}"


@dataclass(frozen=True)
class Count:
    """One bar: ``key`` is what a click filters on (a channel value, an id, a month…)."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class MonthCount:
    """One bar of a stacked monthly chart: the month (« 2026-11 »), the series and its count."""

    month: str
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Share:
    """``hits`` out of ``total``; ``rate`` is None when there is nothing to measure."""

    hits: int
    total: int
    rate: float | None

    @classmethod
    def of(cls, hits: int, total: int) -> Share:
        return cls(hits, total, hits / total if total else None)


def is_confidential(count: int) -> bool:
    """A count under 3 could single out a company or a person."""
    return count < MIN_SHOWN


def shown_count(count: int) -> str:
    """What a report prints for a count: « < 3 » under the threshold, else the number."""
    return UNDER_MIN if is_confidential(count) else format_number(count)


def shown_share(share: Share) -> str:
    """A share measured on fewer than 3 cases is not printed as a percentage."""
    if share.rate is None:
        return "—"
    if is_confidential(share.total):
        return f"base {UNDER_MIN}"
    return format_share(share.rate)
