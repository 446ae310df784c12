"""Backups: consistent while another connection writes, restored exactly, checked first."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from guichet.config import AppPaths
from guichet.db import Database
from guichet.errors import ValidationError
from guichet.services.backups import BackupService, inspect_backup
from guichet.services.settings import SettingsService


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_restore_brings_back_a_backup_exactly(
    demo_db: Database, paths: AppPaths, tmp_path: Path
) -> None:
    service = BackupService(demo_db, paths.backup_dir)
    backup = service.backup_to(tmp_path / "sauvegarde.sqlite3")
    expected = dump(backup)
    with demo_db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM referral_event")
        conn.exec_driver_sql("UPDATE organization SET legal_name = 'modifié'")
    saved = service.restore(backup)
    assert dump(demo_db.path) == expected  # type: ignore[arg-type]
    assert saved.parent == paths.backup_dir and "modifié" in "\n".join(dump(saved))
    with demo_db.engine.connect() as conn:  # the live engine works on the restored data
        assert (
            conn.exec_driver_sql(
                "SELECT count(*) FROM organization WHERE legal_name = 'modifié'"
            ).scalar()
            == 0
        )


def test_backup_while_another_connection_writes_is_consistent(
    db: Database, paths: AppPaths, tmp_path: Path
) -> None:
    stop = threading.Event()
    written = {"n": 0}

    def writer() -> None:
        conn = sqlite3.connect(db.path, timeout=10)  # type: ignore[arg-type]
        conn.execute("PRAGMA journal_mode=WAL")
        while not stop.is_set():
            with conn:
                conn.execute(
                    "INSERT INTO organization (kind, legal_name, do_not_refer, version) VALUES ('company', ?, 0, 1)",
                    (f"Entreprise {written['n']}",),
                )
            written["n"] += 1
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while written["n"] < 50:
            time.sleep(0.005)
        targets = [
            BackupService(db, paths.backup_dir).backup_to(tmp_path / f"b{i}.sqlite3")
            for i in range(3)
        ]
    finally:
        stop.set()
        thread.join()
    for target in targets:
        conn = sqlite3.connect(target)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        count = conn.execute("SELECT count(*) FROM organization").fetchone()[0]
        names = conn.execute("SELECT count(DISTINCT legal_name) FROM organization").fetchone()[0]
        conn.close()
        assert 0 < count <= written["n"] and names == count


def test_rolling_backups_keep_the_last_n(db: Database, paths: AppPaths) -> None:
    SettingsService(db).update({"backups.keep": 3})
    service = BackupService(db, paths.backup_dir)
    made = []
    for n in range(5):  # a backup at each close where something was written
        SettingsService(db).update({"agency.city": f"Ville {n}"})
        made.append(service.rolling_backup())
    assert all(made)
    kept = sorted(p.name for p in paths.backup_dir.glob("auto-*.sqlite3"))
    assert kept == sorted(p.name for p in made[-3:] if p is not None)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"ceci n'est pas une base", "pas une base de données SQLite"),
        (b"", "pas une base Guichet"),
    ],
)
def test_restore_refuses_what_is_not_a_sound_guichet_database(
    db: Database, paths: AppPaths, tmp_path: Path, content: bytes, message: str
) -> None:
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(content)
    before = dump(db.path)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=message):
        BackupService(db, paths.backup_dir).restore(bogus)
    assert dump(db.path) == before  # type: ignore[arg-type]


def test_restore_refuses_a_newer_schema_and_a_damaged_file(db: Database, tmp_path: Path) -> None:
    newer = BackupService(db, tmp_path).backup_to(tmp_path / "newer.sqlite3")
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(ValidationError, match="plus récente"):
        inspect_backup(newer, db)
    damaged = BackupService(db, tmp_path).backup_to(tmp_path / "damaged.sqlite3")
    data = bytearray(damaged.read_bytes())
    data[4096 * 3 : 4096 * 3 + 200] = b"\xff" * 200
    damaged.write_bytes(bytes(data))
    with pytest.raises(ValidationError):
        inspect_backup(damaged, db)


def test_a_backup_over_a_backup_on_a_full_disk_keeps_the_old_one(
    demo_db: Database, paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from guichet.db import migrate
    from guichet.errors import EnvironmentProblem

    service = BackupService(demo_db, paths.backup_dir)
    target = service.backup_to(tmp_path / "sauvegarde.sqlite3")
    before = target.read_bytes()
    real_copy = migrate._online_copy

    def full_disk(source: Path, temporary: Path) -> None:
        real_copy(source, temporary)  # half written, then the disk is full
        with temporary.open("r+b") as handle:
            handle.truncate(4096)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(migrate, "_online_copy", full_disk)
    with pytest.raises(EnvironmentProblem) as refused:
        service.backup_to(target)
    assert "le disque est plein" in refused.value.message
    assert "Aucun fichier incomplet" in refused.value.message
    assert target.read_bytes() == before  # the previous backup, whole
    assert sorted(p.name for p in tmp_path.iterdir() if "sauvegarde" in p.name) == [
        "sauvegarde.courriers.db",  # the letter archive of the previous backup
        "sauvegarde.sqlite3",
    ]
