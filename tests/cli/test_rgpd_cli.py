"""``guichet rgpd purge|export|effacer`` from a terminal."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from guichet.cli import main
from guichet.db import Database
from guichet.models import Contact, Organization
from tests.services.rgpd_setup import EMAIL, LAST, build_person, found_in_rows


def test_export_then_erase_a_person(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person = build_person(db)
    target = tmp_path / "personne.zip"
    assert main(["--db", str(db.path), "rgpd", "export", EMAIL, "-o", str(target)]) == 0
    assert "journalisé" in capsys.readouterr().out
    with zipfile.ZipFile(target) as archive:
        assert json.loads(archive.read("donnees.json"))["personne"]["nom"] == LAST
    assert main(["--db", str(db.path), "rgpd", "effacer", str(person.contact_id)]) == 0
    assert "anonymisé partout" in capsys.readouterr().out
    assert found_in_rows(db) == []
    assert main(["--db", str(db.path), "rgpd", "effacer", "Inconnu Personne"]) != 0
    assert "Aucun contact" in capsys.readouterr().err


def test_purge_dry_run_then_purge(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.unit_of_work() as s:
        org = Organization(legal_name="Atelier ancien")
        s.add(org)
        s.flush()
        old = Contact(organization_id=org.id, last_name="Oubliée", created_at=datetime(2015, 1, 1))
        s.add(old)
        s.flush()
        old_id = old.id
    args = ["--db", str(db.path), "rgpd", "purge"]
    assert main([*args, "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["contacts"] == [old_id] and out["dry_run"] is True
    assert main([*args, "--dry-run"]) == 0
    assert "1 contact(s) à anonymiser" in capsys.readouterr().out
    assert main([*args, "--avant", "2014-01-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["contacts"] == []
    assert main(args) == 0
    assert "1 contact(s) anonymisé(s)" in capsys.readouterr().out
    with db.unit_of_work(write=False) as s:
        assert s.get(Contact, old_id).last_name == "Anonymisé"  # type: ignore[union-attr]
    with pytest.raises(SystemExit):
        main([*args, "--avant", "05/12/2026"])
    assert "AAAA-MM-JJ" in capsys.readouterr().err
