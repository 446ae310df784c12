"""CSV for French Excel, XLSX and vCard: formulas neutralised, text escaped."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guichet.errors import ValidationError
from guichet.exporters.tables import ExportTable, neutralize, write_csv, write_table, write_xlsx
from guichet.exporters.vcard import VCardContact, escape, fold_line, vcard

HOSTILE = ['=HYPERLINK("http://x.invalid";"clic")', "+33 2 35", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@given(st.text())
def test_neutralized_text_never_starts_a_formula(text: str) -> None:
    safe = neutralize(text)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert safe == text or safe == "'" + text


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
    assert text.startswith("Nom;Valeur;Le\r\n") and text.endswith(";;02/01/2026 09:05\r\n")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[1] == ["'" + HOSTILE[0], "1,5", "02/11/2026"]
    assert [r[0] for r in rows[1:7]] == ["'" + h for h in HOSTILE]
    assert rows[7] == ["Œuvre; « ok »", "", "02/01/2026 09:05"]


def test_xlsx_cells_are_strings_never_formulas(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = write_xlsx(table(), tmp_path / "e.xlsx")
    sheet = load_workbook(path).active
    assert sheet is not None
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values[: len(HOSTILE)] == [h.replace("\r", "\n") for h in HOSTILE]  # XML keeps no CR
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
