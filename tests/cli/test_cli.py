"""The command line: French help, version, check and demo on a database chosen with --db."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from guichet import __version__
from guichet.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"Guichet {__version__}"


def test_help_is_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("Utilisation : guichet")
    assert "affiche cette aide et quitte" in out
    assert "vérifie l'intégrité de la base" in out


def test_check_reports_schema_and_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], migrated_template: Path
) -> None:
    db_file = tmp_path / "cli.sqlite3"
    shutil.copyfile(migrated_template, db_file)
    assert main(["--db", str(db_file), "check", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True
    assert report["integrity"] == "ok"
    assert report["revision"] == report["head"]
    assert report["counts"]["organisations"] == 0


def test_demo_fills_an_empty_database_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_file = tmp_path / "demo.sqlite3"
    assert main(["--db", str(db_file), "demo"]) == 0
    assert "Données de démonstration créées" in capsys.readouterr().out
    assert main(["--db", str(db_file), "demo"]) == 1
    assert "déjà des données" in capsys.readouterr().out
    assert main(["--db", str(db_file), "check"]) == 0
    out = capsys.readouterr().out
    assert "Intégrité : ok" in out
    organisations = next(line for line in out.splitlines() if "organisations" in line)
    assert int(organisations.split()[-1]) >= 150


def test_an_unreadable_database_gives_a_french_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "pas-une-base.sqlite3"
    bogus.write_bytes(b"ceci n'est pas une base SQLite" * 100)
    assert main(["--db", str(bogus), "check"]) == 2
    assert "n'est pas une base de données SQLite" in capsys.readouterr().err
    assert bogus.read_bytes().startswith(b"ceci n'est pas")  # left untouched
