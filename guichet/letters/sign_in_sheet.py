"""The sign-in sheet (« feuille d'émargement »): one line per registrant, a box to sign.

A4 portrait. Every page repeats the header — letterhead, title, meeting, date and place, the
table's column names — and carries « Page n / total » at its foot, so loose pages still say
what they are. Registrants are sorted by organisation, then name; blank numbered lines follow
for walk-ins. Each text is fitted to its cell (two lines, smaller, then cut with « … »).
"""

from __future__ import annotations

import io
import math

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from guichet.letters.document import RenderedPdf
from guichet.letters.fitting import fit_lines
from guichet.letters.fonts import BOLD, REGULAR
from guichet.letters.meeting_data import Attendee, SignInSheet, sorted_attendees
from guichet.letters.metadata import PdfInfo, apply_info, canvas_options
from guichet.letters.page import (
    ASCENT_RATIO,
    MARGIN,
    PAGE_WIDTH,
    draw_footer,
    draw_letterhead,
    draw_page_number,
    top,
)

#: (column name, width in mm); the widths add up to the 170 mm between the margins.
COLUMNS: tuple[tuple[str, float], ...] = (
    ("N°", 9.0),
    ("Nom", 44.0),
    ("Organisation", 52.0),
    ("Fonction", 30.0),
    ("Signature", 35.0),
)
CELL_PADDING_MM = 1.5
TABLE_TOP_MM = 76.0
HEADER_ROW_MM = 7.0
ROW_MM = 11.0
TABLE_BOTTOM_MM = 276.0
ROWS_PER_PAGE = int((TABLE_BOTTOM_MM - TABLE_TOP_MM - HEADER_ROW_MM) // ROW_MM)
_LINE = Color(0.55, 0.55, 0.55)
_SHADE = Color(0.9, 0.9, 0.9)


def column_boxes() -> list[tuple[float, float]]:
    """(left x, width) of each column, in mm from the sheet's left edge."""
    boxes, x = [], MARGIN / mm
    for _name, width in COLUMNS:
        boxes.append((x, width))
        x += width
    return boxes


def page_count(sheet: SignInSheet) -> int:
    lines = len(sheet.attendees) + max(sheet.blank_lines, 0)
    return max(1, math.ceil(lines / ROWS_PER_PAGE))


def _cell(
    canvas: Canvas,
    text: str,
    box: tuple[float, float],
    row_top_mm: float,
    font: str,
    size: float,
    min_size: float,
) -> None:
    x_mm, width_mm = box
    inner = (width_mm - 2 * CELL_PADDING_MM) * mm
    size, lines = fit_lines(text, font, size, min_size, inner, 2)
    if not lines:
        return
    leading = size * 1.18
    block = len(lines) * leading
    first = top(row_top_mm) - (ROW_MM * mm - block) / 2 - size * ASCENT_RATIO
    canvas.setFont(font, size)
    for number, line in enumerate(lines):
        canvas.drawString((x_mm + CELL_PADDING_MM) * mm, first - number * leading, line)


def _header(canvas: Canvas, sheet: SignInSheet, registrants: int) -> None:
    draw_letterhead(canvas, sheet.letterhead)
    width = PAGE_WIDTH - 2 * MARGIN
    canvas.setFont(BOLD, 14)
    canvas.drawString(MARGIN, top(44), "Feuille d'émargement")
    canvas.setFont(REGULAR, 9)
    count = f"{registrants} inscrit{'s' if registrants > 1 else ''}"
    canvas.drawRightString(PAGE_WIDTH - MARGIN, top(44), count)
    size, lines = fit_lines(sheet.meeting.title, BOLD, 12, 9, width, 2)
    canvas.setFont(BOLD, size)
    for number, line in enumerate(lines):
        canvas.drawString(MARGIN, top(51) - number * size * 1.2, line)
    for number, (label, value) in enumerate(
        (("Date : ", sheet.meeting.when), ("Lieu : ", sheet.meeting.place))
    ):
        if not value.strip():
            continue
        size, shown = fit_lines(label + value, REGULAR, 9.5, 7.5, width, 1)
        canvas.setFont(REGULAR, size)
        canvas.drawString(MARGIN, top(64 + 5 * number), shown[0])
    boxes = column_boxes()
    canvas.setFillColor(_SHADE)
    canvas.rect(MARGIN, top(TABLE_TOP_MM + HEADER_ROW_MM), width, HEADER_ROW_MM * mm, 0, 1)
    canvas.setFillColor(Color(0, 0, 0))
    canvas.setFont(BOLD, 8.5)
    for (name, _width), (x_mm, _w) in zip(COLUMNS, boxes, strict=True):
        canvas.drawString((x_mm + CELL_PADDING_MM) * mm, top(TABLE_TOP_MM + 4.8), name)


def _row(canvas: Canvas, number: int, person: Attendee | None, row_top_mm: float) -> None:
    boxes = column_boxes()
    if person is not None:
        _cell(canvas, str(number), boxes[0], row_top_mm, REGULAR, 8, 8)
        _cell(canvas, person.name, boxes[1], row_top_mm, BOLD, 9, 6.5)
        _cell(canvas, person.organization, boxes[2], row_top_mm, REGULAR, 9, 6.5)
        _cell(canvas, person.role, boxes[3], row_top_mm, REGULAR, 8, 6)


def _grid(canvas: Canvas, rows: int) -> None:
    canvas.setStrokeColor(_LINE)
    canvas.setLineWidth(0.5)
    bottom = TABLE_TOP_MM + HEADER_ROW_MM + rows * ROW_MM
    left, right = MARGIN, PAGE_WIDTH - MARGIN
    canvas.line(left, top(TABLE_TOP_MM), right, top(TABLE_TOP_MM))
    for index in range(rows + 1):
        y = top(TABLE_TOP_MM + HEADER_ROW_MM + index * ROW_MM)
        canvas.line(left, y, right, y)
    for x_mm, _width in column_boxes():
        canvas.line(x_mm * mm, top(TABLE_TOP_MM), x_mm * mm, top(bottom))
    canvas.line(right, top(TABLE_TOP_MM), right, top(bottom))


def render_sign_in_sheet(sheet: SignInSheet) -> RenderedPdf:
    """The sheet as PDF bytes (A4 portrait, as many pages as the lines need)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, **canvas_options())
    title = f"Feuille d'émargement — {sheet.meeting.title}"
    apply_info(canvas, PdfInfo(title, sheet.letterhead.name, sheet.meeting.when, sheet.created))
    people: list[Attendee | None] = [*sorted_attendees(sheet.attendees)]
    people += [None] * max(sheet.blank_lines, 0)
    total = page_count(sheet)
    for page in range(total):
        chunk = people[page * ROWS_PER_PAGE : (page + 1) * ROWS_PER_PAGE]
        _header(canvas, sheet, len(sheet.attendees))
        for index, person in enumerate(chunk):
            row_top = TABLE_TOP_MM + HEADER_ROW_MM + index * ROW_MM
            _row(canvas, page * ROWS_PER_PAGE + index + 1, person, row_top)
        _grid(canvas, len(chunk))
        draw_footer(canvas, sheet.letterhead)
        draw_page_number(canvas, page + 1, total)
        canvas.showPage()
    canvas.save()
    return RenderedPdf(pdf=buffer.getvalue(), pages=total)
