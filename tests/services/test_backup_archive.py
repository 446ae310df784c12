"""Backups with the letter archive: the close-time backup is skipped when nothing was written
and copies only new PDFs; restores bring the PDFs back; PostgreSQL is backed up as the same
SQLite files and restored from them."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from guichet.config import AppPaths
from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import Organization
from guichet.services.backup_archive import SHARED_ARCHIVE, stored_keys
from guichet.services.backups import BackupService
from guichet.services.bootstrap import open_database
from guichet.services.copying import checks, copy_into
from guichet.services.letter_archive import archive_path
from guichet.services.letters import LetterService
from tests.postgres import fresh_database
from tests.services.test_copying import with_letters


def rename_first(db: Database, name: str) -> None:
    with db.unit_of_work() as s:
        first = s.scalars(select(Organization).order_by(Organization.id)).first()
        assert first is not None
        first.legal_name = name


def first_name(db: Database) -> str:
    with db.unit_of_work(write=False) as s:
        return s.scalars(select(Organization.legal_name).order_by(Organization.id)).first() or ""


def test_the_close_time_backup_is_skipped_when_nothing_was_written(
    demo_db: Database, paths: AppPaths
) -> None:
    service = BackupService(demo_db, paths.backup_dir)
    assert service.rolling_backup() is None  # opened, looked at, closed: nothing to save
    rename_first(demo_db, "Tôlerie Renommée")
    assert service.rolling_backup() is not None
    assert service.rolling_backup() is None
    with demo_db.unit_of_work(write=False) as s:  # a read is not a write
        s.scalars(select(Organization)).all()
    assert service.rolling_backup() is None


def test_automatic_backups_share_one_archive_that_only_gets_the_new_pdfs(
    demo_db: Database, paths: AppPaths
) -> None:
    service = BackupService(demo_db, paths.backup_dir)
    first = with_letters(demo_db, 2)
    one = service.rolling_backup()
    shared = paths.backup_dir / SHARED_ARCHIVE
    keys_one = stored_keys(shared)
    assert one is not None and len(keys_one) == len(first) == 4
    assert b"%PDF" not in one.read_bytes()  # the PDFs are not in the database's copy
    with_letters(demo_db, 3)  # the third referral's pair is new; the first two are redrafted
    two = service.rolling_backup()
    assert two is not None
    keys_two = stored_keys(shared)
    assert keys_one < keys_two  # the first backup's PDFs are kept for it
    # Restoring the first backup brings its letters' PDFs back, even into a lost archive.
    engine_file = archive_path(demo_db.path)  # type: ignore[arg-type]
    demo_db.dispose()
    engine_file.unlink()
    restored = open_database(demo_db.url)
    restored.counsellor_id = demo_db.counsellor_id  # the demo's administratrice restores
    try:
        BackupService(restored, paths.backup_dir).restore(one)
        for letter_id in first:
            assert LetterService(restored).pdf(letter_id).startswith(b"%PDF")
    finally:
        restored.dispose()


def test_a_manual_backup_carries_its_archive_and_is_refused_without_it(
    demo_db: Database, paths: AppPaths, tmp_path: Path
) -> None:
    letters = with_letters(demo_db, 1)
    pdfs = [LetterService(demo_db).pdf(i) for i in letters]
    service = BackupService(demo_db, paths.backup_dir)
    backup = service.backup_to(tmp_path / "copie" / "sauvegarde.sqlite3")
    beside = tmp_path / "copie" / "sauvegarde.courriers.db"
    assert len(stored_keys(beside)) == 2
    moved = tmp_path / "ailleurs.sqlite3"
    shutil.copyfile(backup, moved)  # the database file alone, without its archive
    other = open_database(f"sqlite:///{tmp_path / 'autre.sqlite3'}", create=True)
    try:
        with pytest.raises(ValidationError, match=r"2 courrier.*ailleurs\.courriers\.db"):
            BackupService(other, paths.backup_dir).restore(moved)
        BackupService(other, paths.backup_dir).restore(backup)  # with it: the PDFs come too
        assert [LetterService(other).pdf(i) for i in letters] == pdfs
    finally:
        other.dispose()


@pytest.fixture
def server(
    demo_db: Database, request: pytest.FixtureRequest, paths: AppPaths
) -> Iterator[Database]:
    """The demo data, with letters, on a PostgreSQL database."""
    with_letters(demo_db, 2)
    db = open_database(fresh_database(request.getfixturevalue("postgres_server")), create=True)
    copy_into(demo_db, db)
    db.counsellor_id = demo_db.counsellor_id  # the demo's administratrice, copied with its id
    yield db
    db.dispose()


def test_a_postgresql_backup_is_a_desk_file_openable_offline_and_restores_into_the_server(
    server: Database, paths: AppPaths, tmp_path: Path
) -> None:
    state = checks(server)
    service = BackupService(server, paths.backup_dir)
    backup = service.backup_to(tmp_path / "serveur.sqlite3")
    assert archive_path(backup).exists()
    offline = open_database(f"sqlite:///{backup}")  # a desk opens it like its own file
    try:
        assert checks(offline) == state
    finally:
        offline.dispose()
    rename_first(server, "Renommée après la sauvegarde")
    with server.unit_of_work() as s:
        s.add(Organization(legal_name="Créée après la sauvegarde"))
    saved = service.restore(backup)
    assert checks(server) == state
    assert first_name(server) != "Renommée après la sauvegarde"
    before = open_database(f"sqlite:///{saved}")  # the state before the restore is kept
    try:
        assert first_name(before) == "Renommée après la sauvegarde"
    finally:
        before.dispose()
    with server.unit_of_work() as s:  # ids go on after the restored ones
        s.add(Organization(legal_name="Après la restauration"))


def test_postgresql_gets_one_automatic_backup_a_day_and_keeps_the_last_n(
    server: Database, paths: AppPaths
) -> None:
    service = BackupService(server, paths.backup_dir)
    made = service.rolling_backup()
    assert made is not None and made.name.startswith("auto-") and archive_path(made).exists()
    assert service.rolling_backup() is None  # the same day
    assert [p.name for p in service.backups()] == [made.name]


def test_the_close_time_backup_sweeps_pdfs_no_letter_names(
    demo_db: Database, paths: AppPaths
) -> None:
    from guichet.services import letter_archive

    kept = with_letters(demo_db, 1)
    with demo_db.unit_of_work() as s:  # a PDF written by a send that was then killed
        orphan = letter_archive.store(demo_db, s, b"%PDF-1.4 jamais nomme")
    rename_first(demo_db, "Écrit avant la fermeture")
    BackupService(demo_db, paths.backup_dir).rolling_backup()
    engine = letter_archive.archive_engine(demo_db)
    assert engine is not None
    with engine.connect() as conn:
        stored = set(conn.execute(select(letter_archive.letter_pdf.c.sha256)).scalars())
    assert orphan not in stored and len(stored) == len(kept)
    assert letter_archive.archive_problem(demo_db) is None


def test_the_close_time_backup_is_the_live_database_exactly(
    demo_db: Database, paths: AppPaths
) -> None:
    from tests.services.test_backups import dump

    rename_first(demo_db, "Écrite juste avant la fermeture")  # still in the WAL
    folder = paths.backup_dir / "pas-encore-cree"
    made = BackupService(demo_db, folder).rolling_backup()
    assert made is not None
    assert not made.with_name(made.name + "-wal").exists()  # one self-contained file
    assert dump(made) == dump(demo_db.path)  # type: ignore[arg-type]
    with sqlite3.connect(made) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
