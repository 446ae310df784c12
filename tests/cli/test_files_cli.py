"""guichet import / export / backup / restore / sirene from a terminal."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from guichet.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sirene_sample"


def test_export_import_backup_restore_round(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], migrated_template: Path
) -> None:
    source = tmp_path / "source.sqlite3"
    assert main(["--db", str(source), "demo"]) == 0
    exported = tmp_path / "annuaire.csv"
    assert main(["--db", str(source), "export", "organisations", "-o", str(exported)]) == 0
    assert "ligne(s) exportée(s)" in capsys.readouterr().out
    for kind, name in (
        ("contacts", "c.vcf"),
        ("demandes", "d.xlsx"),
        ("mises-en-relation", "m.csv"),
    ):
        assert main(["--db", str(source), "export", kind, "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / "c.vcf").read_bytes().startswith(b"BEGIN:VCARD\r\nVERSION:4.0")
    assert main(["--db", str(source), "export", "demandes", "-o", str(tmp_path / "d.vcf")]) == 2
    assert "vCard" in capsys.readouterr().err

    target = tmp_path / "cible.sqlite3"
    shutil.copyfile(migrated_template, target)  # an import never creates the database
    assert main(["--db", str(target), "import", "organisations", str(exported), "--dry-run"]) == 0
    assert "rien n'a été enregistré" in capsys.readouterr().out
    report = tmp_path / "rapport.csv"
    assert (
        main(
            [
                "--db",
                str(target),
                "import",
                "organisations",
                str(exported),
                "--rapport",
                str(report),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "ont été créée(s)" in out and report.exists()

    backup = tmp_path / "sauvegarde.sqlite3"
    assert main(["--db", str(target), "backup", str(backup)]) == 0
    with sqlite3.connect(target) as conn:
        conn.execute("DELETE FROM audit_entry")
    assert main(["--db", str(target), "restore", str(backup)]) == 0
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM audit_entry").fetchone()[0] > 0


def test_import_sirene_and_look_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], migrated_template: Path
) -> None:
    db = tmp_path / "s.sqlite3"
    shutil.copyfile(migrated_template, db)
    stock = SAMPLE / "StockEtablissement_utf8_sample.csv"
    units = SAMPLE / "StockUniteLegale_utf8_sample.csv"
    args = ["--db", str(db), "import", "sirene", str(stock), "--departement", "80"]
    assert main([*args, "--unites-legales", str(units)]) == 0
    assert "7 enregistrés" in capsys.readouterr().out
    assert main(["--db", str(db), "sirene", "chercher", "005 420 120 00015"]) == 0
    assert "SUCRERIES" in capsys.readouterr().out
    assert main(["--db", str(db), "sirene", "chercher", "zzz inconnu"]) == 1
    assert main(["--db", str(db), "import", "sirene", str(stock), "--territoire"]) == 0
    assert main(["--db", str(db), "import", "organisations", str(tmp_path / "absent.csv")]) == 2
    assert "Impossible de lire" in capsys.readouterr().err
