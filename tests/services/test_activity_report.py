"""The activity report on a quarter known by hand, on SQLite and PostgreSQL: the PDF and the
workbook carry the figures service's numbers, with counts under 3 masked, and the section
texts come from their templates (settings)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.services.activity_report import (
    build_report,
    export_tables,
    period_between,
    write_report,
)
from guichet.services.figures import Period, reactivity, volumes
from guichet.services.settings import SettingsService
from tests.services.figures_setup import NOW, build_quarter
from tests.services.report_files import pdf_text, workbook_cells

Q1 = Period.of_quarter(2026, 1)


def test_pdf_and_workbook_carry_the_same_figures(portable_db: Database, tmp_path: Path) -> None:
    build_quarter(portable_db)
    figures = volumes(portable_db, Q1)
    reactive = reactivity(portable_db, Q1, now=NOW)
    assert figures.total == 7 and reactive.first_response.rate == pytest.approx(4 / 7)

    pdf = write_report(portable_db, Q1, tmp_path / "rapport.pdf", now=NOW)
    text = pdf_text(pdf.path.read_bytes())
    assert pdf.pages >= 2
    assert "1er trimestre 2026" in text
    assert "a reçu 7 demandes" in text  # the section text, filled from the figures
    assert "Demandes reçues 7 < 3 —" in text  # Q1 2025 had one inquiry: masked, no change
    assert "Première réponse sous 72 h 57 % 90 % 7" in text

    xlsx = write_report(portable_db, Q1, tmp_path / "rapport.xlsx", now=NOW)
    sheets = workbook_cells(xlsx.path)
    assert xlsx.sheets == len(sheets) == pdf.sheets
    assert sheets["Chiffres clés"][1][:3] == ("Demandes reçues", 7, "< 3")  # no change: empty
    first = next(r for r in sheets["Réactivité"] if r[0] == "Première réponse sous 72 h")
    assert first[1:4] == (57, 90, 7)
    channels = {row[0]: row[1] for row in sheets["Canaux"][1:]}
    assert channels["Accueil"] == 3 and channels["Téléphone"] == "< 3"


def test_every_table_of_the_pdf_is_a_sheet(portable_db: Database) -> None:
    build_quarter(portable_db)
    document = build_report(portable_db, Q1, now=NOW)
    tables = export_tables(document)
    assert [t.title for t in tables] == [t.sheet for t in document.tables()]
    assert len({t.title for t in tables}) == len(tables)
    for sheet, table in zip(tables, document.tables(), strict=True):
        assert len(sheet.rows) == len(table.rows)


def test_section_text_from_its_template_is_escaped(db: Database, tmp_path: Path) -> None:
    build_quarter(db)
    SettingsService(db).update(
        {"report.text.synthese": "<b>Bilan</b> de {agence.nom} : {demandes.total} demandes."}
    )
    pdf = write_report(db, Q1, tmp_path / "rapport.pdf", now=NOW)
    assert "<b>Bilan</b> de Caux Seine Développement : 7 demandes." in pdf_text(
        pdf.path.read_bytes()
    )
    with pytest.raises(ValidationError, match="champ inconnu"):
        SettingsService(db).update({"report.text.synthese": "{demandes.totale}"})


def test_periods_named_when_whole() -> None:
    assert period_between(date(2026, 1, 1), date(2026, 3, 31)) == Period.of_quarter(2026, 1)
    assert period_between(date(2026, 2, 1), date(2026, 2, 28)) == Period.of_month(2026, 2)
    assert period_between(date(2025, 1, 1), date(2025, 12, 31)) == Period.of_year(2025)
    custom = period_between(date(2026, 1, 5), date(2026, 2, 10))
    assert custom == Period.custom(date(2026, 1, 5), date(2026, 2, 10))


@pytest.mark.parametrize("name", ["rapport.docx", "rapport"])
def test_other_formats_are_refused(db: Database, tmp_path: Path, name: str) -> None:
    with pytest.raises(ValidationError, match=r"\.pdf ou \.xlsx"):
        write_report(db, Q1, tmp_path / name)
    assert not (tmp_path / name).exists()
