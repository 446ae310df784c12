"""The report's other sections: subjects, counsellors (neutral labels), companies (NAF section,
headcount band), the territory (map), meetings, the network, implantation and opportunities —
laid out from the figures service only."""

from __future__ import annotations

from collections.abc import Iterable

from guichet.letters.report_document import (
    BarChart,
    Block,
    ChoroplethMap,
    Kind,
    MapArea,
    ReportTable,
    Value,
)
from guichet.reference.commune_shapes import CREDIT
from guichet.services.figures import Count, is_confidential
from guichet.services.report_cells import (
    bar_series,
    change_cell,
    count_cell,
    counts_table,
    share_cell,
)
from guichet.services.report_sections import ReportFigures, Values, text

COUNSELLOR = "Conseiller"


def neutral_counsellors(counts: Iterable[Count]) -> tuple[Count, ...]:
    """The breakdown by counsellor with neutral labels (« Conseiller 1 », by rank of their
    count): the report names nobody, not even by initials."""
    return tuple(
        Count(str(rank), f"{COUNSELLOR} {rank}", c.count)
        for rank, c in enumerate(sorted(counts, key=lambda c: -c.count), start=1)
    )


def _bar(title: str, counts: tuple[Count, ...]) -> BarChart:
    return BarChart(
        title, tuple(c.label for c in counts), (bar_series("Demandes", counts),), horizontal=True
    )


def subject_blocks(f: ReportFigures) -> tuple[Block, ...]:
    subjects = f.current.subjects
    return (
        _bar("Sujets les plus demandés", subjects),
        counts_table("Sujets", "Sujets les plus demandés", "Sujet (thématique)", subjects),
    )


def counsellor_blocks(f: ReportFigures) -> tuple[Block, ...]:
    counsellors = neutral_counsellors(f.current.counsellors)
    return (
        counts_table(
            "Conseillers", "Demandes par conseiller (libellés neutres)", "Conseiller", counsellors
        ),
    )


def company_blocks(f: ReportFigures) -> tuple[Block, ...]:
    a = f.current
    return (
        _bar("Demandes par section NAF", a.naf_sections),
        counts_table("Sections NAF", "Demandes par section NAF", "Section NAF", a.naf_sections),
        counts_table(
            "Tranches d'effectif",
            "Demandes par tranche d'effectif",
            "Tranche d'effectif",
            a.headcount_bands,
        ),
    )


def territory_blocks(
    f: ReportFigures, territory: frozenset[str]
) -> tuple[tuple[Block, ...], Values]:
    counts = f.current.communes.counts
    by_code = {c.key: c.count for c in counts if c.key}
    areas = tuple(
        MapArea(code, by_code.get(code, 0), masked=0 < by_code.get(code, 0) < 3)
        for code in sorted(territory)
    )
    on_territory = sum(by_code.get(code, 0) for code in territory)
    values = {
        "territoire.demandes": text(count_cell(on_territory)),
        "territoire.communes": text(
            count_cell(sum(1 for code in territory if by_code.get(code, 0)))
        ),
    }
    return (
        ChoroplethMap(
            "Demandes par commune du territoire",
            areas,
            "Demandes",
            CREDIT,
        ),
        counts_table("Communes", "Demandes par commune", "Commune", counts),
    ), values


def meeting_blocks(f: ReportFigures) -> tuple[tuple[Block, ...], Values]:
    m, before = f.current.meetings, f.previous_meetings
    rows = (
        ("Réunions tenues", m.held, before.held),
        ("Réunions annulées", m.cancelled, before.cancelled),
        ("Inscrits aux réunions tenues", m.registered, before.registered),
        ("Présents", m.present, before.present),
        ("Venus sans inscription", m.walk_ins, before.walk_ins),
        ("Demandes nées en réunion", m.inquiries, before.inquiries),
    )
    table = _compared("Réunions", "Réunions d'information", rows)
    attendance = ReportTable(
        "Taux de présence",
        "Taux de présence (présents parmi les inscrits)",
        ("Indicateur", "Période", "Un an plus tôt"),
        (Kind.TEXT, Kind.PERCENT, Kind.PERCENT),
        (("Taux de présence", share_cell(m.attendance), share_cell(before.attendance)),),
    )
    values = {
        "reunions.tenues": text(count_cell(m.held)),
        "reunions.presents": text(count_cell(m.present)),
        "reunions.taux_presence": text(share_cell(m.attendance), Kind.PERCENT),
    }
    return (table, attendance), values


