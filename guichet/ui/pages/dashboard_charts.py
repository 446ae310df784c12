"""The dashboard's charts from the figures: one :class:`ChartData` per section, and what a bar
stands for as a list (page key, filters, caption) for Demandes, Relances or Annuaire."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from guichet.models import Channel, OrganizationKind, ReferralStatus
from guichet.search.filters import SearchFilters
from guichet.services.figures import ActivityFigures, Count, MonthCount, Period
from guichet.services.figures.lists import ReferralFilter
from guichet.services.figures.sql import key_of, month_label
from guichet.services.inquiries import InquiryFilters

from guichet.ui.widgets.chart_section import (
    GROUPED,
    HORIZONTAL,
    HORIZONTAL_STACKED,
    STACKED,
    ChartData,
)

MAX_BARS = 12  # partners, subjects…: the largest ones, the table lists the same


@dataclass(frozen=True)
class ListRequest:
    page: str  # inquiries | followups | directory
    filters: object  # InquiryFilters | ReferralFilter | SearchFilters
    caption: str


@dataclass(frozen=True)
class SectionSpec:
    name: str
    title: str
    category_title: str
    chart: Callable[[ActivityFigures], ChartData]
    # (figures, category key, series key) → the list, or None when a bar has no list
    drill: Callable[[ActivityFigures, str, str], ListRequest | None] | None = None


def _counts(counts: Iterable[Count], series: str) -> ChartData:
    rows = list(counts)[:MAX_BARS]
    return ChartData(
        categories=[(c.key, c.label) for c in rows],
        series=[(series, series)],
        values={(c.key, series): c.count for c in rows},
        kind=HORIZONTAL,
    )


def _monthly(period: Period, rows: Iterable[MonthCount]) -> ChartData:
    rows = list(rows)
    series: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: -r.count):
        series.setdefault(row.key, row.label)
    return ChartData(
        categories=_months(period),
        series=sorted(series.items(), key=lambda kv: kv[1]),
        values={(r.month, r.key): r.count for r in rows},
        kind=STACKED,
        total=True,
    )


def _months(period: Period) -> list[tuple[str, str]]:
    return [(key_of(m), month_label(key_of(m))) for m in period.months()]


def _month_bounds(period: Period, month: str) -> tuple[date, date]:
    """The part of ``month`` (« 2026-11 ») inside ``period``."""
    year, number = (int(x) for x in month.split("-"))
    whole = Period.of_month(year, number)
    return max(whole.start, period.start), min(whole.end, period.end)


def _inquiries(
    figures: ActivityFigures, caption: str, month: str = "", **chosen: object
) -> ListRequest:
    since, until = (
        _month_bounds(figures.period, month)
        if month
        else (figures.period.start, figures.period.end)
    )
    label = Period.custom(since, until).label
    return ListRequest(
        "inquiries",
        InquiryFilters(since=since, until=until, **chosen),  # type: ignore[arg-type]
        f"{caption}, {label}" if caption else label,
    )


def _label(counts: Iterable[Count], key: str) -> str:
    return next((c.label for c in counts if c.key == key), key)


# -- charts ------------------------------------------------------------------------------------
def volumes_chart(f: ActivityFigures) -> ChartData:
    now, before = f.volumes.by_month, f.previous_volumes.by_month
    months = _months(f.period)
    values: dict[tuple[str, str], float] = {}
    for (key, _), current, previous in zip(months, now, before, strict=False):
        values[(key, "current")] = current.count
        values[(key, "previous")] = previous.count
    return ChartData(
        categories=months,
        series=[("current", f.period.label), ("previous", f.previous.label)],
        values=values,
        kind=GROUPED,
    )


def reactivity_chart(f: ActivityFigures) -> ChartData:
    r = f.reactivity
    series = [
        ("first_response", "1re réponse 72 h"),
        ("referral", "Relation 72 h"),
        ("taken_care", "Prise en charge 5 j"),
    ]
    values: dict[tuple[str, str], float] = {}
    for month in r.months:
        for key, _ in series:
            rate = getattr(month, key).rate
            if rate is not None:
                values[(month.month, key)] = rate
    return ChartData(
        categories=[(m.month, m.label) for m in r.months],
        series=series,
        values=values,
        kind=GROUPED,
        percent=True,
        targets=[
            ("Objectif première réponse", r.targets.first_response),
            ("Objectif mise en relation", r.targets.referral),
            ("Objectif prise en charge", r.targets.taken_care),
        ],
    )


def median_chart(f: ActivityFigures) -> ChartData:
    series = "Médiane (minutes ouvrées)"
    return ChartData(
        categories=[(m.month, m.label) for m in f.reactivity.months],
        series=[(series, series)],
        values={
            (m.month, series): round(m.median_minutes)
            for m in f.reactivity.months
            if m.median_minutes is not None
        },
        zero_when_missing=False,
    )


def partners_chart(f: ActivityFigures) -> ChartData:
    partners = list(f.referrals.by_partner)[:MAX_BARS]
    kept = {c.key for c in partners}
    return ChartData(
        categories=[(c.key, c.label) for c in partners],
        series=[(c.key, c.label) for c in f.referrals.by_outcome],
        values={
            (str(r.partner_id), r.status): r.count
            for r in f.referrals.by_partner_outcome
            if str(r.partner_id) in kept
        },
        kind=HORIZONTAL_STACKED,
        total=True,
    )


def network_chart(f: ActivityFigures) -> ChartData:
    return _counts(f.network.gains_by_origin, "Adhérents gagnés")


def meetings_chart(f: ActivityFigures) -> ChartData:
    m = f.meetings
    series = "Réunions"
    rows = [
        ("held", "Réunions tenues", m.held),
        ("registered", "Inscrits", m.registered),
        ("present", "Présents", m.present),
        ("walk_ins", "Venus sans inscription", m.walk_ins),
        ("inquiries", "Demandes recueillies", m.inquiries),
    ]
    return ChartData(
        categories=[(k, t) for k, t, _ in rows],
        series=[(series, series)],
        values={(k, series): n for k, _, n in rows},
        kind=HORIZONTAL,
    )


# -- lists behind the bars ----------------------------------------------------------------------
def volumes_list(f: ActivityFigures, month: str, series: str) -> ListRequest:
    if series == "previous":
        year, number = (int(x) for x in month.split("-"))
        shifted = Period.of_month(year - 1, number)
        since = max(shifted.start, f.previous.start)
        until = min(shifted.end, f.previous.end)
        return ListRequest(
            "inquiries", InquiryFilters(since=since, until=until), Period.custom(since, until).label
        )
    return _inquiries(f, "", month)


def channel_list(f: ActivityFigures, month: str, channel: str) -> ListRequest:
    if not channel:
        return _inquiries(f, "", month)
    return _inquiries(f, _label(f.volumes.by_channel, channel), month, channel=Channel(channel))


def theme_list(f: ActivityFigures, month: str, theme: str) -> ListRequest:
    if not theme:
        return _inquiries(f, "", month)
    return _inquiries(f, _label(f.volumes.by_theme, theme), month, theme_id=int(theme))


def month_list(f: ActivityFigures, month: str, _series: str) -> ListRequest:
    return _inquiries(f, "", month)


def subject_list(f: ActivityFigures, subject: str, _series: str) -> ListRequest:
    return _inquiries(f, _label(f.subjects, subject), subject_id=int(subject))


def counsellor_list(f: ActivityFigures, counsellor: str, _series: str) -> ListRequest | None:
    if not counsellor:
        return None
    return _inquiries(f, _label(f.counsellors, counsellor), counsellor_id=int(counsellor))


def naf_list(f: ActivityFigures, section: str, _series: str) -> ListRequest:
    return _inquiries(f, _label(f.naf_sections, section), naf_section=section)


def headcount_list(f: ActivityFigures, band: str, _series: str) -> ListRequest:
    return _inquiries(f, _label(f.headcount_bands, band), headcount_band=band)


def partner_list(f: ActivityFigures, partner: str, status: str) -> ListRequest:
    chosen = ReferralStatus(status) if status else None
    caption = _label(f.referrals.by_partner, partner)
    if chosen is not None:
        caption += " — " + _label(f.referrals.by_outcome, status)
    return ListRequest(
        "followups",
        ReferralFilter(
            f.period.start, f.period.end, int(partner), chosen, f"{caption} ({f.period.label})"
        ),
        caption,
    )


def network_list(f: ActivityFigures, _origin: str, _series: str) -> ListRequest:
    return ListRequest(
        "directory",
        SearchFilters(kinds=frozenset({OrganizationKind.MEMBER}), network=f.network.network),
        f.network.network,
    )


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        "volumesSection",
        "Demandes par mois, et la même période un an avant",
        "Mois",
        volumes_chart,
        volumes_list,
    ),
    SectionSpec(
        "channelSection",
        "Demandes par mois et par canal",
        "Mois",
        lambda f: _monthly(f.period, f.volumes.by_month_channel),
        channel_list,
    ),
    SectionSpec(
        "themeSection",
        "Demandes par mois et par thématique",
        "Mois",
        lambda f: _monthly(f.period, f.volumes.by_month_theme),
        theme_list,
    ),
    SectionSpec(
        "reactivitySection",
        "Réactivité par mois (objectifs en pointillés)",
        "Mois",
        reactivity_chart,
        month_list,
    ),
    SectionSpec(
        "medianSection",
        "Délai médian entre l'arrivée d'une demande et sa première suite",
        "Mois",
        median_chart,
        month_list,
    ),
    SectionSpec(
        "partnerSection",
        "Mises en relation envoyées, par partenaire et par issue",
        "Partenaire",
        partners_chart,
        partner_list,
    ),
    SectionSpec(
        "subjectSection",
        "Sujets les plus demandés",
        "Sujet",
        lambda f: _counts(f.subjects, "Demandes"),
        subject_list,
    ),
    SectionSpec(
        "counsellorSection",
        "Demandes par conseiller",
        "Conseiller",
        lambda f: _counts(f.counsellors, "Demandes"),
        counsellor_list,
    ),
    SectionSpec(
        "nafSection",
        "Demandes par section d'activité (NAF)",
        "Section NAF",
        lambda f: _counts(f.naf_sections, "Demandes"),
        naf_list,
    ),
    SectionSpec(
        "headcountSection",
        "Demandes par tranche d'effectif",
        "Tranche d'effectif",
        lambda f: _counts(f.headcount_bands, "Demandes"),
        headcount_list,
    ),
    SectionSpec(
        "networkSection",
        "Adhérents gagnés sur la période, par origine",
        "Origine",
        network_chart,
        network_list,
    ),
    SectionSpec("meetingSection", "Réunions et participation", "Réunions", meetings_chart),
    SectionSpec(
        "projectSection",
        "Projets d'implantation par étape (fin de période)",
        "Étape",
        lambda f: _counts(f.projects.by_stage, "Projets"),
    ),
)
