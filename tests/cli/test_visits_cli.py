"""``guichet visites`` and ``guichet fiche-visite`` on the demo database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from guichet.cli import main
from guichet.db import Database


def _db_arg(db: Database) -> str:
    assert db.path is not None
    return str(db.path)


def test_visites_lists_the_demo_year(demo_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", _db_arg(demo_db), "visites", "--json"]) == 0
    visits = json.loads(capsys.readouterr().out)
    assert len(visits) >= 25
    statuses = {v["statut"] for v in visits}
    assert statuses == {"Prévue", "Faite", "Annulée"}
    assert sum(1 for v in visits if v["signaux"]) >= 3
    assert main(["--db", _db_arg(demo_db), "visites", "--a-venir", "--json"]) == 0
    upcoming = json.loads(capsys.readouterr().out)
    assert upcoming and {v["statut"] for v in upcoming} == {"Prévue"}
    assert [v["date"] for v in upcoming] == sorted(v["date"] for v in upcoming)
    assert main(["--db", _db_arg(demo_db), "visites", "--a-venir"]) == 0
    assert "visite(s) :" in capsys.readouterr().out


def test_fiche_visite_writes_a_one_page_pdf(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", _db_arg(demo_db), "visites", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)[0]
    target = tmp_path / "fiche.pdf"
    assert (
        main(["--db", _db_arg(demo_db), "fiche-visite", str(first["id"]), "-o", str(target)]) == 0
    )
    reader = PdfReader(str(target))
    assert len(reader.pages) == 1
    assert "Questions à poser" in reader.pages[0].extract_text()
    assert main(["--db", _db_arg(demo_db), "fiche-visite", "99999", "-o", str(target)]) == 2
    assert "n'existe pas" in capsys.readouterr().err
