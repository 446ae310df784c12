"""The project sheet taken to a site visit: the project's needs (under its code name) and the
sites proposed. « Confidentiel » is printed on every page; every text is escaped."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, PageTemplate, Paragraph, Spacer, Table, TableStyle

from guichet.letters.document import Letterhead, RenderedPdf
from guichet.letters.fonts import BOLD, REGULAR, printable
from guichet.letters.metadata import PdfInfo
from guichet.letters.page import MARGIN, PAGE_HEIGHT, PAGE_WIDTH, draw_footer, top
from guichet.letters.render import _body_frame, _numbered_canvas, paragraph_markup

CONFIDENTIAL = "Confidentiel"
TOP_MM = 36.0

_TITLE = ParagraphStyle("sheet_title", fontName=BOLD, fontSize=15, leading=19, spaceAfter=4)
_HEADING = ParagraphStyle(
    "sheet_heading", fontName=BOLD, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4
)
_CELL = ParagraphStyle("sheet_cell", fontName=REGULAR, fontSize=9, leading=11.5)
_CELL_BOLD = ParagraphStyle("sheet_cell_bold", parent=_CELL, fontName=BOLD)


@dataclass(frozen=True)
class SheetSite:
    name: str
    park: str
    commune: str
    kind: str
    surface: str
    availability: str
    status: str
    visit: str
    services: str


@dataclass(frozen=True)
class ProjectSheet:
    """Plain data; the project appears by the name given here (its code name)."""

    letterhead: Letterhead
    project_name: str
    stage: str
    needs: tuple[tuple[str, str], ...]
    sites: tuple[SheetSite, ...]
    printed_on: str
    created: datetime | None = None


def _p(text: str, style: ParagraphStyle = _CELL) -> Paragraph:
    return Paragraph(paragraph_markup(text), style)


def _grid(rows: list[list[Any]], widths: list[float], header: bool) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e8eb")))
    table.setStyle(TableStyle(style))
    return table


def _stamp(canvas: Canvas, sheet: ProjectSheet) -> None:
    canvas.saveState()
    canvas.setFont(BOLD, 9)
    canvas.drawString(MARGIN, top(14), printable(sheet.letterhead.name)[:70])
    canvas.setFillColor(colors.HexColor("#8e1b1b"))
    canvas.setStrokeColor(colors.HexColor("#8e1b1b"))
    canvas.setFont(BOLD, 12)
    width = canvas.stringWidth(CONFIDENTIAL.upper(), BOLD, 12)
    x = PAGE_WIDTH - MARGIN - width
    canvas.rect(x - 2 * mm, top(17), width + 4 * mm, 7 * mm, stroke=1, fill=0)
    canvas.drawString(x, top(15), CONFIDENTIAL.upper())
    canvas.restoreState()
    draw_footer(canvas, sheet.letterhead)


def render_project_sheet(sheet: ProjectSheet) -> RenderedPdf:
    buffer = io.BytesIO()
    counter: list[int] = []
    info = PdfInfo(
        title=f"Fiche projet — {sheet.project_name}",
        author=sheet.letterhead.name,
        subject=CONFIDENTIAL,
        created=sheet.created,
    )
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        pageTemplates=[
            PageTemplate(
                id="sheet",
                frames=[_body_frame("sheet", TOP_MM)],
                onPage=lambda canvas, _doc: _stamp(canvas, sheet),
            )
        ],
    )
    inner = PAGE_WIDTH - 2 * MARGIN
    story: list[Any] = [
        _p(f"Fiche projet — {sheet.project_name}", _TITLE),
        _p(f"{CONFIDENTIAL} · étape : {sheet.stage} · imprimée le {sheet.printed_on}"),
        Spacer(1, 4 * mm),
        _p("Besoins du projet", _HEADING),
        _grid(
            [[_p(k, _CELL_BOLD), _p(v)] for k, v in sheet.needs] or [[_p("—"), _p("")]],
            [inner * 0.32, inner * 0.68],
            header=False,
        ),
        _p("Sites proposés", _HEADING),
    ]
    if sheet.sites:
        header = ["Site", "Zone, commune", "Surface", "Disponibilité", "Statut", "Services"]
        rows: list[list[Any]] = [[_p(h, _CELL_BOLD) for h in header]]
        for s in sheet.sites:
            status = s.status + (f" (visite le {s.visit})" if s.visit else "")
            rows.append(
                [
                    _p(f"{s.name}\n{s.kind}"),
                    _p(f"{s.park}\n{s.commune}"),
                    _p(s.surface),
                    _p(s.availability),
                    _p(status),
                    _p(s.services),
                ]
            )
        widths = [0.15, 0.24, 0.12, 0.15, 0.14, 0.20]
        story.append(_grid(rows, [inner * w for w in widths], header=True))
    else:
        story.append(_p("Aucun site proposé pour l'instant."))
    doc.build(story, canvasmaker=_numbered_canvas(counter, info))
    return RenderedPdf(buffer.getvalue(), counter[0] if counter else 1)
