"""Reading spreadsheets: encodings, separators, XLSX and ODS, and files that are not tables."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guichet.importers.errors import FileRefused
from guichet.importers.tables import read_table
from guichet.importers.text_files import decode_text, detect_delimiter

ROWS = [
    ["Raison sociale", "SIRET", "Ville", "Téléphone"],
    ["Usinage Lefèbvre", "732 829 320 00074", "Lillebonne", "02 35 12 34 56"],
    ["Œuvre & Fils, « Soudure »", "", "Port-Jérôme-sur-Seine", ""],
]


def write_csv(path: Path, rows: list[list[str]], encoding: str, delimiter: str) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "delimiter", "described"),
    [
        ("cp1252", ";", "Windows-1252, séparateur point-virgule"),
        ("utf-8-sig", ";", "UTF-8 avec BOM, séparateur point-virgule"),
        ("utf-8", ",", "UTF-8, séparateur virgule"),
        ("utf-16", "\t", "UTF-16, séparateur tabulation"),
    ],
)
def test_csv_in_any_encoding_and_separator(
    tmp_path: Path, encoding: str, delimiter: str, described: str
) -> None:
    table = read_table(write_csv(tmp_path / "f.csv", ROWS, encoding, delimiter))
    assert table.headers == tuple(ROWS[0])
    assert table.rows == [ROWS[1], ROWS[2][:3]]  # trailing blank cells are not kept
    assert described in table.description
    assert table.line_numbers == [2, 3]


def test_french_excel_csv_with_blank_lines_and_trailing_empty_headers(tmp_path: Path) -> None:
    text = "Raison sociale;Ville;;\r\n\r\nUsinage Lefèbvre;Bolbec;;\r\n;;;\r\nSoudure;Fécamp;;\r\n"
    path = tmp_path / "excel.csv"
    path.write_bytes(text.encode("cp1252"))
    table = read_table(path)
    assert table.headers == ("Raison sociale", "Ville")
    assert [r[:2] for r in table.rows] == [["Usinage Lefèbvre", "Bolbec"], ["Soudure", "Fécamp"]]
    assert table.line_numbers == [3, 5]


def test_xlsx_made_with_openpyxl(tmp_path: Path) -> None:
    from datetime import date

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Raison sociale", "SIRET", "Code postal", "Créée le", "Formule"])
    sheet.append(["Usinage Lefèbvre", 73282932000074, 76170, date(2020, 5, 4), "=1+1"])
    sheet.append([None, None, None, None, None])
    sheet.append(["Soudure", "732 829 320 00074", 1000.0, None, None])
    path = tmp_path / "membres.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.headers == ("Raison sociale", "SIRET", "Code postal", "Créée le", "Formule")
    assert table.rows[0] == ["Usinage Lefèbvre", "73282932000074", "76170", "2020-05-04", "=1+1"]
    assert table.rows[1][:3] == ["Soudure", "732 829 320 00074", "1000"]
    assert "xlsx" in table.description


def make_ods(path: Path, rows: list[list[object]]) -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Feuille1")
    for values in rows:
        row = TableRow()
        for value in values:
            if isinstance(value, float | int):
                cell = TableCell(valuetype="float", value=str(value))
                cell.addElement(P(text=str(value)))
            elif isinstance(value, str) and value.startswith("of:"):
                cell = TableCell(formula=value, valuetype="float", value="2")
                cell.addElement(P(text="2"))
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
            row.addElement(cell)
        row.addElement(TableCell(numbercolumnsrepeated="1000"))
        table.addElement(row)
    table.addElement(TableRow(numberrowsrepeated="1000000"))
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def test_ods_made_with_odfpy(tmp_path: Path) -> None:
    path = make_ods(
        tmp_path / "membres.ods",
        [["Raison sociale", "Code postal", "Calcul"], ["Usinage Lefèbvre", 76170, "of:=1+1"]],
    )
    table = read_table(path)
    assert table.headers == ("Raison sociale", "Code postal", "Calcul")
    assert table.rows == [["Usinage Lefèbvre", "76170", "=1+1"]]
    assert "ods" in table.description


def test_a_workbook_named_csv_is_still_read(tmp_path: Path) -> None:
    path = make_ods(tmp_path / "vraiment.csv", [["Raison sociale"], ["Usinage"]])
    assert read_table(path).rows == [["Usinage"]]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "vide (0 octet)"),
        (b"\r\n;;;\r\n\r\n", "aucune ligne"),
        (b"Raison sociale;SIRET\r\n", "qu'une ligne d'en-t"),
        (b"%PDF-1.7\n\x00\x01\x02\x03binary\x00stream", "contenu est binaire"),
        (bytes(range(256)) * 40, "contenu est binaire"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "Excel 97-2003"),
        (
            "Raison sociale;Ville\nCafé;Fécamp\n".encode() + "Crêperie;Étretat\n".encode("cp1252"),
            "mélange deux encodages",
        ),
    ],
)
def test_hostile_files_get_a_clear_french_message(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "hostile.csv"
    path.write_bytes(content)
    with pytest.raises(FileRefused) as refused:
        read_table(path)
    assert message in refused.value.message


def test_a_zip_without_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "archive.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "rien")
    with pytest.raises(FileRefused, match="archive compressée"):
        read_table(path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileRefused, match="Impossible de lire"):
        read_table(tmp_path / "absent.csv")


# French text: ASCII and the accented letters of French (Windows-1252 bytes C0-FF, which never
# form valid UTF-8 next to ASCII: a Windows-1252 file cannot be mistaken for UTF-8).
FRENCH = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -.'"
FRENCH += "àâäçéèêëîïôöùûüÿÀÂÇÉÈÊËÎÏÔÙÛÜ"
cell_text = st.text(alphabet=FRENCH, min_size=1, max_size=12).filter(
    lambda s: s.strip() == s and bool(s)
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(cell_text, min_size=3, max_size=3), min_size=2, max_size=8),
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_detection_recovers_what_was_written(
    rows: list[list[str]], delimiter: str, encoding: str
) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode(encoding)
    text, found = decode_text(data)
    assert text.replace(codecs.BOM_UTF8.decode(), "") == buffer.getvalue()
    if encoding == "cp1252" and data.isascii():
        assert found == "utf-8"
    assert detect_delimiter(text) == delimiter


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_text_not_binary(tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "unicode.txt", ROWS, encoding, "\t")
    assert not path.read_bytes().startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    table = read_table(path)
    assert table.headers == tuple(ROWS[0])
    assert table.rows[0] == ROWS[1]
    assert "UTF-16" in table.description and "sans BOM" in table.description
