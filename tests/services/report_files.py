"""Reading the activity report's files back: the PDF's text, the workbook's sheets and cells."""

from __future__ import annotations

import io
import re
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """Every page's text, every run of spaces and line ends (no-break ones too) as one space."""
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def workbook_cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Each sheet's rows (header first), as values."""
    book = load_workbook(path, read_only=True)
    try:
        return {
            sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets
        }
    finally:
        book.close()
