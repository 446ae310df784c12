"""Tables to CSV (as French Excel reads them) and XLSX, safe against formula injection.

CSV: UTF-8 with a BOM, ``;`` separators, CRLF line ends, so that a double click opens it in Excel
with its accents and columns. Any cell starting with ``= + - @``, a tab or a carriage return is
prefixed with an apostrophe, so no spreadsheet runs it as a formula. XLSX: every such text is
written as an explicit string cell, never as a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from guichet.errors import EnvironmentProblem, ValidationError

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_CELL = 32767


@dataclass(frozen=True)
class ExportTable:
    """What an export writes: a title (the sheet name), headers and rows of plain values."""

    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def neutralize(text: str) -> str:
    """The cell text a spreadsheet shows as typed: formulas are defused with a leading ``'``."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def csv_cell(value: Any) -> str:
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
    return neutralize(str(value))


def write_csv(table: ExportTable, path: Path) -> Path:
    """Write ``table`` as a CSV file Excel opens directly (UTF-8 BOM, ``;``, CRLF)."""
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
            writer.writerow([neutralize(h) for h in table.headers])
            writer.writerows([csv_cell(v) for v in row] for row in table.rows)
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
        return value[:XLSX_MAX_CELL]
    return value


def write_xlsx(table: ExportTable, path: Path) -> Path:
    """Write ``table`` as an XLSX workbook; text cells are always string cells (type ``s``)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(table.title))
    bold = Font(bold=True)

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
    try:
        workbook.save(path)
    except OSError as exc:
        raise _write_error(path, exc) from exc
    return path


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
