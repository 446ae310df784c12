"""The activity report as plain data: sections of text, tables, charts and a map.

The renderer (:mod:`guichet.letters.report_pdf`) never sees the database, and neither does the
workbook: both take these dataclasses, built once by the report service from the figures
service, so the PDF and the XLSX carry the same numbers. Cells are already masked for
statistical confidentiality (« < 3 ») by the service; :func:`format_value` only writes a value the
French way for the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from guichet.letters.document import Letterhead
from guichet.reference.dates import format_number, format_share

NBSP = "\u00a0"
MINUS = "\u2212"

#: a cell: a count, a share in percent, minutes, a text (« < 3 » included), or nothing
Value = int | float | str | None


class Kind(StrEnum):
    """How a column's values are written."""

    TEXT = "text"
    COUNT = "count"
    PERCENT = "percent"  # a share in [0, 1], written « 84 % »
    CHANGE = "change"  # a change in percent (+12.5)
    MINUTES = "minutes"


@dataclass(frozen=True)
class ReportTable:
    """One table of the report, and one sheet of the workbook (``sheet``, ≤ 31 characters)."""

    sheet: str
    title: str
    headers: tuple[str, ...]
    kinds: tuple[Kind, ...]
    rows: tuple[tuple[Value, ...], ...]


@dataclass(frozen=True)
class Series:
    """One series of a chart; ``None`` where there is nothing to draw (no data, or « < 3 »)."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class BarChart:
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    horizontal: bool = False


@dataclass(frozen=True)
class LineChart:
    """Shares in percent by period, each series with its target drawn as a dashed line."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    targets: tuple[float | None, ...] = ()


@dataclass(frozen=True)
class MapArea:
    code: str  # INSEE code of the commune
    value: int  # 0: nothing over the period (masked values are counted here as their class)
    masked: bool = False  # a count under 3: drawn in the lowest class, never written


@dataclass(frozen=True)
class ChoroplethMap:
    title: str
    areas: tuple[MapArea, ...]
    legend_title: str
    credit: str = ""


Block = ReportTable | BarChart | LineChart | ChoroplethMap


@dataclass(frozen=True)
class ReportSection:
    title: str
    text: str  # plain text, from the section's template (the renderer escapes it)
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class ActivityReportDocument:
    letterhead: Letterhead
    title: str
    period_label: str  # « du 1er janvier 2026 au 31 mars 2026 »
    comparison_label: str  # « même période un an plus tôt : … »
    sections: tuple[ReportSection, ...]
    notes: tuple[str, ...] = ()  # printed under the title: confidentiality, anonymity
    created: datetime | None = None

    def tables(self) -> tuple[ReportTable, ...]:
        """Every table of the report, in the order it prints them (the workbook's sheets)."""
        return tuple(
            block
            for section in self.sections
            for block in section.blocks
            if isinstance(block, ReportTable)
        )


def format_change(change: float) -> str:
    """A change in percent: « +7,6 % », « −10 % », « 0 % »."""
    text = format_number(abs(change), 1)
    if text.endswith(",0"):
        text = text[:-2]
    sign = "+" if change > 0 and text != "0" else MINUS if change < 0 and text != "0" else ""
    return f"{sign}{text}{NBSP}%"


def format_minutes(minutes: float) -> str:
    """« 45 min », « 3 h 05 » (as Accueil writes the median time to first action)."""
    rounded = round(minutes)
    if rounded < 60:
        return f"{rounded}{NBSP}min"
    hours, rest = divmod(rounded, 60)
    return f"{format_number(hours)}{NBSP}h{NBSP}{rest:02d}"


def format_value(value: Value, kind: Kind) -> str:
    """A cell as the PDF writes it (the figures' own French formats); a text (« < 3 ») is
    written as it is."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if kind is Kind.COUNT:
        return format_number(value)
    if kind is Kind.PERCENT:
        return format_share(value)
    if kind is Kind.CHANGE:
        return format_change(value)
    if kind is Kind.MINUTES:
        return format_minutes(value)
    return str(value)
