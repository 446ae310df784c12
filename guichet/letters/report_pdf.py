"""The activity report as a PDF: the agency's letterhead, the headline figures, then one section
per subject with its text, tables, charts and map.

Every text (section texts, table cells, names of communes, subjects or partners) reaches
reportlab through :func:`paragraph_markup` (escaped) or :func:`printable` (a chart's strings are
not parsed): a subject called ``<b>Export</b>`` prints as typed. The fonts are the embedded
DejaVu Sans only.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from guichet.letters.document import RenderedPdf
from guichet.letters.fonts import BOLD, REGULAR, printable
from guichet.letters.metadata import PdfInfo
from guichet.letters.page import GREY, MARGIN, PAGE_WIDTH, draw_footer, draw_letterhead, fit, top
from guichet.letters.render import _body_frame, _numbered_canvas, body_paragraphs, paragraph_markup
from guichet.letters.report_charts import bar_chart, line_chart
from guichet.letters.report_document import (
    ActivityReportDocument,
    BarChart,
    Block,
    ChoroplethMap,
    Kind,
    LineChart,
    ReportTable,
    format_value,
)
from guichet.letters.report_map import choropleth

FIRST_TOP_MM = 40.0
LATER_TOP_MM = 24.0
INNER = PAGE_WIDTH - 2 * MARGIN
LONG_TABLE_ROWS = 15
CELL_PADDING = 12  # a table cell's left and right padding (reportlab's 6 pt each)
BLUE = colors.HexColor("#1a4073")

_BODY = ParagraphStyle("report_body", fontName=REGULAR, fontSize=9.5, leading=13, spaceAfter=5)
_SECTION_TEXT = ParagraphStyle("report_section_text", parent=_BODY, keepWithNext=1)
_TITLE = ParagraphStyle(
    "report_title", fontName=BOLD, fontSize=18, leading=22, textColor=BLUE, spaceAfter=4
)
_SUBTITLE = ParagraphStyle("report_subtitle", parent=_BODY, fontName=BOLD, fontSize=11, leading=15)
_NOTE = ParagraphStyle("report_note", parent=_BODY, fontSize=8, leading=10.5, textColor=GREY)
_HEADING = ParagraphStyle(
    "report_heading",
    fontName=BOLD,
    fontSize=13,
    leading=16,
    textColor=BLUE,
    spaceBefore=10,
    spaceAfter=5,
    keepWithNext=1,
)
_TABLE_TITLE = ParagraphStyle(
    "report_table_title", parent=_BODY, fontName=BOLD, fontSize=9, spaceBefore=4, keepWithNext=1
)
_LONG_TABLE_TITLE = ParagraphStyle("report_long_table_title", parent=_TABLE_TITLE, keepWithNext=0)
_CELL = ParagraphStyle("report_cell", fontName=REGULAR, fontSize=8, leading=10)
_CELL_HEAD = ParagraphStyle("report_cell_head", parent=_CELL, fontName=BOLD)
_CELL_HEAD_NUMBER = ParagraphStyle("report_head_number", parent=_CELL_HEAD, alignment=TA_RIGHT)


def _p(text: str, style: ParagraphStyle = _BODY) -> Paragraph:
    return Paragraph(paragraph_markup(text), style)


def _column_widths(table: ReportTable) -> list[float]:
    """Number columns up to 28 mm each; the text columns share the rest, at least a third of
    the width between them (partner and subject names wrap on words, not letters)."""
    numbers = sum(1 for kind in table.kinds if kind is not Kind.TEXT)
    texts = len(table.kinds) - numbers
    if not numbers or not texts:
        return [INNER / max(len(table.kinds), 1)] * len(table.kinds)
    number_width = min(28 * mm, INNER * 2 / 3 / numbers, (INNER - INNER / 3) / numbers)
    text_width = (INNER - numbers * number_width) / texts
    return [text_width if kind is Kind.TEXT else number_width for kind in table.kinds]


def _text_cell(text: str, width: float) -> str | Paragraph:
    """A text that fits its column on one line is a plain string (drawn as it is, never parsed
    as markup, and far cheaper to lay out than a Paragraph); a longer one wraps in an escaped
    Paragraph."""
    shown = printable(text)
    if "\n" not in shown and stringWidth(shown, REGULAR, _CELL.fontSize) <= width - CELL_PADDING:
        return shown
    return _p(text, _CELL)


def table_flowable(table: ReportTable) -> list[Flowable]:
    numeric = [kind is not Kind.TEXT for kind in table.kinds]
    widths = _column_widths(table)
    rows: list[list[Any]] = [
        [
            _p(header, _CELL_HEAD_NUMBER if number else _CELL_HEAD)
            for header, number in zip(table.headers, numeric, strict=True)
        ]
    ]
    for row in table.rows:
        # a number is a plain string, drawn as it is (never parsed as markup, and ten times
        # cheaper than a Paragraph); so is a text that fits its column
        rows.append(
            [
                printable(format_value(value, kind))
                if number
                else _text_cell(format_value(value, kind), width)
                for value, kind, number, width in zip(
                    row, table.kinds, numeric, widths, strict=True
                )
            ]
        )
    if not table.rows:
        rows.append([_p("Aucune donnée sur la période.", _CELL)] + [""] * (len(table.kinds) - 1))
    grid = Table(rows, colWidths=widths, repeatRows=1)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # the table's own default is Helvetica
        ("FONTSIZE", (0, 0), (-1, -1), _CELL.fontSize),
        ("LEADING", (0, 0), (-1, -1), _CELL.leading),
        ("ALIGN", (0, 1), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, BLUE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#cccccc")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    style += [("ALIGN", (i, 1), (i, -1), "LEFT") for i, n in enumerate(numeric) if not n]
    if not table.rows:
        style.append(("SPAN", (0, 1), (-1, 1)))
    grid.setStyle(TableStyle(style))
    if len(rows) > LONG_TABLE_ROWS:  # split across pages; its title is not left alone
        return [CondPageBreak(40 * mm), _p(table.title, _LONG_TABLE_TITLE), grid, Spacer(1, 3 * mm)]
    return [_p(table.title, _TABLE_TITLE), grid, Spacer(1, 3 * mm)]


def _drawable(chart: BarChart | LineChart) -> bool:
    return any(value for series in chart.series for value in series.values)


def _block(block: Block) -> list[Flowable]:
    if isinstance(block, ReportTable):
        return table_flowable(block)
    if isinstance(block, BarChart | LineChart) and not _drawable(block):
        return []  # nothing to draw: its table says « Aucune donnée »
    if isinstance(block, BarChart):
        drawing = bar_chart(block, INNER)
    elif isinstance(block, LineChart):
        drawing = line_chart(block, INNER)
    elif isinstance(block, ChoroplethMap):
        drawing = choropleth(block, INNER)
    else:  # pragma: no cover - the Block union is closed
        raise TypeError(block)
    return [drawing, Spacer(1, 4 * mm)]


def _story(document: ActivityReportDocument) -> list[Flowable]:
    story: list[Flowable] = [
        NextPageTemplate("later"),
        _p(document.title, _TITLE),
        _p(document.period_label, _SUBTITLE),
        _p(document.comparison_label, _BODY),
    ]
    story += [_p(note, _NOTE) for note in document.notes]
    for section in document.sections:
        story.append(CondPageBreak(45 * mm))
        story.append(_p(section.title, _HEADING))
        # the heading and its text stay with the section's first chart or table
        story += [_p(block, _SECTION_TEXT) for block in body_paragraphs(section.text)]
        for block in section.blocks:
            story += _block(block)
    return story


def _page_decorations(document: ActivityReportDocument) -> tuple[Callable[..., None], ...]:
    head = document.letterhead

    def first(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        draw_letterhead(canvas, head)
        draw_footer(canvas, head)

    def later(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(BOLD, 8.5)
        canvas.drawString(MARGIN, top(13), fit(printable(head.name), BOLD, 8.5, INNER / 2))
        canvas.setFont(REGULAR, 8.5)
        canvas.setFillColor(GREY)
        right = f"{document.title} — {document.period_label}"
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN, top(13), fit(printable(right), REGULAR, 8.5, INNER / 2)
        )
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, top(16), PAGE_WIDTH - MARGIN, top(16))
        canvas.restoreState()
        draw_footer(canvas, head)

    return first, later


def render_activity_report(document: ActivityReportDocument) -> RenderedPdf:
    """The report as PDF bytes (pages numbered « Page n / total »)."""
    buffer = io.BytesIO()
    counter: list[int] = []
    info = PdfInfo(
        title=f"{document.title} — {document.period_label}",
        author=document.letterhead.name,
        subject="Rapport d'activité",
        created=document.created,
    )
    first, later = _page_decorations(document)
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, top(0)),
        pageTemplates=[
            PageTemplate(id="first", frames=[_body_frame("first", FIRST_TOP_MM)], onPage=first),
            PageTemplate(id="later", frames=[_body_frame("later", LATER_TOP_MM)], onPage=later),
        ],
    )
    doc.build(_story(document), canvasmaker=_numbered_canvas(counter, info))
    return RenderedPdf(buffer.getvalue(), counter[0] if counter else 1)