def _compared(sheet: str, title: str, rows: Iterable[tuple[str, int, int]]) -> ReportTable:
    return ReportTable(
        sheet,
        title,
        ("Indicateur", "Période", "Un an plus tôt", "Évolution"),
        (Kind.TEXT, Kind.COUNT, Kind.COUNT, Kind.CHANGE),
        tuple(
            (label, count_cell(now), count_cell(old), change_cell(now, old))
            for label, now, old in rows
        ),
    )


def network_blocks(f: ReportFigures) -> tuple[tuple[Block, ...], Values]:
    n, before = f.current.network, f.previous_network
    table = _compared(
        "Réseau",
        f"Réseau {n.network} : adhérents sur le territoire",
        (
            ("Adhérents en fin de période", n.members, before.members),
            ("Adhérents gagnés", n.gained, before.gained),
            ("Départs", n.departures, before.departures),
        ),
    )
    goal = ReportTable(
        "Objectif du réseau",
        "Objectif du réseau",
        ("Indicateur", "Période"),
        (Kind.TEXT, Kind.COUNT),
        (("Adhérents visés", n.target), ("Adhérents en fin de période", count_cell(n.members))),
    )
    origins = counts_table(
        "Origine des adhésions", "Adhérents gagnés, par origine", "Origine", n.gains_by_origin
    )
    values = {
        "reseau.nom": n.network,
        "reseau.adherents": text(count_cell(n.members)),
        "reseau.objectif": text(n.target),
        "reseau.gagnes": text(count_cell(n.gained)),
    }
    return (table, goal, origins), values


def project_blocks(f: ReportFigures) -> tuple[tuple[Block, ...], Values]:
    p = f.current.projects
    blocks: tuple[Block, ...] = (
        _compared(
            "Implantation",
            "Projets d'implantation ouverts",
            (("Projets ouverts", p.opened, f.previous_projects.opened),),
        ),
        counts_table(
            "Projets par étape",
            "Projets connus en fin de période, par étape (aucun nom de projet)",
            "Étape",
            p.by_stage,
        ),
    )
    return blocks, {"implantation.ouverts": text(count_cell(p.opened))}


def opportunity_blocks(f: ReportFigures) -> tuple[tuple[Block, ...], Values]:
    o, before = f.current.opportunities, f.previous_opportunities
    compared = _compared(
        "Opportunités",
        "Opportunités d'affaires",
        (
            ("Opportunités reçues", o.received, before.received),
            ("Opportunités relayées", o.relayed, before.relayed),
            (
                "Lots remportés par des entreprises du territoire",
                o.lots_won.lots,
                before.lots_won.lots,
            ),
        ),
    )
    relay = o.time_to_relay
    median: Value = None
    if relay.median_minutes is not None:
        median = "< 3" if is_confidential(relay.count) else relay.median_minutes
    answered: Value = None
    if o.answer_rate.rate is not None:
        answered = (
            count_cell(o.answer_rate.relayed)
            if is_confidential(o.answer_rate.relayed)
            else o.answer_rate.rate
        )
    within: Value = None
    if relay.within_goal is not None:
        within = count_cell(relay.count) if is_confidential(relay.count) else relay.within_goal
    amount = text(o.lots_won.value)
    if o.lots_won.value and is_confidential(o.lots_won.organizations):
        amount = "secret statistique (moins de 3 entreprises)"
    speed = ReportTable(
        "Relais des opportunités",
        "Relais des opportunités aux adhérents",
        ("Indicateur", "Valeur"),
        (Kind.TEXT, Kind.TEXT),
        (
            ("Délai médian de relais (minutes ouvrées)", text(median, Kind.MINUTES)),
            ("Relayées dans l'heure ouvrée", text(within, Kind.PERCENT)),
            ("Taux de réponse des adhérents", text(answered, Kind.PERCENT)),
            ("Montant des lots remportés (€)", amount),
        ),
    )
    values = {
        "opportunites.recues": text(count_cell(o.received)),
        "opportunites.relayees": text(count_cell(o.relayed)),
    }
    return (compared, speed), values
