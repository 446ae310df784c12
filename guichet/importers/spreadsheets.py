"""Reading the first sheet of an XLSX workbook, row by row (openpyxl read-only, streamed).

Every cell comes back as text, the way the counsellor sees it: whole numbers without ``.0``,
dates as ``AAAA-MM-JJ``. A formula comes back as its ``=…`` text so that validation can refuse it.

The declared ``dimension`` of the sheet is never trusted (a 5 KB file may claim all 17 billion
cells, and openpyxl pads every row to it): the sheet XML is walked with a streaming parser, each
``<row>`` is turned into the cells it really holds, and its element is dropped at once. The cell
values themselves are decoded by openpyxl's own worksheet parser (dates, shared strings,
booleans), one ``<c>`` element at a time.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from guichet.importers.errors import FileRefused
from guichet.importers.limits import ReadLimits, cell_too_long, too_many_columns

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _SHEET_DATA = _MAIN + "row", _MAIN + "c", _MAIN + "sheetData"


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e17 else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    text = getattr(value, "text", None)  # ArrayFormula, DataTableFormula
    return str(text if isinstance(text, str) else value)


def unreadable_xlsx(exc: BaseException) -> FileRefused:
    return FileRefused(
        "Ce classeur Excel est illisible (fichier abîmé ou incomplet). Ouvrez-le dans votre "
        "tableur et enregistrez-le de nouveau.",
        detail=str(exc),
    )


def _row_cells(parser: Any, row: Any, line: int, limits: ReadLimits) -> list[str]:
    parser.row_counter, parser.col_counter = line, 0
    cells: list[str] = []
    for element in row:
        if element.tag != _CELL:
            continue
        cell = parser.parse_cell(element)
        text = cell_text(cell["value"])
        if not text:
            continue
        column = cell["column"]
        if column > limits.max_columns:
            raise too_many_columns(limits)
        if len(text) > limits.max_cell_chars:
            raise cell_too_long(limits, line)
        if column > len(cells):
            cells.extend([""] * (column - len(cells)))
        cells[column - 1] = text
    return cells


def xlsx_rows(path: Path, limits: ReadLimits) -> Iterator[tuple[int, list[str]]]:
    """The non-blank rows of the first sheet, with their line numbers, streamed."""
    from openpyxl import load_workbook
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.functions import iterparse

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise unreadable_xlsx(exc) from exc
    try:
        if not workbook.worksheets:
            return
        sheet: Any = workbook.worksheets[0]
        with sheet._get_source() as source:
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,
                data_only=False,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            line = 0
            sheet_data = None
            try:
                for event, element in iterparse(source, events=("start", "end")):
                    if event == "start":
                        if element.tag == _SHEET_DATA:
                            sheet_data = element
                        continue
                    if element.tag != _ROW:
                        continue
                    number = element.get("r")
                    line = int(number) if number else line + 1
                    cells = _row_cells(parser, element, line, limits)
                    if sheet_data is not None:
                        sheet_data.clear()  # drop the rows already read
                    if cells:
                        yield line, cells
            except (ValueError, IndexError, KeyError, SyntaxError) as exc:
                raise unreadable_xlsx(exc) from exc
    finally:
        workbook.close()
