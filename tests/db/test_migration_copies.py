"""The « avant-migration » copies: one per migration, pruned like the other backups."""

from __future__ import annotations

from pathlib import Path

from alembic import command

from guichet.db import Database
from guichet.db.migrate import alembic_config, current_revision, head_revision
from guichet.services.bootstrap import open_database
from guichet.services.settings import SettingsService
from tests.db.test_migrations import FIRST_REVISION_ROWS


def database_at(path: Path, revision: str) -> None:
    """A SQLite file at ``revision`` holding the rows of the first revision."""
    db = Database(f"sqlite:///{path}")
    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        for statement in FIRST_REVISION_ROWS:
            conn.exec_driver_sql(statement)
    db.dispose()


def test_migration_copies_are_pruned_to_the_setting(tmp_path: Path) -> None:
    path = tmp_path / "ancienne.sqlite3"
    database_at(path, "0002")
    backups = tmp_path / "sauvegardes"
    backups.mkdir()
    for day in range(1, 13):
        (backups / f"avant-migration-202001{day:02d}-000000-ancienne.sqlite3").write_bytes(b"x")
    (backups / "auto-20200101-000000-000000-ancienne.sqlite3").write_bytes(b"x")
    db = open_database(f"sqlite:///{path}", backup_dir=backups)
    assert current_revision(db) == head_revision(db)
    keep = int(SettingsService(db).get("backups.keep"))
    db.dispose()
    copies = sorted(p.name for p in backups.glob("avant-migration-*"))
    assert len(copies) == keep
    assert not copies[-1].startswith("avant-migration-2020")  # the new copy is kept
    assert (backups / "auto-20200101-000000-000000-ancienne.sqlite3").exists()  # other kind
