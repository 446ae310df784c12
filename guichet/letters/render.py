"""A referral letter: letterhead, sender and recipient blocks, date, object, body, signature.

Every text reaches reportlab through :func:`paragraph_markup`, which escapes it
(``xml.sax.saxutils.escape``): a company called ``<b>`` prints as ``<b>``, never in bold.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Sequence
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


def _numbered_canvas(counter: list[int], info: PdfInfo, owners: list[int]) -> type[Canvas]:
    """A canvas that numbers each letter's pages « Page n / total » once its total is known
    (only a letter of more than one page). ``owners`` holds, page by page, the letter drawn."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **{**kwargs, **canvas_options()})
            apply_info(self, info)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            counter.append(len(self._pages))
            letters = owners[: len(self._pages)] or [0] * len(self._pages)
            totals = Counter(letters)
            seen: Counter[int] = Counter()
            for state, letter in zip(self._pages, letters, strict=False):
                self.__dict__.update(state)
                seen[letter] += 1
                if totals[letter] > 1:
                    draw_page_number(self, seen[letter], totals[letter])
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


def _first_page(
    canvas: Canvas, document: LetterDocument, window: EnvelopeWindow
) -> tuple[Box, tuple[str, ...]]:
    canvas.saveState()
    draw_letterhead(canvas, document.letterhead)
    draw_lines(canvas, document.sender_lines, MARGIN / mm, SENDER_Y_MM, 8.5)
    placed = draw_address_block(canvas, document.recipient_lines, window)
    canvas.setFont(REGULAR, 10)
    canvas.drawRightString(
        PAGE_WIDTH - MARGIN, top(DATE_Y_MM), printable(french_spacing(document.place_and_date))
    )
    draw_fold_marks(canvas)
    draw_footer(canvas, document.letterhead)
    canvas.restoreState()
    return placed


def _later_page(canvas: Canvas, document: LetterDocument) -> None:
    canvas.saveState()
    canvas.setFont(BOLD, 9)
    canvas.drawString(MARGIN, top(18), printable(document.letterhead.name)[:90])
    canvas.setFont(REGULAR, 9)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, top(18), printable(document.object_line)[:80])
    draw_footer(canvas, document.letterhead)
    canvas.restoreState()


def _story(document: LetterDocument) -> list[Any]:
    story: list[Any] = [Paragraph("Objet : " + paragraph_markup(document.object_line), _OBJECT)]
    story += [Paragraph(paragraph_markup(block), _BODY) for block in body_paragraphs(document.body)]
    signature: list[Any] = [Spacer(1, 6 * mm)]
    for number, line in enumerate(document.signature_lines):
        style = _SIGNATURE_NAME if number == 0 else _SIGNATURE
        signature.append(Paragraph(paragraph_markup(line), style))
    story.append(KeepTogether(signature))
    return story


def render_letter(document: LetterDocument, window: EnvelopeWindow | None = None) -> RenderedPdf:
    """The letter as PDF bytes, with the measured position of its recipient block."""
    return render_letters([document], window)


def render_letters(
    documents: Sequence[LetterDocument],
    window: EnvelopeWindow | None = None,
    *,
    title: str = "",
    check: Callable[[int], None] | None = None,
) -> RenderedPdf:
    """Letters merged into one PDF for a print run: each starts on a new sheet with its own
    letterhead, window block and page numbers. ``check(n)`` is called as letter ``n`` is laid
    out (progress; it may raise to cancel). The address box returned is the first letter's."""
    register_fonts()
    if not documents:
        raise ValueError("no letter to render")
    window = window or EnvelopeWindow()
    buffer = io.BytesIO()
    placed: list[tuple[Box, tuple[str, ...]]] = []
    owners: list[int] = []
    templates: list[PageTemplate] = []
    story: list[Any] = []
    for index, document in enumerate(documents):

        def first_page(
            canvas: Canvas,
            _doc: BaseDocTemplate,
            index: int = index,
            document: LetterDocument = document,
        ) -> None:
            owners.append(index)
            if check is not None:
                check(index)
            placed.append(_first_page(canvas, document, window))

        def later_page(
            canvas: Canvas,
            _doc: BaseDocTemplate,
            index: int = index,
            document: LetterDocument = document,
        ) -> None:
            owners.append(index)
            _later_page(canvas, document)

        templates += [
            PageTemplate(
                id=f"first{index}", frames=[_body_frame("first", BODY_TOP_MM)], onPage=first_page
            ),
            PageTemplate(
                id=f"later{index}", frames=[_body_frame("later", LATER_TOP_MM)], onPage=later_page
            ),
        ]
        if index:
            story += [NextPageTemplate(f"first{index}"), PageBreak()]
        story += [NextPageTemplate(f"later{index}"), *_story(document)]
    first = documents[0]
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        title=printable(title or first.title),
        author=printable(first.author),
        subject=printable(first.subject),
        creator="Guichet",
        **canvas_options(),
        pageTemplates=templates,
    )
    pages: list[int] = []
    info = PdfInfo(title or first.title, first.author, first.subject, first.created)
    doc.build(story, canvasmaker=_numbered_canvas(pages, info, owners))
    box, lines = placed[0] if placed else (None, ())
    return RenderedPdf(
        pdf=buffer.getvalue(), pages=pages[-1] if pages else 1, address_box=box, address_lines=lines
    )
