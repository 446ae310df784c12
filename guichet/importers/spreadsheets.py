"""Reading the first sheet of an XLSX (openpyxl, read-only) or ODS (odfpy) workbook.

Every cell comes back as text, the way the counsellor sees it: whole numbers without ``.0``,
dates as ``AAAA-MM-JJ``. A formula comes back as its ``=…`` text so that validation can refuse it.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from guichet.importers.errors import FileRefused

#: Guard against sheets declaring a million repeated empty rows or columns.
MAX_REPEAT = 10_000


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
    return str(value)


def read_xlsx_rows(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileRefused(
            "Ce classeur Excel est illisible (fichier abîmé ou incomplet). Ouvrez-le dans votre "
            "tableur et enregistrez-le de nouveau.",
            detail=str(exc),
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return rows


def _ods_cell(cell: Any) -> str:
    from odf import teletype
    from odf.namespaces import TABLENS
    from odf.text import P

    formula = cell.attributes.get((TABLENS, "formula"))
    if formula:
        text = str(formula)
        for prefix in ("of:", "oooc:", "msoxl:"):
            if text.startswith(prefix):
                text = text[len(prefix) :]
        return text if text.startswith("=") else "=" + text
    value_type = cell.getAttribute("valuetype")
    if value_type in ("float", "percentage", "currency"):
        return cell_text(float(cell.getAttribute("value")))
    if value_type == "date":
        return str(cell.getAttribute("datevalue"))[:10]
    if value_type == "boolean":
        return "oui" if cell.getAttribute("booleanvalue") == "true" else "non"
    return "\n".join(teletype.extractText(p) for p in cell.getElementsByType(P))


def read_ods_rows(path: Path) -> list[list[str]]:
    from odf.opendocument import load
    from odf.table import Table, TableRow

    try:
        document = load(str(path))
    except Exception as exc:  # odfpy raises anything from zipfile, xml and KeyError
        raise FileRefused(
            "Ce classeur OpenDocument (.ods) est illisible. Ouvrez-le dans votre tableur et "
            "enregistrez-le de nouveau.",
            detail=str(exc),
        ) from exc
    tables = document.spreadsheet.getElementsByType(Table)
    if not tables:
        return []
    rows: list[list[str]] = []
    for row in tables[0].getElementsByType(TableRow):
        cells: list[str] = []
        for cell in row.childNodes:
            if cell.qname[1] not in ("table-cell", "covered-table-cell"):
                continue
            repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
            text = _ods_cell(cell)
            cells.extend([text] * (min(repeat, MAX_REPEAT) if text else min(repeat, 256)))
        while cells and not cells[-1]:
            cells.pop()
        repeat = int(row.getAttribute("numberrowsrepeated") or 1)
        rows.extend([list(cells) for _ in range(min(repeat, MAX_REPEAT) if cells else 1)])
    return rows
