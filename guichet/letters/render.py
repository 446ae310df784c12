"""Letters: letterhead, sender and recipient blocks, date, object, body, signature — one
letter, or several merged into one PDF (a mailing, each letter on its own sheets).

Every text reaches reportlab through :func:`paragraph_markup`, which escapes it
(``xml.sax.saxutils.escape``): a company called ``<b>`` prints as ``<b>``, never in bold.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from guichet.letters.document import Box, EnvelopeWindow, LetterDocument, RenderedPdf
from guichet.letters.fonts import BOLD, REGULAR, printable, register_fonts
from guichet.letters.metadata import PdfInfo, apply_info, canvas_options
from guichet.letters.page import (
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    draw_address_block,
    draw_fold_marks,
    draw_footer,
    draw_letterhead,
    draw_lines,
    draw_page_number,
    top,
)
from guichet.letters.typography import french_spacing

BODY_TOP_MM = 98.0
BODY_BOTTOM_MM = 277.0
LATER_TOP_MM = 32.0
DATE_Y_MM = 88.0
SENDER_Y_MM = 47.0

_BODY = ParagraphStyle(
    "body", fontName=REGULAR, fontSize=10, leading=14, spaceAfter=7, alignment=TA_LEFT
)
_OBJECT = ParagraphStyle("object", parent=_BODY, fontName=BOLD, spaceAfter=12)
_SIGNATURE = ParagraphStyle("signature", parent=_BODY, leftIndent=95 * mm, spaceAfter=0)
_SIGNATURE_NAME = ParagraphStyle("signature_name", parent=_SIGNATURE, fontName=BOLD)


def paragraph_markup(text: str) -> str:
    """Plain text as safe Paragraph markup: escaped, French no-break spaces, line breaks kept."""
    return "<br/>".join(escape(printable(french_spacing(line))) for line in text.split("\n"))


def body_paragraphs(body: str) -> list[str]:
    """Blank lines separate paragraphs."""
    blocks = [block.strip("\n") for block in body.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block.strip()]


def _numbered_canvas(counter: list[int], info: PdfInfo) -> type[Canvas]:
    """A canvas that numbers pages « Page n / total » once the totals are known: within each
    letter of the file (a page's letter is its ``_letter_number``), when that letter has more
    than one page."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **{**kwargs, **canvas_options()})
            apply_info(self, info)
            self._pages: list[dict[str, Any]] = []
            self._letter_number = 0

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            counter.append(total)
            per_letter = Counter(state.get("_letter_number", 0) for state in self._pages)
            seen: Counter[int] = Counter()
            for state in self._pages:
                self.__dict__.update(state)
                letter = state.get("_letter_number", 0)
                seen[letter] += 1
                if per_letter[letter] > 1:
                    draw_page_number(self, seen[letter], per_letter[letter])
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def _body_frame(frame_id: str, top_mm: float) -> Frame:
    """The text area of a page, from ``top_mm`` down to the footer, the full width inside the margins."""
    return Frame(
        MARGIN,
        top(BODY_BOTTOM_MM),
        PAGE_WIDTH - 2 * MARGIN,
        (BODY_BOTTOM_MM - top_mm) * mm,
        id=frame_id,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )


def render_letter(document: LetterDocument, window: EnvelopeWindow | None = None) -> RenderedPdf:
    """The letter as PDF bytes, with the measured position of its recipient block."""
    return render_letters([document], window)


def render_letters(
    documents: Sequence[LetterDocument], window: EnvelopeWindow | None = None
) -> RenderedPdf:
    """Several letters in one PDF (a mailing): each starts on a new sheet with its own
    letterhead, recipient block in the window and page numbers; the measured recipient block
    is the first letter's. The file's information (title, author) is the first letter's."""
    if not documents:
        raise ValueError("render_letters needs at least one letter")
    register_fonts()
    window = window or EnvelopeWindow()
    buffer = io.BytesIO()
    placed: list[tuple[Box, tuple[str, ...]]] = []
    templates: list[PageTemplate] = []
    story: list[Any] = []
    for number, document in enumerate(documents):
        templates += _page_templates(number, document, window, placed)
        if number:
            story += [NextPageTemplate(f"first{number}"), PageBreak()]
        story += _story(number, document)
    head = documents[0]
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        title=printable(head.title),
        author=printable(head.author),
        subject=printable(head.subject),
        creator="Guichet",
        **canvas_options(),
        pageTemplates=templates,
    )
    pages: list[int] = []
    info = PdfInfo(head.title, head.author, head.subject, head.created)
    doc.build(story, canvasmaker=_numbered_canvas(pages, info))
    box, lines = placed[0] if placed else (None, ())
    return RenderedPdf(
        pdf=buffer.getvalue(), pages=pages[-1] if pages else 1, address_box=box, address_lines=lines
    )


def _page_templates(
    number: int,
    document: LetterDocument,
    window: EnvelopeWindow,
    placed: list[tuple[Box, tuple[str, ...]]],
) -> list[PageTemplate]:
    """The first page (letterhead, window, date, fold marks) and the later pages of a letter."""

    def first_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas._letter_number = number
        canvas.saveState()
        draw_letterhead(canvas, document.letterhead)
        draw_lines(canvas, document.sender_lines, MARGIN / mm, SENDER_Y_MM, 8.5)
        placed.append(draw_address_block(canvas, document.recipient_lines, window))
        canvas.setFont(REGULAR, 10)
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN, top(DATE_Y_MM), printable(french_spacing(document.place_and_date))
        )
        draw_fold_marks(canvas)
        draw_footer(canvas, document.letterhead)
        canvas.restoreState()

    def later_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas._letter_number = number
        canvas.saveState()
        canvas.setFont(BOLD, 9)
        canvas.drawString(MARGIN, top(18), printable(document.letterhead.name)[:90])
        canvas.setFont(REGULAR, 9)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, top(18), printable(document.object_line)[:80])
        draw_footer(canvas, document.letterhead)
        canvas.restoreState()

    return [
        PageTemplate(
            id=f"first{number}", frames=[_body_frame("first", BODY_TOP_MM)], onPage=first_page
        ),
        PageTemplate(
            id=f"later{number}", frames=[_body_frame("later", LATER_TOP_MM)], onPage=later_page
        ),
    ]


def _story(number: int, document: LetterDocument) -> list[Any]:
    """Object, body paragraphs and signature of one letter."""
    story: list[Any] = [
        NextPageTemplate(f"later{number}"),
        Paragraph("Objet : " + paragraph_markup(document.object_line), _OBJECT),
    ]
    story += [Paragraph(paragraph_markup(block), _BODY) for block in body_paragraphs(document.body)]
    signature: list[Any] = [Spacer(1, 6 * mm)]
    for line_number, line in enumerate(document.signature_lines):
        style = _SIGNATURE_NAME if line_number == 0 else _SIGNATURE
        signature.append(Paragraph(paragraph_markup(line), style))
    story.append(KeepTogether(signature))
    return story
