"""Exports as a real spreadsheet reads them: LibreOffice Calc, headless, on a private profile.

The XLSX export of the demo directory is converted to CSV by ``soffice`` and every cell is
compared with the database's values (identifiers keep their leading zeros). The CSV export is
opened with Calc's default import separators (comma, semicolon and tab all ticked): every row
keeps its columns. Needs the ``libreoffice-calc-nogui`` package (Makefile ``APT_PACKAGES``).
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from stdnum import luhn

from guichet.db import Database
from guichet.services.exports import export, organizations_table
from guichet.services.organizations import OrganizationData, OrganizationService

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) absent")
CSV_OUT = "csv:Text - txt - csv (StarCalc):44,34,76,1"
CALC_DEFAULT_IMPORT = "CSV:44/59/9,34,76,1"  # comma, semicolon, tab; quote "; UTF-8; line 1


def _soffice(tmp_path: Path, source: Path, *extra: str) -> list[list[str]]:
    out = tmp_path / f"lo-{source.stem}"
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            *extra,
            "--convert-to",
            CSV_OUT,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with (out / f"{source.stem}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _leading_zeros(db: Database) -> None:
    """A member from the Ain: SIREN, SIRET, postal code and headcount code start with 0."""
    body = "084173046" + "0001"
    OrganizationService(db).create(
        OrganizationData(
            legal_name="Plasturgie de l'Ain, Bourg",
            siret=body + luhn.calc_check_digit(body),
            postal_code="01000",
            city="Bourg-en-Bresse",
            headcount_band="02",
            legal_form="5710",
        )
    )


def test_xlsx_export_reads_back_cell_for_cell_in_libreoffice(
    demo_db: Database, tmp_path: Path
) -> None:
    _leading_zeros(demo_db)
    table = organizations_table(demo_db)
    expected = [list(table.headers)] + [
        ["" if v is None else str(v) for v in row] for row in table.rows
    ]
    path = export(demo_db, "organisations", tmp_path / "organisations.xlsx").path
    read = _soffice(tmp_path, path)
    assert len(read) == len(expected)
    cells = [
        (e, r)
        for e_row, r_row in zip(expected, read, strict=True)
        for e, r in zip(e_row, r_row, strict=True)
    ]
    identical = sum(1 for e, r in cells if e == r)
    assert identical == len(cells), [(e, r) for e, r in cells if e != r][:5]
    ain = next(row for row in read if row[1] == "Plasturgie de l'Ain, Bourg")
    headers = read[0]
    assert ain[headers.index("SIREN")] == "084173046"
    assert ain[headers.index("Code postal")] == "01000"
    assert ain[headers.index("Tranche d'effectif")] == "02"
    assert ain[headers.index("Libellé de la tranche d'effectif")]
    print(f"LibreOffice round trip: {identical} of {len(cells)} cells identical")


def test_csv_export_keeps_its_columns_with_calc_default_separators(
    demo_db: Database, tmp_path: Path
) -> None:
    _leading_zeros(demo_db)
    table = organizations_table(demo_db)
    path = export(demo_db, "organisations", tmp_path / "organisations.csv").path
    read = _soffice(tmp_path, path, f"--infilter={CALC_DEFAULT_IMPORT}")
    assert len(read) == len(table.rows) + 1
    assert all(len(row) == len(table.headers) for row in read)  # no shifted column
    names = [row[1] for row in read[1:]]
    assert names == [row[1] for row in table.rows]


def test_project_export_reads_back_in_libreoffice_with_code_names_only(
    demo_db: Database, tmp_path: Path
) -> None:
    """The pipeline export as Calc reads it: one row per project, numbers as numbers, and none
    of the confidential companies' real names (the default export uses code names)."""
    from sqlalchemy import select

    from guichet.models import ImplantationProject
    from guichet.services.project_exports import export_projects, projects_table
    from guichet.services.projects import real_name

    table = projects_table(demo_db)
    path = export_projects(demo_db, tmp_path / "projets.xlsx").path
    read = _soffice(tmp_path, path)
    assert read[0] == list(table.headers)
    assert [r[0] for r in read[1:]] == [str(r[0]) for r in table.rows]
    jobs = table.headers.index("Emplois à 3 ans")
    for written, row in zip(read[1:], table.rows, strict=True):
        if row[jobs] is not None:
            assert float(written[jobs]) == row[jobs]  # a number Calc can add up, not text
    with demo_db.unit_of_work(write=False) as s:
        confidential = select(ImplantationProject).where(ImplantationProject.confidential.is_(True))
        secrets = [real_name(p) for p in s.scalars(confidential)]
    text = "\n".join(";".join(r) for r in read)
    assert secrets and not [name for name in secrets if name and name in text]
