"""Figures as report cells: statistical confidentiality applied once, for the PDF and the XLSX.

A count under 3 becomes « < 3 » (the figures layer's rule, :func:`is_confidential`), a share
measured on fewer than 3 cases is not given, a change is not computed from a masked count. The
PDF and the workbook receive the same cells, so they carry the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable

from guichet.letters.report_document import Kind, ReportTable, Series, Value
from guichet.services.figures import UNDER_MIN, Count, Share, is_confidential, shown_share


def count_cell(count: int) -> Value:
    """The count, or « < 3 » under the threshold (the figures layer's :func:`shown_count` rule,
    kept as a number otherwise so that the workbook holds numbers)."""
    return UNDER_MIN if is_confidential(count) else count


def share_cell(share: Share) -> Value:
    """The rate in [0, 1]; « — » or « base < 3 » (the figures' own words) when not given."""
    if share.rate is None or is_confidential(share.total):
        return shown_share(share)
    return share.rate


def change_cell(current: int, previous: int) -> Value:
    """The change in percent against the previous period; ``None`` when it cannot be told."""
    if not previous or is_confidential(current) or is_confidential(previous):
        return None
    return round((current - previous) / previous * 100, 1)


def chart_value(count: int) -> float | None:
    """A bar's height: none for a masked count (a bar would give the number away)."""
    return None if is_confidential(count) else float(count)


def share_point(share: Share) -> float | None:
    """A point of a réactivité line, in percent; none when the base is under 3."""
    if share.rate is None or is_confidential(share.total):
        return None
    return share.rate * 100


def counts_table(
    sheet: str, title: str, label: str, counts: Iterable[Count], previous: Iterable[Count] = ()
) -> ReportTable:
    """A breakdown: one row per key with its count, the count a year before and the change
    when ``previous`` is given."""
    before = {c.key: c.count for c in previous}
    rows: list[tuple[Value, ...]] = []
    with_previous = bool(before)
    for c in counts:
        if with_previous:
            old = before.get(c.key, 0)
            rows.append((c.label, count_cell(c.count), count_cell(old), change_cell(c.count, old)))
        else:
            rows.append((c.label, count_cell(c.count)))
    if with_previous:
        return ReportTable(
            sheet,
            title,
            (label, "Période", "Un an plus tôt", "Évolution"),
            (Kind.TEXT, Kind.COUNT, Kind.COUNT, Kind.CHANGE),
            tuple(rows),
        )
    return ReportTable(sheet, title, (label, "Période"), (Kind.TEXT, Kind.COUNT), tuple(rows))


def bar_series(name: str, counts: Iterable[Count]) -> Series:
    return Series(name, tuple(chart_value(c.count) for c in counts))
