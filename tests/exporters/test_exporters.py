"""CSV for French Excel, XLSX and vCard: formulas neutralised, text escaped."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guichet.errors import ValidationError
from guichet.exporters.tables import (
    ExportTable,
    csv_cell,
    neutralize,
    write_csv,
    write_table,
    write_xlsx,
)
from guichet.exporters.vcard import VCardContact, escape, fold_line, vcard
from guichet.reference.text import clean_text

HOSTILE = ['=HYPERLINK("http://x.invalid";"clic")', "+33 2 35", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@given(st.text())
def test_neutralized_text_never_starts_a_formula(text: str) -> None:
    safe = neutralize(text)
    cleaned = clean_text(text, multiline=True)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert safe == cleaned or safe == "'" + cleaned


def table() -> ExportTable:
    return ExportTable(
        "Essai",
        ("Nom", "Valeur", "Le"),
        [(h, 1.5, date(2026, 11, 2)) for h in HOSTILE]
        + [("Œuvre; « ok »", None, datetime(2026, 1, 2, 9, 5))],
    )


def test_csv_for_french_excel(tmp_path: Path) -> None:
    data = write_csv(table(), tmp_path / "e.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.startswith('"Nom";"Valeur";"Le"\r\n')
    assert text.endswith('"Œuvre; « ok »";;02/01/2026 09:05\r\n')
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[1] == ["'" + HOSTILE[0], "1,5", "02/11/2026"]
    # A lone CR is a line break: stored as LF, which no spreadsheet takes for a formula.
    assert [r[0] for r in rows[1:7]] == ["'" + h for h in HOSTILE[:5]] + ["\nx"]
    assert rows[7] == ["Œuvre; « ok »", "", "02/01/2026 09:05"]


def _split_like_calc(line: str) -> list[str]:
    """Fields of a CSV line split on « ; », « , » and tab outside quotes (Calc's default)."""
    fields = re.findall(r'(?:^|(?<=[;,\t]))("(?:[^"]|"")*"|[^;,\t"]*)', line)
    return [f[1:-1].replace('""', '"') if f.startswith('"') else f for f in fields]


@given(st.lists(st.text(alphabet="ab ,;\t\"'=é"), min_size=1, max_size=5))
def test_every_text_is_quoted_so_any_separator_keeps_the_columns(cells: list[str]) -> None:
    line = ";".join(csv_cell(c) for c in cells)
    assert _split_like_calc(line) == [neutralize(c) for c in cells]


def test_xlsx_cells_are_strings_never_formulas(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = write_xlsx(table(), tmp_path / "e.xlsx")
    sheet = load_workbook(path).active
    assert sheet is not None
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values[: len(HOSTILE)] == [h.replace("\r", "\n") for h in HOSTILE]  # line break
    for row in sheet.iter_rows(min_row=2, max_row=len(HOSTILE) + 1):
        assert row[0].data_type == "s"
    assert sheet.cell(2, 2).value == 1.5
    assert sheet.cell(2, 3).value == datetime(2026, 11, 2)


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="non pris en charge"):
        write_table(table(), tmp_path / "e.pdf")


def test_vcard_4_escapes_and_folds() -> None:
    card = vcard(
        VCardContact(
            first_name="Anne-Lise",
            last_name="Martin; Dupont",
            civility="Mme",
            organization="Usinage, Soudure\\Fils",
            role="Directrice\ngénérale",
            phone="+33235123456",
            email="anne@exemple.fr",
        )
    )
    lines = card.split("\r\n")
    assert lines[:4] == [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "FN:Anne-Lise Martin\\; Dupont",
        "N:Martin\\; Dupont;Anne-Lise;;Mme;",
    ]
    assert "ORG:Usinage\\, Soudure\\\\Fils" in lines
    assert "TITLE:Directrice\\ngénérale" in lines
    assert "TEL;VALUE=uri;TYPE=work,voice:tel:+33235123456" in lines
    assert lines[-2] == "END:VCARD" and card.endswith("\r\n")


@given(st.text(min_size=0, max_size=300))
def test_folding_keeps_the_text_and_the_75_octet_limit(text: str) -> None:
    line = "NOTE:" + escape(text)
    folded = fold_line(line)
    parts = folded.split("\r\n ")
    assert "".join(parts) == line
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)


CONTROL_NAMES = ["Usinage\x0bLefèbvre", "Tôlerie\x0cdu Port", "Quai\u2028Nord", "Fonderie\x85Sud"]
CONTROL_NAMES.append("x" * 70_000 + "\x00fin")  # a NUL past the first 64 KiB


def test_exports_clean_what_they_write(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    export = ExportTable("Essai", ("Nom",), [(n,) for n in CONTROL_NAMES])
    sheet = load_workbook(write_xlsx(export, tmp_path / "e.xlsx")).active
    assert sheet is not None
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values[:4] == ["Usinage\nLefèbvre", "Tôlerie\ndu Port", "Quai\nNord", "Fonderie\nSud"]
    assert values[4] == ("x" * 70_000 + "fin")[:32767]
    text = write_csv(export, tmp_path / "e.csv").read_text(encoding="utf-8-sig")
    assert not any(c in text for c in "\x00\x0b\x0c\x85\u2028")
    card = vcard(VCardContact(first_name="Anne\x0b", last_name="Martin\u2028Dupont\x00"))
    assert not any(c in card for c in "\x00\x0b\x0c\x85\u2028")
    assert "N:Martin\\nDupont;Anne\\n;;;" in card


def test_xlsx_has_a_frozen_filtered_header_and_fitted_columns(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    export = ExportTable("Essai", ("SIREN", "Raison sociale"), [("084173046", "Usinage " * 20)])
    sheet = load_workbook(write_xlsx(export, tmp_path / "e.xlsx")).active
    assert sheet is not None
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:B2"
    assert sheet.column_dimensions["A"].width == 11
    assert sheet.column_dimensions["B"].width == 60
    assert sheet.cell(2, 1).value == "084173046" and sheet.cell(2, 1).data_type == "s"
