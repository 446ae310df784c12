"""A plain A4 document of titled sections: the information notice handed at the desk, a
person's data summary (right of access), the register of processing to sign.

Every text is plain and escaped here; the fonts are the embedded ones of every letter.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from guichet.letters.document import Letterhead, RenderedPdf
from guichet.letters.fonts import BOLD, REGULAR
from guichet.letters.metadata import PdfInfo
from guichet.letters.page import MARGIN, PAGE_HEIGHT, PAGE_WIDTH, draw_footer, draw_letterhead
from guichet.letters.render import _body_frame, _numbered_canvas, body_paragraphs, paragraph_markup

TOP_MM = 40.0
_TITLE = ParagraphStyle("record_title", fontName=BOLD, fontSize=15, leading=19, spaceAfter=6)
_HEADING = ParagraphStyle(
    "record_heading", fontName=BOLD, fontSize=11, leading=14, spaceBefore=9, spaceAfter=4
)
_TEXT = ParagraphStyle("record_text", fontName=REGULAR, fontSize=10, leading=13.5, spaceAfter=5)
_CELL = ParagraphStyle("record_cell", fontName=REGULAR, fontSize=9, leading=11.5)
_CELL_BOLD = ParagraphStyle("record_cell_bold", parent=_CELL, fontName=BOLD)


@dataclass(frozen=True)
class Section:
    """A heading, then paragraphs (blank lines separate them), then label → value rows, then a
    table (its first row is the header)."""

    heading: str
    text: str = ""
    rows: tuple[tuple[str, str], ...] = ()
    table: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = ()  # shares of the width, one per table column (default: equal)


@dataclass(frozen=True)
class RecordDocument:
    letterhead: Letterhead
    title: str
    sections: tuple[Section, ...]
    intro: str = ""
    signature_lines: tuple[str, ...] = ()  # a box to sign at the end, when given
    subject: str = ""
    created: datetime | None = None


def _p(text: str, style: ParagraphStyle = _CELL) -> Paragraph:
    return Paragraph(paragraph_markup(text), style)


def _grid(rows: list[list[Any]], widths: list[float], header: bool) -> Table:
    # a row taller than a page (a long list of partners) splits across pages
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, splitInRow=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e8eb")))
    table.setStyle(TableStyle(style))
    return table


def _section(section: Section, inner: float) -> list[Any]:
    flow: list[Any] = [_p(section.heading, _HEADING)]
    flow += [_p(block, _TEXT) for block in body_paragraphs(section.text)]
    if section.rows:
        rows = [[_p(k, _CELL_BOLD), _p(v)] for k, v in section.rows]
        flow.append(_grid(rows, [inner * 0.3, inner * 0.7], header=False))
    if section.table:
        columns = max(len(r) for r in section.table)
        rows = [
            [_p(c, _CELL_BOLD if n == 0 else _CELL) for c in row]
            for n, row in enumerate(section.table)
        ]
        shares = section.widths if len(section.widths) == columns else (1 / columns,) * columns
        flow.append(_grid(rows, [inner * share for share in shares], header=True))
    return flow


def _signature(lines: tuple[str, ...], inner: float) -> KeepTogether:
    box = Table(
        [[_p("\n".join(lines))], [Spacer(1, 22 * mm)]],
        colWidths=[inner * 0.5],
        hAlign="RIGHT",
    )
    box.setStyle(
        TableStyle(
            [("BOX", (0, 0), (-1, -1), 0.6, colors.black), ("FONTNAME", (0, 0), (-1, -1), REGULAR)]
        )
    )
    return KeepTogether([Spacer(1, 6 * mm), box])


def _page(canvas: Canvas, doc: RecordDocument) -> None:
    draw_letterhead(canvas, doc.letterhead)
    draw_footer(canvas, doc.letterhead)


def render_record_document(doc: RecordDocument) -> RenderedPdf:
    buffer = io.BytesIO()
    counter: list[int] = []
    info = PdfInfo(
        title=doc.title, author=doc.letterhead.name, subject=doc.subject, created=doc.created
    )
    template = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        pageTemplates=[
            PageTemplate(
                id="record",
                frames=[_body_frame("record", TOP_MM)],
                onPage=lambda canvas, _doc: _page(canvas, doc),
            )
        ],
    )
    inner = PAGE_WIDTH - 2 * MARGIN
    story: list[Any] = [_p(doc.title, _TITLE)]
    story += [_p(block, _TEXT) for block in body_paragraphs(doc.intro)]
    for section in doc.sections:
        story += _section(section, inner)
    if doc.signature_lines:
        story.append(_signature(doc.signature_lines, inner))
    template.build(story, canvasmaker=_numbered_canvas(counter, info))
    return RenderedPdf(buffer.getvalue(), counter[0] if counter else 1)
