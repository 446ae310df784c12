"""The report's first sections (headline, réactivité, inquiries, referrals), built from the
figures service only: each section's tables and charts, and the values its text template may
use. No figure is computed here, only laid out (a change against the previous period is the
one derived number, :func:`change_cell`)."""

from __future__ import annotations

from dataclasses import dataclass

from guichet.letters.report_document import (
    BarChart,
    Block,
    Kind,
    LineChart,
    ReportTable,
    Series,
    Value,
    format_minutes,
    format_value,
)
from guichet.services.figures import (
    ActivityFigures,
    Count,
    MeetingFigures,
    NetworkFigures,
    OpportunityFigures,
    ProjectFigures,
    ReferralFigures,
    Share,
)
from guichet.services.report_cells import (
    bar_series,
    change_cell,
    count_cell,
    counts_table,
    share_cell,
    share_point,
)

Values = dict[str, str]
#: partners listed one by one in the partner × outcome table (PDF and workbook alike); the
#: others are summed on a last row « Autres partenaires (n) »
TOP_PARTNERS = 20


@dataclass(frozen=True)
class ReportFigures:
    """The period's figures (``activity_figures``, as ``guichet stats`` gives them) and, for the
    headline comparisons, the same families a year before."""

    current: ActivityFigures
    previous_referrals: ReferralFigures
    previous_network: NetworkFigures
    previous_meetings: MeetingFigures
    previous_projects: ProjectFigures
    previous_opportunities: OpportunityFigures


def text(cell: Value, kind: Kind = Kind.COUNT) -> str:
    """A cell as a template field (the PDF's own writing of it)."""
    return format_value(cell, kind)


def _top(counts: tuple[Count, ...]) -> str:
    return counts[0].label if counts and not isinstance(count_cell(counts[0].count), str) else ""


# -- headline figures -----------------------------------------------------------------------
def headline(f: ReportFigures) -> tuple[ReportTable, Values]:
    a = f.current
    rows = (
        ("Demandes reçues", a.volumes.total, a.previous_volumes.total),
        ("Mises en relation envoyées", a.referrals.sent, f.previous_referrals.sent),
        ("Adhérents gagnés", a.network.gained, f.previous_network.gained),
        ("Réunions d'information tenues", a.meetings.held, f.previous_meetings.held),
        ("Participants aux réunions", a.meetings.present, f.previous_meetings.present),
        ("Projets d'implantation ouverts", a.projects.opened, f.previous_projects.opened),
        (
            "Opportunités d'affaires reçues",
            a.opportunities.received,
            f.previous_opportunities.received,
        ),
    )
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
    change = change_cell(a.volumes.total, a.previous_volumes.total)
    values = {
        "periode": a.period.label,
        "periode.precedente": a.previous.label,
        "demandes.total": text(count_cell(a.volumes.total)),
        "demandes.precedente": text(count_cell(a.previous_volumes.total)),
        "demandes.evolution": text(change, Kind.CHANGE) if change is not None else "",
        "demandes.canal_principal": _top(a.volumes.by_channel),
        "demandes.thematique_principale": _top(a.volumes.by_theme),
        "sujets.principal": _top(a.subjects),
    }
    return table, values


# -- réactivité ----------------------------------------------------------------------------
REACTIVITY_LINES = (
    ("Première réponse sous 72 h", "first_response", "premiere_reponse"),
    ("Mise en relation sous 72 h", "referral", "mise_en_relation"),
    ("Prise en charge sous 5 jours", "taken_care", "prise_en_charge"),
)


def _median(minutes: float | None, count: int) -> Value:
    """The median, unless measured on fewer than 3 inquiries."""
    if minutes is None:
        return None
    cell = count_cell(count)
    return cell if isinstance(cell, str) else float(minutes)


