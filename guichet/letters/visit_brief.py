"""The one-page brief a counsellor takes to a company visit: the company's card, its history with
the agency, and the questions to ask.

Every text is plain and escaped on its way into reportlab (``paragraph_markup``). The brief is
kept to one page: long histories are cut to their latest lines, then the type gets smaller.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Frame, PageTemplate, Paragraph, Spacer
from reportlab.platypus.doctemplate import BaseDocTemplate

from guichet.letters.document import Letterhead, RenderedPdf
from guichet.letters.fonts import BOLD, REGULAR, printable, register_fonts
from guichet.letters.metadata import PdfInfo, apply_info, canvas_options
from guichet.letters.page import MARGIN, PAGE_HEIGHT, PAGE_WIDTH, draw_footer, fit, top
from guichet.letters.render import paragraph_markup

GREY = Color(0.35, 0.35, 0.35)
BODY_TOP_MM = 26.0
BODY_BOTTOM_MM = 277.0


@dataclass(frozen=True)
class BriefSection:
    title: str
    lines: tuple[str, ...]
    #: said when ``lines`` is empty
    empty: str = "—"


@dataclass(frozen=True)
class VisitBriefDocument:
    letterhead: Letterhead
    title: str  # « Visite de … »
    when_lines: tuple[str, ...]  # date, counsellor, partners, person met
    card_lines: tuple[str, ...]  # the company's card
    sections: tuple[BriefSection, ...]  # history: inquiries, referrals, meetings, memberships
    questions: tuple[str, ...]  # the questions to ask, one line each
    created: datetime | None = None


def _styles(size: float) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("brief", fontName=REGULAR, fontSize=size, leading=size * 1.3)
    return {
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=BOLD,
            fontSize=size + 5,
            leading=(size + 5) * 1.25,
            spaceAfter=2,
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=BOLD,
            fontSize=size + 1,
            spaceBefore=size * 0.7,
            spaceAfter=1,
            textColor=Color(0.1, 0.25, 0.45),
        ),
        "body": body,
        "item": ParagraphStyle(
            "item", parent=body, leftIndent=4 * mm, bulletIndent=0, bulletFontName=REGULAR
        ),
        "muted": ParagraphStyle("muted", parent=body, textColor=GREY),
    }


def _story(document: VisitBriefDocument, size: float) -> list[Any]:
    s = _styles(size)
    story: list[Any] = [Paragraph(paragraph_markup(document.title), s["title"])]
    story += [Paragraph(paragraph_markup(line), s["muted"]) for line in document.when_lines]
    story.append(Paragraph("Entreprise", s["heading"]))
    story += [Paragraph(paragraph_markup(line), s["body"]) for line in document.card_lines]
    story.append(Paragraph("Historique avec l'agence", s["heading"]))
    for section in document.sections:
        story.append(Paragraph(f"<b>{paragraph_markup(section.title)}</b>", s["body"]))
        if not section.lines:
            story.append(Paragraph(paragraph_markup(section.empty), s["item"]))
        story += [
            Paragraph(paragraph_markup(line), s["item"], bulletText="•") for line in section.lines
        ]
    story.append(
        Paragraph(
            'Questions à poser <font size="%s">(* réponse obligatoire)</font>' % (size - 1),
            s["heading"],
        )
    )
    story += [
        Paragraph(paragraph_markup(line), s["item"], bulletText=printable("☐"))
        for line in document.questions
    ]
    story.append(Spacer(1, 2 * mm))
    return story


def _build(document: VisitBriefDocument, size: float) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    pages: list[int] = []
    info = PdfInfo(document.title, document.letterhead.name, "Fiche de visite", document.created)

    def on_page(canvas: Any, _doc: Any) -> None:
        if not pages:
            apply_info(canvas, info)
        pages.append(1)
        canvas.saveState()
        canvas.setFont(BOLD, 9)
        canvas.drawString(
            MARGIN, top(14), fit(printable(document.letterhead.name), BOLD, 9, 110 * mm)
        )
        canvas.setFont(REGULAR, 9)
        canvas.setFillColor(GREY)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, top(14), "Fiche de visite — document interne")
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, top(17), PAGE_WIDTH - MARGIN, top(17))
        canvas.restoreState()
        draw_footer(canvas, document.letterhead)

    frame = Frame(
        MARGIN,
        top(BODY_BOTTOM_MM),
        PAGE_WIDTH - 2 * MARGIN,
        (BODY_BOTTOM_MM - BODY_TOP_MM) * mm,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        title=printable(document.title),
        author=printable(document.letterhead.name),
        subject="Fiche de visite",
        creator="Guichet",
        **canvas_options(),
        pageTemplates=[PageTemplate(id="brief", frames=[frame], onPage=on_page)],
    )
    doc.build(_story(document, size))
    return buffer.getvalue(), len(pages)


def _shortened(document: VisitBriefDocument, keep: int) -> VisitBriefDocument:
    sections = []
    for section in document.sections:
        lines = section.lines
        if len(lines) > keep:
            lines = (*lines[:keep], f"… et {len(lines) - keep} de plus")
        sections.append(replace(section, lines=lines))
    return replace(document, sections=tuple(sections))


def render_visit_brief(document: VisitBriefDocument) -> RenderedPdf:
    """The brief as PDF bytes, on one page whenever the history can be cut to fit."""
    register_fonts()
    longest = max((len(s.lines) for s in document.sections), default=0)
    keeps = [longest, *(k for k in (8, 5, 3, 2, 1) if k < longest)]
    attempts = [(keep, size) for keep in keeps for size in (9.0, 8.0, 7.0)]
    pdf, pages = b"", 0
    for keep, size in attempts:
        pdf, pages = _build(_shortened(document, keep), size)
        if pages == 1:
            break
    return RenderedPdf(pdf=pdf, pages=pages)
