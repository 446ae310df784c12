"""Hostile workbooks built by hand with zipfile: small files that declare enormous sheets."""

from __future__ import annotations

import itertools
import zipfile
from collections.abc import Iterable
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)  # fmt: skip
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)  # fmt: skip
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)  # fmt: skip
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def member_rows() -> list[str]:
    """A header and two members, as inline-string rows."""
    rows = [("Raison sociale", "Ville"), ("Usinage Lefèbvre", "Bolbec"), ("Soudure", "Fécamp")]
    return [
        f'<row r="{n}">{inline(f"A{n}", a)}{inline(f"B{n}", b)}</row>'
        for n, (a, b) in enumerate(rows, start=1)
    ]


def write_xlsx(path: Path, dimension: str, rows: Iterable[str]) -> Path:
    """An XLSX whose sheet declares ``dimension`` and holds ``rows`` (``<row>`` elements)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'{SHEET_HEAD}<dimension ref="{dimension}"/><sheetData>'.encode())
            chunk: list[str] = []
            for row in rows:
                chunk.append(row)
                if len(chunk) == 10_000:
                    sheet.write("".join(chunk).encode())
                    chunk.clear()
            sheet.write(("".join(chunk) + "</sheetData></worksheet>").encode())
    return path


def whole_sheet_xlsx(path: Path) -> Path:
    """A few kilobytes claiming all 1,048,576 × 16,384 cells (styled empty cells at the ends)."""
    far = '<row r="1048576"><c r="XFD1048576" s="0"/></row>'
    return write_xlsx(path, "A1:XFD1048576", [*member_rows(), far])


def million_rows_xlsx(path: Path, rows: int = 3_000_000) -> Path:
    """Every row a member: far more rows than an import accepts."""
    body = (f'<row r="{n}">{inline(f"A{n}", "x")}</row>' for n in range(2, rows + 2))
    return write_xlsx(path, f"A1:A{rows + 1}", itertools.chain(member_rows()[:1], body))


def write_ods(path: Path, table_body: str) -> Path:
    """An ODS whose first table holds ``table_body`` (``table:table-row`` elements)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet>"
        f'<table:table table:name="Feuille1">{table_body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("content.xml", content)
    return path


def ods_cell(text: str, repeat: int = 1) -> str:
    return (
        f'<table:table-cell table:number-columns-repeated="{repeat}" office:value-type="string">'
        f"<text:p>{text}</text:p></table:table-cell>"
    )


def ods_row(cells: str, repeat: int = 1) -> str:
    return f'<table:table-row table:number-rows-repeated="{repeat}">{cells}</table:table-row>'


def square_ods(path: Path, side: int = 10_000) -> Path:
    """1.5 KB declaring a ``side`` × ``side`` table full of text."""
    header = ods_row(ods_cell("Raison sociale") + ods_cell("Ville"))
    return write_ods(path, header + ods_row(ods_cell("x", side), side))


def padded_ods(path: Path) -> Path:
    """Two members, then the empty repeats LibreOffice writes, to the end of the sheet."""
    empty_cells = '<table:table-cell table:number-columns-repeated="16382"/>'
    body = "".join(
        ods_row(ods_cell(a) + ods_cell(b) + empty_cells)
        for a, b in (("Raison sociale", "Ville"), ("Usinage Lefèbvre", "Bolbec"))
    )
    filler = ods_row('<table:table-cell table:number-columns-repeated="16384"/>', 1_048_574)
    return write_ods(path, body + filler)