def reactivity_blocks(f: ReportFigures) -> tuple[tuple[Block, ...], Values]:
    r, before = f.current.reactivity, f.current.previous_reactivity
    chart = LineChart(
        "Réactivité par mois, contre ses objectifs",
        tuple(m.label for m in r.months),
        tuple(
            Series(name, tuple(share_point(getattr(m, attr)) for m in r.months))
            for name, attr, _key in REACTIVITY_LINES
        ),
        tuple(getattr(r.targets, attr) * 100 for _name, attr, _key in REACTIVITY_LINES),
    )
    rows: list[tuple[Value, ...]] = []
    for name, attr, _key in REACTIVITY_LINES:
        share: Share = getattr(r, attr)
        rows.append(
            (
                name,
                share_cell(share),
                getattr(r.targets, attr),
                count_cell(share.total),
                share_cell(getattr(before, attr)),
            )
        )
    median = _median(r.median_minutes, r.median_count)
    rows.append(
        (
            "Délai médian jusqu'à la première action (heures ouvrées)",
            median,
            None,
            count_cell(r.median_count),
            _median(before.median_minutes, before.median_count),
        )
    )
    table = ReportTable(
        "Réactivité",
        "Réactivité de la période",
        ("Indicateur", "Période", "Objectif", "Cas mesurés", "Un an plus tôt"),
        (Kind.TEXT, Kind.PERCENT, Kind.PERCENT, Kind.COUNT, Kind.PERCENT),
        tuple(rows[:-1]),
    )
    delay = ReportTable(
        "Délai médian",
        "Délai médian jusqu'à la première action (minutes ouvrées)",
        ("Indicateur", "Période", "Demandes mesurées", "Un an plus tôt"),
        (Kind.TEXT, Kind.MINUTES, Kind.COUNT, Kind.MINUTES),
        ((rows[-1][0], rows[-1][1], rows[-1][3], rows[-1][4]),),
    )
    monthly = ReportTable(
        "Réactivité par mois",
        "Réactivité par mois",
        ("Mois", *(name for name, _attr, _key in REACTIVITY_LINES), "Délai médian"),
        (Kind.TEXT, Kind.PERCENT, Kind.PERCENT, Kind.PERCENT, Kind.MINUTES),
        tuple(
            (
                m.label,
                *(share_cell(getattr(m, attr)) for _name, attr, _key in REACTIVITY_LINES),
                _median(m.median_minutes, m.median_count),
            )
            for m in r.months
        ),
    )
    values = {
        "reactivite.delai_median": format_minutes(median) if isinstance(median, float) else ""
    }
    for _name, attr, key in REACTIVITY_LINES:
        values[f"reactivite.{key}"] = text(share_cell(getattr(r, attr)), Kind.PERCENT)
        values[f"reactivite.{key}_objectif"] = text(getattr(r.targets, attr), Kind.PERCENT)
    return (chart, table, delay, monthly), values


# -- inquiries -----------------------------------------------------------------------------
def volume_blocks(f: ReportFigures) -> tuple[Block, ...]:
    v, before = f.current.volumes, f.current.previous_volumes
    months = [m.key for m in v.by_month]
    series = []
    for channel in v.by_channel:
        by_month = {r.month: r.count for r in v.by_month_channel if r.key == channel.key}
        series.append(bar_series(channel.label, [Count(m, m, by_month.get(m, 0)) for m in months]))
    return (
        BarChart(
            "Demandes par mois et par canal", tuple(m.label for m in v.by_month), tuple(series)
        ),
        counts_table("Demandes par mois", "Demandes par mois", "Mois", v.by_month),
        counts_table("Canaux", "Demandes par canal", "Canal", v.by_channel, before.by_channel),
        BarChart(
            "Demandes par thématique",
            tuple(c.label for c in v.by_theme),
            (bar_series("Demandes", v.by_theme),),
            horizontal=True,
        ),
        counts_table(
            "Thématiques", "Demandes par thématique", "Thématique", v.by_theme, before.by_theme
        ),
    )


# -- referrals -----------------------------------------------------------------------------
def referral_blocks(f: ReportFigures) -> tuple[tuple[Block, ...], Values]:
    r = f.current.referrals
    statuses = [c for c in r.by_outcome if c.count]
    matrix: dict[tuple[str, str], int] = {
        (str(o.partner_id), o.status): o.count for o in r.by_partner_outcome
    }
    shown, others = r.by_partner[:TOP_PARTNERS], r.by_partner[TOP_PARTNERS:]
    rows = [
        (
            p.label,
            count_cell(p.count),
            *(count_cell(matrix.get((p.key, s.key), 0)) for s in statuses),
        )
        for p in shown
    ]
    title = "Mises en relation par partenaire et par issue"
    if others:  # ten years of partners would fill pages: the rest summed on one row
        rows.append(
            (
                f"Autres partenaires ({len(others)})",
                count_cell(sum(p.count for p in others)),
                *(count_cell(sum(matrix.get((p.key, s.key), 0) for p in others)) for s in statuses),
            )
        )
        title += f" ({TOP_PARTNERS} premiers partenaires, les autres regroupés)"
    by_partner = ReportTable(
        "Partenaires et issues",
        title,
        ("Partenaire", "Envoyées", *(s.label for s in statuses)),
        (Kind.TEXT, Kind.COUNT, *(Kind.COUNT for _ in statuses)),
        tuple(rows),
    )
    blocks: tuple[Block, ...] = (
        BarChart(
            "Mises en relation par issue",
            tuple(s.label for s in statuses),
            (bar_series("Mises en relation", statuses),),
            horizontal=True,
        ),
        counts_table("Issues", "Mises en relation par issue", "Issue", r.by_outcome),
        ReportTable(
            "Boucle fermée",
            "Mises en relation dont l'issue est connue (boucle fermée)",
            ("Indicateur", "Période", "Mises en relation"),
            (Kind.TEXT, Kind.PERCENT, Kind.COUNT),
            (("Issue connue", share_cell(r.closed_loop), count_cell(r.closed_loop.total)),),
        ),
        by_partner,
    )
    values = {
        "mises_en_relation.envoyees": text(count_cell(r.sent)),
        "mises_en_relation.boucle_fermee": text(share_cell(r.closed_loop), Kind.PERCENT),
        "mises_en_relation.partenaire_principal": _top(r.by_partner),
    }
    return blocks, values
