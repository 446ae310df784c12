"""Name badges on a sheet of A4 labels (default 2 × 5 labels of 85 × 54 mm, a setting).

Each label: the meeting's title at the top, the person's name large and the organisation under
it in the middle, the date and the agency at the foot — each fitted to the label (two lines,
smaller, then cut with « … »), centred. A light outline helps cutting plain paper.
"""

from __future__ import annotations

import io
import math

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from guichet.errors import ValidationError
from guichet.letters.document import Box, RenderedPdf
from guichet.letters.fitting import fit_lines
from guichet.letters.fonts import BOLD, REGULAR
from guichet.letters.meeting_data import Attendee, BadgeSheet, LabelLayout, sorted_attendees
from guichet.letters.metadata import PdfInfo, apply_info, canvas_options
from guichet.letters.page import ASCENT_RATIO, PAGE_HEIGHT, PAGE_WIDTH, top

PADDING_MM = 4.0
_GREY = Color(0.35, 0.35, 0.35)
_OUTLINE = Color(0.8, 0.8, 0.8)


def label_boxes(layout: LabelLayout) -> list[Box]:
    """Where the labels of one sheet are, row by row (millimetres from the top-left corner).

    Raises ValidationError (French) when the grid does not fit on an A4 sheet.
    """
    if layout.columns < 1 or layout.rows < 1 or layout.width_mm <= 0 or layout.height_mm <= 0:
        raise ValidationError(
            "Planche d'étiquettes : colonnes, lignes et tailles doivent être > 0."
        )
    grid_width = layout.columns * layout.width_mm + (layout.columns - 1) * layout.gap_x_mm
    grid_height = layout.rows * layout.height_mm + (layout.rows - 1) * layout.gap_y_mm
    page_width, page_height = PAGE_WIDTH / mm, PAGE_HEIGHT / mm
    left = (page_width - grid_width) / 2 if layout.left_mm is None else layout.left_mm
    upper = (page_height - grid_height) / 2 if layout.top_mm is None else layout.top_mm
    if (
        left < -0.01
        or upper < -0.01
        or left + grid_width > page_width + 0.01
        or (upper + grid_height > page_height + 0.01)
    ):
        raise ValidationError(
            f"Planche d'étiquettes : {layout.columns} × {layout.rows} étiquettes de "
            f"{layout.width_mm:g} × {layout.height_mm:g} mm ne tiennent pas sur une feuille A4."
        )
    return [
        Box(
            left + column * (layout.width_mm + layout.gap_x_mm),
            upper + row * (layout.height_mm + layout.gap_y_mm),
            layout.width_mm,
            layout.height_mm,
        )
        for row in range(layout.rows)
        for column in range(layout.columns)
    ]


def _centred(
    canvas: Canvas, lines: list[str], font: str, size: float, centre_x: float, first_top: float
) -> float:
    """Draws ``lines`` centred below ``first_top`` (points); returns the y under the last one."""
    leading = size * 1.18
    canvas.setFont(font, size)
    baseline = first_top - size * ASCENT_RATIO
    for line in lines:
        canvas.drawCentredString(centre_x, baseline, line)
        baseline -= leading
    return first_top - len(lines) * leading


def _badge(canvas: Canvas, sheet: BadgeSheet, person: Attendee, box: Box) -> None:
    canvas.setStrokeColor(_OUTLINE)
    canvas.setLineWidth(0.3)
    canvas.roundRect(
        box.x_mm * mm, top(box.y_mm + box.height_mm), box.width_mm * mm, box.height_mm * mm, 2 * mm
    )
    inner = (box.width_mm - 2 * PADDING_MM) * mm
    centre = (box.x_mm + box.width_mm / 2) * mm
    canvas.setFillColor(_GREY)
    size, lines = fit_lines(sheet.meeting.title, BOLD, 7.5, 6, inner, 2)
    _centred(canvas, lines, BOLD, size, centre, top(box.y_mm + PADDING_MM))
    foot = " · ".join(p for p in (sheet.meeting.when, sheet.letterhead.name) if p.strip())
    size, lines = fit_lines(foot, REGULAR, 6.5, 5.5, inner, 1)
    _centred(canvas, lines, REGULAR, size, centre, top(box.y_mm + box.height_mm - PADDING_MM) + 8)
    canvas.setFillColor(Color(0, 0, 0))
    name_size, name_lines = fit_lines(person.name, BOLD, 16, 10, inner, 2)
    org_size, org_lines = fit_lines(person.organization, REGULAR, 11, 7, inner, 2)
    height = len(name_lines) * name_size * 1.18 + 2 * mm + len(org_lines) * org_size * 1.18
    middle = top(box.y_mm + box.height_mm / 2)
    below = _centred(canvas, name_lines, BOLD, name_size, centre, middle + height / 2)
    _centred(canvas, org_lines, REGULAR, org_size, centre, below - 2 * mm)


def render_badges(sheet: BadgeSheet) -> RenderedPdf:
    """One badge per attendee (sorted by organisation, then name), as many sheets as needed."""
    boxes = label_boxes(sheet.layout)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, **canvas_options())
    title = f"Badges — {sheet.meeting.title}"
    apply_info(canvas, PdfInfo(title, sheet.letterhead.name, sheet.meeting.when, sheet.created))
    people = sorted_attendees(sheet.attendees)
    pages = max(1, math.ceil(len(people) / len(boxes)))
    for page in range(pages):
        chunk = people[page * len(boxes) : (page + 1) * len(boxes)]
        for person, box in zip(chunk, boxes, strict=False):
            _badge(canvas, sheet, person, box)
        canvas.showPage()
    canvas.save()
    return RenderedPdf(pdf=buffer.getvalue(), pages=pages)
