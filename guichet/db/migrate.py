"""Schema migrations with Alembic, run at start-up after a copy of the database file."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from guichet.db.database import Database

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(db: Database) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def head_revision(db: Database) -> str:
    head = ScriptDirectory.from_config(alembic_config(db)).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def needs_upgrade(db: Database) -> bool:
    return current_revision(db) != head_revision(db)


def backup_sqlite(source: Path, target: Path) -> Path:
    """A consistent copy through SQLite's online backup (safe while another process writes)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def upgrade(db: Database, backup_dir: Path | None = None) -> Path | None:
    """Brings the schema to the head revision; returns the backup made first, if any.

    A SQLite file that already holds tables is copied to ``backup_dir`` before any change.
    """
    if not needs_upgrade(db):
        return None
    backup: Path | None = None
    path = db.path
    if path is not None and path.exists() and inspect(db.engine).get_table_names():
        folder = backup_dir or path.parent / "sauvegardes"
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = backup_sqlite(path, folder / f"avant-migration-{stamp}-{path.name}")
        log.info("Sauvegarde avant migration : %s", backup)
    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return backup
