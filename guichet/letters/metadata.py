"""What every PDF the app writes carries: embedded fonts only, and its document information.

ReportLab starts each canvas with Helvetica, one of the 14 « standard » fonts a PDF may
reference without embedding; an empty text object then names it on every page. Starting the
canvas on the embedded DejaVu Sans instead leaves no font that is not in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from guichet.letters.fonts import REGULAR, printable, register_fonts


@dataclass(frozen=True)
class PdfInfo:
    """The document information dictionary: title, author (the agency), subject, dates."""

    title: str
    author: str = ""
    subject: str = ""
    created: datetime | None = None


def pdf_date(moment: datetime) -> str:
    """A PDF date string (``D:YYYYMMDDHHmmSS+HH'mm'``) for a naive local or aware datetime."""
    aware = moment.astimezone()
    offset = aware.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"D:{aware:%Y%m%d%H%M%S}{sign}{hours:02d}'{rest:02d}'"


def canvas_options() -> dict[str, Any]:
    """Keyword arguments for a Canvas (or a DocTemplate): embedded initial font, stable bytes."""
    register_fonts()
    return {"initialFontName": REGULAR, "invariant": 1}


def apply_info(canvas: Canvas, info: PdfInfo) -> None:
    """Writes ``info`` into the canvas's document (dates: ``info.created``, else now)."""
    canvas.setTitle(printable(info.title))
    canvas.setAuthor(printable(info.author))
    canvas.setSubject(printable(info.subject))
    canvas.setCreator("Guichet")
    stamp = pdf_date(info.created or datetime.now())
    canvas._doc.setDateFormatter(lambda *_parts: stamp)  # creation and modification dates
