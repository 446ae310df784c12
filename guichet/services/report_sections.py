"""The report's sections, built from the figures service only: each section's tables, charts
and the values its text template may use. No figure is computed here, only laid out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from guichet.db import Database
from guichet.letters.report_document import (
    BarChart,
    Block,
    Kind,
    LineChart,
    ReportTable,
    Series,
    format_minutes,
    format_value,
)
from guichet.services.figures import (
    Count,
    Period,
    ReactivityFigures,
    Share,
    Volumes,
    reactivity,
    volumes,
)
from guichet.services.report_cells import (
    bar_series,
    change_cell,
    count_cell,
    counts_table,
    share_cell,
    share_point,
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ReportFigures:
    """Every figure family the report shows, for the period and the same period a year before."""

    period: Period
    previous: Period
    volumes: Volumes
    volumes_before: Volumes
    reactivity: ReactivityFigures
    reactivity_before: ReactivityFigures


def load_figures(
    db: Database, period: Period, *, now: datetime | None = None, progress: Progress | None = None
) -> ReportFigures:
    """Each family from the figures service, for both periods; ``progress`` hears each step
    done (and may raise to stop)."""
    previous = period.previous_year()
    loaders: dict[str, Callable[[Period], object]] = {
        "volumes": lambda p: volumes(db, p),
        "reactivity": lambda p: reactivity(db, p, now=now),
    }
    total = 2 * len(loaders)
    loaded: dict[str, object] = {}
    for number, (name, load) in enumerate(loaders.items()):
        if progress is not None:
            progress(2 * number, total)
        loaded[name] = load(period)
        loaded[f"{name}_before"] = load(previous)
    if progress is not None:
        progress(total, total)
    return ReportFigures(period=period, previous=previous, **loaded)  # type: ignore[arg-type]


def _text(cell: object, kind: Kind) -> str:
    return format_value(cell, kind)  # type: ignore[arg-type]


def _top(counts: tuple[Count, ...]) -> str:
    return counts[0].label if counts and counts_shown(counts[0].count) else ""


def counts_shown(count: int) -> bool:
    return not isinstance(count_cell(count), str)


# -- headline figures -----------------------------------------------------------------------
def headline(f: ReportFigures) -> tuple[ReportTable, dict[str, str]]:
    rows = [
        ("Demandes reçues", f.volumes.total, f.volumes_before.total),
    ]
    table = ReportTable(
        "Chiffres clés",
        "Chiffres clés de la période",
        ("Indicateur", "Période", "Un an plus tôt", "Évolution"),
        (Kind.TEXT, Kind.COUNT, Kind.COUNT, Kind.CHANGE),
        tuple(
            (label, count_cell(now), count_cell(before), change_cell(now, before))
            for label, now, before in rows
        ),
    )
    change = change_cell(f.volumes.total, f.volumes_before.total)
    values = {
        "periode": f.period.label,
        "periode.precedente": f.previous.label,
        "demandes.total": _text(count_cell(f.volumes.total), Kind.COUNT),
        "demandes.precedente": _text(count_cell(f.volumes_before.total), Kind.COUNT),
        "demandes.evolution": _text(change, Kind.CHANGE) if change is not None else "",
        "demandes.canal_principal": _top(f.volumes.by_channel),
        "demandes.thematique_principale": _top(f.volumes.by_theme),
    }
    return table, values


# -- réactivité ----------------------------------------------------------------------------
REACTIVITY_LINES = (
    ("Première réponse sous 72 h", "first_response"),
    ("Mise en relation sous 72 h", "referral"),
    ("Prise en charge sous 5 jours", "taken_care"),
)


def reactivity_blocks(f: ReportFigures) -> tuple[tuple[Block, ...], dict[str, str]]:
    r, before = f.reactivity, f.reactivity_before
    chart = LineChart(
        "Réactivité par mois, contre ses objectifs",
        tuple(m.label for m in r.months),
        tuple(
            Series(name, tuple(share_point(getattr(m, attr)) for m in r.months))
            for name, attr in REACTIVITY_LINES
        ),
        tuple(getattr(r.targets, attr) * 100 for _name, attr in REACTIVITY_LINES),
    )
    rows: list[tuple[object, ...]] = []
    for name, attr in REACTIVITY_LINES:
        share: Share = getattr(r, attr)
        rows.append(
            (
                name,
                share_cell(share),
                getattr(r.targets, attr),
                share.total,
                share_cell(getattr(before, attr)),
            )
        )
    table = ReportTable(
        "Réactivité",
        "Réactivité de la période",
        ("Indicateur", "Période", "Objectif", "Cas mesurés", "Un an plus tôt"),
        (Kind.TEXT, Kind.PERCENT, Kind.PERCENT, Kind.COUNT, Kind.PERCENT),
        tuple((n, s, t, count_cell(c), b) for n, s, t, c, b in rows),  # type: ignore[misc]
    )
    monthly = ReportTable(
        "Réactivité par mois",
        "Réactivité par mois",
        ("Mois", *(name for name, _attr in REACTIVITY_LINES), "Délai médian"),
        (Kind.TEXT, Kind.PERCENT, Kind.PERCENT, Kind.PERCENT, Kind.MINUTES),
        tuple(
            (
                m.label,
                *(share_cell(getattr(m, attr)) for _name, attr in REACTIVITY_LINES),
                _median(m.median_minutes, m.median_count),
            )
            for m in r.months
        ),
    )
    median = _median(r.median_minutes, r.median_count)
    delay = ReportTable(
        "Délai médian",
        "Délai médian jusqu'à la première action (heures ouvrées)",
        ("Période", "Délai médian", "Demandes mesurées"),
        (Kind.TEXT, Kind.MINUTES, Kind.COUNT),
        (
            (f.period.label, median, count_cell(r.median_count)),
            (
                f.previous.label,
                _median(before.median_minutes, before.median_count),
                count_cell(before.median_count),
            ),
        ),
    )
    values = {
        "reactivite.delai_median": format_minutes(median) if isinstance(median, float) else "",
    }
    for (_name, attr), key in zip(
        REACTIVITY_LINES, ("premiere_reponse", "mise_en_relation", "prise_en_charge"), strict=True
    ):
        values[f"reactivite.{key}"] = _text(share_cell(getattr(r, attr)), Kind.PERCENT)
        values[f"reactivite.{key}_objectif"] = _text(getattr(r.targets, attr), Kind.PERCENT)
    return (chart, table, delay, monthly), values


def _median(minutes: float | None, count: int) -> float | str | None:
    """The median, unless measured on fewer than 3 inquiries."""
    if minutes is None:
        return None
    cell = count_cell(count)
    return cell if isinstance(cell, str) else float(minutes)


# -- volumes -------------------------------------------------------------------------------
def volume_blocks(f: ReportFigures) -> tuple[Block, ...]:
    v = f.volumes
    months = [m.key for m in v.by_month]
    labels = tuple(m.label for m in v.by_month)
    series = []
    for channel in v.by_channel:
        by_month = {r.month: r.count for r in v.by_month_channel if r.key == channel.key}
        series.append(bar_series(channel.label, [Count(m, m, by_month.get(m, 0)) for m in months]))
    return (
        BarChart("Demandes par mois et par canal", labels, tuple(series)),
        counts_table("Demandes par mois", "Demandes par mois", "Mois", v.by_month),
        counts_table(
            "Canaux", "Demandes par canal", "Canal", v.by_channel, f.volumes_before.by_channel
        ),
        BarChart(
            "Demandes par thématique",
            tuple(c.label for c in v.by_theme),
            (bar_series("Demandes", v.by_theme),),
            horizontal=True,
        ),
        counts_table(
            "Thématiques",
            "Demandes par thématique",
            "Thématique",
            v.by_theme,
            f.volumes_before.by_theme,
        ),
    )
