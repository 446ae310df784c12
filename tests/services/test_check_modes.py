"""`guichet check`: the quick daily check leaves the letter archive to `--complet`, which reads
the whole file; both on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from guichet.cli import main
from guichet.db import Database
from guichet.errors import EnvironmentProblem
from guichet.models import Letter, LetterKind
from guichet.services import letter_archive
from guichet.services.letter_archive import archive_path
from guichet.services.maintenance import check_database, ensure_sound
from tests.db.damage import damage_pages, damage_search_index, root_page


def _archive_a_letter(db: Database) -> None:
    with db.unit_of_work() as s:
        pdf = b"%PDF-1.4 " + bytes(range(256)) * 200  # 50 KB: several pages
        s.add(
            Letter(
                kind=LetterKind.TO_COMPANY,
                generated_at=datetime(2026, 11, 2, 9, 30),
                template_version="entreprise:test",
                file_name="D-2026-0001-1-entreprise.pdf",
                pdf_sha256=letter_archive.store(db, s, pdf),
            )
        )


def test_both_checks_pass_on_a_sound_database(portable_db: Database) -> None:
    _archive_a_letter(portable_db)
    quick, full = check_database(portable_db), check_database(portable_db, full=True)
    assert (quick.ok, quick.full, full.ok, full.full) == (True, False, True, True)
    assert quick.counts == full.counts
    assert quick.counts["courriers"] == 1
    ensure_sound(portable_db)


@pytest.fixture
def damaged_archive(tmp_path: Path, demo_template: Path) -> Path:
    """A demo file with one archived letter whose PDF table's root page (in the archive file) a
    failing disk garbled; the archive's index of keys is intact."""
    path = tmp_path / "base.sqlite3"
    shutil.copyfile(demo_template, path)
    db = Database(f"sqlite:///{path}")
    _archive_a_letter(db)
    for engine in (db.engine, letter_archive.archive_engine(db)):
        assert engine is not None
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    archive = archive_path(path)
    page = root_page(archive, "letter_pdf")
    damage_pages(archive, range(page, page + 1))
    return path


def test_the_quick_check_leaves_the_archive_to_the_full_one(damaged_archive: Path) -> None:
    db = Database(f"sqlite:///{damaged_archive}")
    try:
        quick = check_database(db)
        assert quick.integrity == "ok" and not quick.full
        ensure_sound(db)  # the desk's daily work is sound
        full = check_database(db, full=True)
        assert full.damaged and full.full and "Restaurez" in (full.advice or "")
    finally:
        db.dispose()


def test_the_quick_check_sees_damage_where_the_desk_works(damaged_archive: Path) -> None:
    damage_search_index(damaged_archive)
    db = Database(f"sqlite:///{damaged_archive}")
    try:
        assert check_database(db).damaged
        with pytest.raises(EnvironmentProblem, match="abîmée"):
            ensure_sound(db)
    finally:
        db.dispose()


def test_the_command_says_which_check_it_ran(
    damaged_archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(damaged_archive), "check", "--json"]) == 0
    quick = json.loads(capsys.readouterr().out)
    assert quick["integrity"] == "ok" and quick["full"] is False
    assert main(["--db", str(damaged_archive), "check", "--complet"]) == 1
    out = capsys.readouterr().out
    assert "vérification complète" in out and "La base est abîmée" in out
