"""Drawing shared by every page the app prints: letterhead, footer, fold marks, address block."""

from __future__ import annotations

import logging
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from guichet.letters.document import FOLD_MARKS_MM, Box, EnvelopeWindow, Letterhead
from guichet.letters.fonts import BOLD, REGULAR, printable

log = logging.getLogger(__name__)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
GREY = Color(0.35, 0.35, 0.35)
MAX_ADDRESS_LINES = 7
ADDRESS_FONT_SIZE = 10.0
ADDRESS_MIN_FONT_SIZE = 7.0
LEADING_RATIO = 1.22
ASCENT_RATIO = 0.95  # DejaVu Sans: accented capitals reach about 0.93 em above the baseline


def top(y_mm: float) -> float:
    """PDF y coordinate (bottom-up, points) of a distance from the sheet's top, in mm."""
    return PAGE_HEIGHT - y_mm * mm


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so that it fits ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def draw_letterhead(canvas: Canvas, head: Letterhead) -> None:
    """Logo (if any), agency name and address in the top-left corner."""
    x = MARGIN
    logo = _logo(head.logo_path)
    if logo is not None:
        width, height = logo.getSize()
        shown_height = 16 * mm
        shown_width = min(shown_height * width / max(height, 1), 45 * mm)
        canvas.drawImage(
            logo,
            MARGIN,
            top(10) - shown_height,
            width=shown_width,
            height=shown_height,
            preserveAspectRatio=True,
            anchor="sw",
            mask="auto",
        )
        x = MARGIN + shown_width + 5 * mm
    available = PAGE_WIDTH - MARGIN - x
    canvas.setFont(BOLD, 13)
    canvas.drawString(x, top(15), fit(printable(head.name), BOLD, 13, available))
    canvas.setFont(REGULAR, 8.5)
    canvas.setFillColor(GREY)
    for number, line in enumerate(head.address_lines[:4]):
        canvas.drawString(x, top(20 + 3.8 * number), fit(printable(line), REGULAR, 8.5, available))
    canvas.setFillColor(Color(0, 0, 0))


def _logo(path_text: str) -> ImageReader | None:
    if not path_text:
        return None
    path = Path(path_text)
    if not path.is_file():
        log.warning("Logo introuvable : %s", path)
        return None
    try:
        reader = ImageReader(str(path))
        reader.getSize()
    except Exception:  # an unreadable image must not stop a letter
        log.warning("Logo illisible : %s", path, exc_info=True)
        return None
    return reader


def draw_footer(canvas: Canvas, head: Letterhead) -> None:
    """The agency's name and contacts under a rule; on two lines when one would be cut."""
    parts = [
        p.strip() for p in (head.name, head.phone, head.email, head.website) if p and p.strip()
    ]
    text = printable(" · ".join(parts))
    canvas.setStrokeColor(GREY)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, top(281), PAGE_WIDTH - MARGIN, top(281))
    width = PAGE_WIDTH - 2 * MARGIN - 30 * mm
    size = 7.5
    while size > 6.5 and stringWidth(text, REGULAR, size) > width:
        size -= 0.25
    lines = [text]
    if stringWidth(text, REGULAR, size) > width and len(parts) > 1:
        half = (len(parts) + 1) // 2
        lines = [printable(" · ".join(parts[:half])), printable(" · ".join(parts[half:]))]
    canvas.setFont(REGULAR, size)
    canvas.setFillColor(GREY)
    for index, line in enumerate(lines):
        canvas.drawCentredString(
            PAGE_WIDTH / 2, top(284.5 + 3.2 * index), fit(line, REGULAR, size, width)
        )
    canvas.setFillColor(Color(0, 0, 0))


def draw_page_number(canvas: Canvas, number: int, total: int) -> None:
    canvas.setFont(REGULAR, 7.5)
    canvas.setFillColor(GREY)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, top(289), f"Page {number} / {total}")
    canvas.setFillColor(Color(0, 0, 0))


def draw_fold_marks(canvas: Canvas) -> None:
    """Short marks in the left margin where the sheet folds in three for a DL envelope."""
    canvas.setStrokeColor(GREY)
    canvas.setLineWidth(0.5)
    for y_mm in FOLD_MARKS_MM:
        canvas.line(4 * mm, top(y_mm), 9 * mm, top(y_mm))


def draw_lines(
    canvas: Canvas, lines: tuple[str, ...], x_mm: float, y_mm: float, size: float
) -> None:
    """Small lines of text from a top-left point (sender block); a long line is set smaller."""
    width = 80 * mm
    for number, line in enumerate(lines):
        text = printable(line)
        line_size = size
        while line_size > 6.5 and stringWidth(text, REGULAR, line_size) > width:
            line_size -= 0.25
        canvas.setFont(REGULAR, line_size)
        baseline = top(y_mm) - size * ASCENT_RATIO - number * size * LEADING_RATIO
        canvas.drawString(x_mm * mm, baseline, fit(text, REGULAR, line_size, width))


def draw_address_block(
    canvas: Canvas, lines: tuple[str, ...], window: EnvelopeWindow
) -> tuple[Box, tuple[str, ...]]:
    """The recipient block (AFNOR lines) placed for the envelope window.

    The font shrinks (down to 7 pt) so the longest line fits the width; a line still too long
    is cut with an ellipsis. Returns the block's measured box and the lines as drawn.
    """
    shown = tuple(printable(line) for line in lines if line.strip())[:MAX_ADDRESS_LINES]
    width = window.width_mm * mm
    size = ADDRESS_FONT_SIZE
    widest = max((stringWidth(line, REGULAR, size) for line in shown), default=0.0)
    while widest > width and size > ADDRESS_MIN_FONT_SIZE:
        size -= 0.5
        widest = max(stringWidth(line, REGULAR, size) for line in shown)
    while shown and len(shown) * size * LEADING_RATIO > window.height_mm * mm:
        size -= 0.5
    shown = tuple(fit(line, REGULAR, size, width) for line in shown)
    leading = size * LEADING_RATIO
    canvas.setFont(REGULAR, size)
    x = window.x_mm * mm
    for number, line in enumerate(shown):
        canvas.drawString(x, top(window.y_mm) - size * ASCENT_RATIO - number * leading, line)
    drawn_width = max((stringWidth(line, REGULAR, size) for line in shown), default=0.0)
    box = Box(window.x_mm, window.y_mm, drawn_width / mm, len(shown) * leading / mm)
    return box, shown
