"""Tables to CSV (as French Excel reads them) and XLSX, safe against formula injection.

CSV: UTF-8 with a BOM, ``;`` separators, CRLF line ends, so that a double click opens it in Excel
with its accents and columns. Every text cell is quoted, so a tool that splits on commas or tabs
as well (LibreOffice Calc's default import) keeps the columns in place. Any cell starting with
``= + - @``, a tab or a carriage return is prefixed with an apostrophe, so no spreadsheet runs it
as a formula. XLSX: every text is an explicit string cell (identifiers keep their leading
zeros), never a formula; the header row is frozen, filtered and the columns fitted.

Text is cleaned as it is written (:func:`guichet.reference.text.clean_text`): data stored before
cleaning existed, or by another tool, never makes an export fail or carry control characters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from guichet.errors import EnvironmentProblem, ValidationError
from guichet.reference.text import clean_text

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_CELL = 32767
MIN_WIDTH, MAX_WIDTH = 8, 60


@dataclass(frozen=True)
class ExportTable:
    """What an export writes: a title (the sheet name), headers and rows of plain values."""

    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def neutralize(text: str) -> str:
    """The cell text a spreadsheet shows as typed: formulas are defused with a leading ``'``."""
    text = clean_text(text, multiline=True)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def csv_cell(value: Any) -> str:
    """One CSV field: numbers and dates bare, every text quoted (``""`` doubled inside)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int | float):
        return str(value).replace(".", ",")
    return '"' + neutralize(str(value)).replace('"', '""') + '"'


def write_csv(table: ExportTable, path: Path) -> Path:
    """Write ``table`` as a CSV file Excel opens directly (UTF-8 BOM, ``;``, CRLF)."""
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            handle.write(";".join(csv_cell(str(h)) for h in table.headers) + "\r\n")
            for row in table.rows:
                handle.write(";".join(map(csv_cell, row)) + "\r\n")
    except OSError as exc:
        raise _write_error(path, exc) from exc
    return path


def _write_error(path: Path, exc: OSError) -> EnvironmentProblem:
    return EnvironmentProblem(
        f"Impossible d'écrire le fichier « {path.name} » : {exc.strerror or exc}. Vérifiez que "
        "le dossier est accessible en écriture et que le fichier n'est pas ouvert dans un tableur.",
        detail=str(exc),
    )


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value, multiline=True)[:XLSX_MAX_CELL]
    return value


def _width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    text = str(value)
    return max(map(len, text.split("\n"))) if "\n" in text else len(text)


def column_widths(table: ExportTable) -> list[float]:
    """Column widths (in characters) that fit the header and the values, within bounds."""
    widths = [len(h) for h in table.headers]
    for row in table.rows:
        for index, value in enumerate(row[: len(widths)]):
            width = _width(value)
            if width > widths[index]:
                widths[index] = width
    return [min(max(w + 2, MIN_WIDTH), MAX_WIDTH) for w in widths]


def write_xlsx(table: ExportTable, path: Path) -> Path:
    """Write ``table`` as an XLSX workbook; text cells are always string cells (type ``s``)."""
    return write_xlsx_sheets([table], path)


def write_xlsx_sheets(tables: Iterable[ExportTable], path: Path) -> Path:
    """Write each table on its own sheet of one XLSX workbook (same cells as :func:`write_xlsx`)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for table in tables:
        title = _sheet_title(table.title)
        base, number = title, 2
        while title.casefold() in used:  # sheet names are unique regardless of case
            suffix = f" ({number})"
            title, number = base[: 31 - len(suffix)] + suffix, number + 1
        used.add(title.casefold())
        _append_sheet(workbook, table, title)
    try:
        workbook.save(path)
    except OSError as exc:
        raise _write_error(path, exc) from exc
    return path


def _append_sheet(workbook: Any, table: ExportTable, title: str) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    bold = Font(bold=True)
    for index, width in enumerate(column_widths(table), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    if table.headers:
        last = get_column_letter(len(table.headers))
        sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"

    def cells(values: Iterable[Any], header: bool = False) -> list[WriteOnlyCell]:
        out = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=None)
            value = _xlsx_value(value)
            if isinstance(value, str):
                cell.value = value
                cell.data_type = "s"  # never "f": a text starting with "=" stays text
            else:
                cell.value = value
                if isinstance(value, datetime):
                    cell.number_format = "DD/MM/YYYY HH:MM"
                elif isinstance(value, date):
                    cell.number_format = "DD/MM/YYYY"
            if header:
                cell.font = bold
            out.append(cell)
        return out

    sheet.append(cells(table.headers, header=True))
    for row in table.rows:
        sheet.append(cells(row))


def _sheet_title(title: str) -> str:
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in title).strip("'")
    return (cleaned or "Export")[:31]


WRITERS = {".csv": write_csv, ".xlsx": write_xlsx}


def write_table(table: ExportTable, path: Path) -> Path:
    """Write ``table`` in the format of the file's extension (``.csv`` or ``.xlsx``)."""
    writer = WRITERS.get(path.suffix.lower())
    if writer is None:
        raise ValidationError(
            f"Format de fichier non pris en charge : « {path.suffix or '(aucune extension)'} ». "
            "Choisissez .csv ou .xlsx.",
            field="path",
        )
    return writer(table, path)
