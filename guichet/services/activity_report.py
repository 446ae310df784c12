"""The activity report for the board and the funders: a PDF (letterhead, texts, tables, charts,
map) or a workbook holding every table behind it, one sheet each.

Every number comes from the figures service (:mod:`guichet.services.figures`) through
:mod:`guichet.services.report_sections`; statistical confidentiality is applied once
(:mod:`guichet.services.report_cells`), and the PDF and the workbook are written from the same
document, so they carry the same numbers. Aggregates only: no person is named (the breakdown by
counsellor uses neutral labels).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from guichet.db import Database
from guichet.db.atomic_files import replace_file, temporary_beside, write_atomically
from guichet.errors import ValidationError
from guichet.exporters.tables import ExportTable, write_xlsx_sheets
from guichet.letters.report_document import (
    ActivityReportDocument,
    Block,
    Kind,
    ReportSection,
    ReportTable,
)
from guichet.services.figures import (
    UNDER_MIN,
    Period,
    activity_figures,
    meeting_figures,
    network_figures,
    opportunity_figures,
    project_figures,
    referral_figures,
)
from guichet.services.figures.period import MONTH, QUARTER, YEAR
from guichet.services.letters import LetterService
from guichet.services.report_sections import (
    ReportFigures,
    headline,
    reactivity_blocks,
    referral_blocks,
    volume_blocks,
)
from guichet.services.report_sections_more import (
    company_blocks,
    counsellor_blocks,
    meeting_blocks,
    network_blocks,
    opportunity_blocks,
    project_blocks,
    subject_blocks,
    territory_blocks,
)
from guichet.services.report_texts import SECTIONS, section_text, setting_key
from guichet.services.settings import SettingsService
from guichet.services.territory import territory_codes

Progress = Callable[[int, int], None]
FORMATS = (".pdf", ".xlsx")
NOTES = (
    "Agrégats seulement : le rapport ne nomme aucune personne ; les conseillers y figurent sous "
    "un libellé neutre.",
    f"Secret statistique : un effectif inférieur à 3 est écrit « {UNDER_MIN} », et une part "
    f"mesurée sur moins de 3 cas n'est pas donnée (« base {UNDER_MIN} »).",
)


@dataclass(frozen=True)
class ReportFile:
    path: Path
    pages: int  # PDF pages (0 for a workbook)
    sheets: int  # tables (every one of them is a sheet of the workbook)


def load_report_figures(
    db: Database, period: Period, *, now: datetime | None = None, progress: Progress | None = None
) -> ReportFigures:
    """The period's figures as ``guichet stats`` computes them, and the families the headline
    compares with a year before; ``progress`` hears each step (and may raise to stop)."""
    previous = period.previous_year()
    steps: list[Callable[[], object]] = [
        lambda: activity_figures(db, period, now=now),
        lambda: referral_figures(db, previous),
        lambda: network_figures(db, previous),
        lambda: meeting_figures(db, previous),
        lambda: project_figures(db, previous),
        lambda: opportunity_figures(db, previous),
    ]
    loaded = []
    for number, step in enumerate(steps):
        if progress is not None:
            progress(number, len(steps) + 1)
        loaded.append(step())
    return ReportFigures(*loaded)  # type: ignore[arg-type]


def build_document(
    db: Database, figures: ReportFigures, *, created: datetime | None = None
) -> ActivityReportDocument:
    """The report as plain data, from figures already loaded."""
    settings = SettingsService(db).all()
    letterhead = LetterService.letterhead(settings)
    territory = territory_codes(settings["territory.insee_codes"])
    table, values = headline(figures)
    reactive, more = reactivity_blocks(figures)
    values |= more
    referrals, more = referral_blocks(figures)
    values |= more
    places, more = territory_blocks(figures, territory)
    values |= more
    meetings, more = meeting_blocks(figures)
    values |= more
    network, more = network_blocks(figures)
    values |= more
    projects, more = project_blocks(figures)
    values |= more
    opportunities, more = opportunity_blocks(figures)
    values |= more
    values["agence.nom"] = letterhead.name
    blocks: dict[str, tuple[Block, ...]] = {
        "synthese": (table,),
        "reactivite": reactive,
        "demandes": volume_blocks(figures),
        "sujets": subject_blocks(figures),
        "mises_en_relation": referrals,
        "conseillers": counsellor_blocks(figures),
        "entreprises": company_blocks(figures),
        "territoire": places,
        "reunions": meetings,
        "reseau": network,
        "implantation": projects,
        "opportunites": opportunities,
    }
    sections = tuple(
        ReportSection(
            spec.title,
            section_text(str(settings[setting_key(spec.key)]), values),
            blocks[spec.key],
        )
        for spec in SECTIONS
    )
    period, previous = figures.current.period, figures.current.previous
    return ActivityReportDocument(
        letterhead=letterhead,
        title="Rapport d'activité",
        period_label=_capitalised(period.label),
        comparison_label=f"Comparaison : même période un an plus tôt ({previous.label}).",
        sections=sections,
        notes=NOTES,
        created=created,
    )


def _capitalised(label: str) -> str:
    return label[:1].upper() + label[1:]


def period_between(start: date, end: date) -> Period:
    """The period from ``start`` to ``end``: named as a month, quarter or year when it is one
    (so that its label and its comparison read naturally), else a custom period."""
    for kind in (MONTH, QUARTER, YEAR):
        whole = Period.containing(start, kind)
        if (whole.start, whole.end) == (start, end):
            return whole
    return Period.custom(start, end)


def build_report(
    db: Database,
    period: Period,
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> ActivityReportDocument:
    figures = load_report_figures(db, period, now=now, progress=progress)
    return build_document(db, figures, created=now)


def export_tables(document: ActivityReportDocument) -> list[ExportTable]:
    """Every table of the report as a workbook sheet: counts as numbers, shares in percent
    (rounded as the PDF prints them), « < 3 » as text."""
    return [_export_table(table) for table in document.tables()]


def _export_table(table: ReportTable) -> ExportTable:
    headers = tuple(
        f"{header} (%)" if kind in (Kind.PERCENT, Kind.CHANGE) else header
        for header, kind in zip(table.headers, table.kinds, strict=True)
    )
    headers = tuple(
        f"{header} (min)" if kind is Kind.MINUTES else header
        for header, kind in zip(headers, table.kinds, strict=True)
    )
    rows = [
        tuple(_sheet_value(v, k) for v, k in zip(row, table.kinds, strict=True))
        for row in table.rows
    ]
    return ExportTable(table.sheet, headers, rows)


def _sheet_value(value: object, kind: Kind) -> object:
    if isinstance(value, float) and kind is Kind.PERCENT:
        return round(value * 100)
    if isinstance(value, float) and kind is Kind.MINUTES:
        return round(value)
    return value


def check_destination(path: Path) -> None:
    if path.suffix.lower() not in FORMATS:
        raise ValidationError(
            f"Format non pris en charge : « {path.suffix or '(aucune extension)'} ». "
            "Choisissez un fichier .pdf ou .xlsx.",
            field="path",
        )
    if not path.parent.is_dir():
        raise ValidationError(
            f"Le dossier « {path.parent} » n'existe pas. Choisissez un dossier existant.",
            field="path",
        )


def write_report(
    db: Database,
    period: Period,
    path: Path,
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> ReportFile:
    """Writes the report to ``path`` (PDF or XLSX, by its extension), replacing it whole."""
    check_destination(path)
    document = build_report(db, period, now=now, progress=progress)
    if path.suffix.lower() == ".pdf":
        from guichet.letters.report_pdf import render_activity_report

        rendered = render_activity_report(document)
        if progress is not None:  # the last moment a cancel stops it: nothing written yet
            progress(1, 1)
        write_atomically(path, rendered.pdf)
        return ReportFile(path, rendered.pages, len(document.tables()))
    tables = export_tables(document)
    if progress is not None:
        progress(1, 1)
    temporary = temporary_beside(path, "rapport")
    try:
        write_xlsx_sheets(tables, temporary)
        replace_file(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return ReportFile(path, 0, len(tables))
