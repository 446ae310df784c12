"""Shipped reference files, attribution, and the purity of guichet.reference."""

from __future__ import annotations

import csv
import doctest
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from guichet.assets import CHECKOUT_DIR, resources_root
from guichet.errors import EnvironmentProblem
from guichet.reference.paths import reference_file

MODULES = [
    "address",
    "communes",
    "emails",
    "headcount",
    "identifiers",
    "legal_forms",
    "naf",
    "paths",
    "phones",
    "text",
]

EXPECTED_ROWS = {
    "naf_rev2_sous_classes.csv": 732,
    "naf_rev2_niveaux.csv": 1728,
    "communes_76.csv": 756,
    "caux_seine_agglo_communes.csv": 50,
    "epci_76.csv": 19,
    "departements.csv": 109,
    "tranches_effectifs.csv": 16,
    "categories_juridiques_n3.csv": 260,
}


def test_a_checkout_reads_the_repository_folder() -> None:
    assert Path(__file__).resolve().parents[2] / "resources" == CHECKOUT_DIR == resources_root()
    assert reference_file("communes_76.csv").parent == CHECKOUT_DIR / "reference"


@pytest.mark.parametrize(("name", "rows"), sorted(EXPECTED_ROWS.items()))
def test_reference_files_are_complete(name: str, rows: int) -> None:
    with reference_file(name).open(encoding="utf-8", newline="") as handle:
        assert sum(1 for _ in csv.DictReader(handle)) == rows


def test_attribution_credits_the_sources() -> None:
    text = reference_file("ATTRIBUTION.md").read_text(encoding="utf-8")
    for needle in ("Licence Ouverte", "Etalab 2.0", "Source : INSEE, DGCL, La Poste", "2026"):
        assert needle in text
    assert "IGN — Admin Express COG 2018" in text  # the commune outlines of the map


def test_missing_file_is_an_environment_problem() -> None:
    with pytest.raises(EnvironmentProblem, match="manquant"):
        reference_file("absent.csv")


def test_sirene_fixtures_present() -> None:
    folder = Path(__file__).resolve().parents[1] / "data" / "sirene_sample"
    for name in ("StockEtablissement_utf8_sample.csv", "StockUniteLegale_utf8_sample.csv"):
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            assert "siren" in next(csv.reader(handle))


@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples(module: str) -> None:
    result = doctest.testmod(importlib.import_module(f"guichet.reference.{module}"))
    assert result.failed == 0


def test_no_qt_database_or_pdf_import() -> None:
    imports = "; ".join(f"import guichet.reference.{m}" for m in MODULES)
    code = (
        f"import sys; {imports}; "
        "bad = [m for m in ('PySide6', 'shiboken6', 'sqlalchemy', 'reportlab') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=CHECKOUT_DIR.parent,
    )
    assert out.stdout.strip() == ""
