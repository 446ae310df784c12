"""The calibration page: prints where the recipient block will fall, to check it against the
agency's window envelopes (fold the sheet at the marks and slip it in)."""

from __future__ import annotations

import io

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from guichet.letters.document import (
    FOLD_MARKS_MM,
    EnvelopeWindow,
    Letterhead,
    RenderedPdf,
)
from guichet.letters.fonts import BOLD, REGULAR, printable, register_fonts
from guichet.letters.metadata import PdfInfo, apply_info, canvas_options
from guichet.letters.page import (
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    draw_address_block,
    draw_fold_marks,
    draw_letterhead,
    top,
)

SAMPLE_ADDRESS = (
    "Destinataire de test",
    "Service achats",
    "Zone industrielle du Manoir",
    "12 B RUE DE L EXEMPLE",
    "BP 42",
    "76170 LILLEBONNE",
)
BLUE = Color(0.1, 0.3, 0.7)
RULER_Y_MM = 90.0


def _rulers(canvas: Canvas) -> None:
    canvas.setStrokeColor(BLUE)
    canvas.setFillColor(BLUE)
    canvas.setLineWidth(0.3)
    canvas.setFont(REGULAR, 5.5)
    for x_mm in range(80, 206, 5):
        length = 4 if x_mm % 10 == 0 else 2
        canvas.line(x_mm * mm, top(RULER_Y_MM), x_mm * mm, top(RULER_Y_MM) + length * mm)
        if x_mm % 10 == 0:
            canvas.drawCentredString(x_mm * mm, top(RULER_Y_MM) - 2.5 * mm, str(x_mm))
    for y_mm in range(30, 86, 5):
        length = 4 if y_mm % 10 == 0 else 2
        canvas.line(PAGE_WIDTH - length * mm, top(y_mm), PAGE_WIDTH, top(y_mm))
        if y_mm % 10 == 0:
            canvas.drawRightString(PAGE_WIDTH - 5 * mm, top(y_mm) - 2, str(y_mm))


def render_calibration(letterhead: Letterhead, window: EnvelopeWindow | None = None) -> RenderedPdf:
    """One A4 page: the configured block framed, rulers in mm, fold marks, instructions."""
    register_fonts()
    window = window or EnvelopeWindow()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), **canvas_options())
    apply_info(
        canvas,
        PdfInfo(
            "Page de calibration des enveloppes",
            letterhead.name,
            "Position du bloc adresse pour les enveloppes à fenêtre DL",
        ),
    )
    draw_letterhead(canvas, letterhead)
    canvas.setStrokeColor(BLUE)
    canvas.setDash(3, 2)
    canvas.setLineWidth(0.6)
    canvas.rect(
        window.x_mm * mm,
        top(window.y_mm + window.height_mm),
        window.width_mm * mm,
        window.height_mm * mm,
    )
    canvas.setDash()
    canvas.setFillColor(Color(0, 0, 0))
    box, lines = draw_address_block(canvas, SAMPLE_ADDRESS, window)
    _rulers(canvas)
    draw_fold_marks(canvas)
    canvas.setFont(REGULAR, 6.5)
    canvas.setFillColor(BLUE)
    for y_mm in FOLD_MARKS_MM:
        canvas.drawString(10 * mm, top(y_mm) - 2, "pli")
    canvas.setFillColor(Color(0, 0, 0))
    canvas.setFont(BOLD, 14)
    canvas.drawString(MARGIN, top(120), "Page de calibration — enveloppe à fenêtre DL")
    text = canvas.beginText(MARGIN, top(130))
    text.setFont(REGULAR, 10)
    text.setLeading(15)
    for line in (
        "1. Imprimez cette page sur l'imprimante des courriers, sans mise à l'échelle (taille réelle).",
        "2. Pliez-la en trois aux repères « pli » de la marge gauche (99 mm et 198 mm).",
        "3. Glissez-la dans une enveloppe à fenêtre de l'agence.",
        "4. Le cadre pointillé et l'adresse d'exemple doivent apparaître entiers dans la fenêtre.",
        "",
        "Sinon, mesurez le décalage avec les règles (en mm) et corrigez la position dans",
        "Paramètres › Relances et enveloppes, puis imprimez à nouveau cette page.",
        "",
        f"Réglage actuel : marge gauche {window.x_mm:g} mm, marge haute {window.y_mm:g} mm, "
        f"largeur {window.width_mm:g} mm.",
        f"Le bloc adresse occupe au plus {window.height_mm:g} mm de haut (6 lignes de 38 caractères).",
    ):
        text.textLine(printable(line))
    canvas.drawText(text)
    canvas.showPage()
    canvas.save()
    return RenderedPdf(pdf=buffer.getvalue(), pages=1, address_box=box, address_lines=lines)
