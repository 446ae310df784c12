"""Schema migrations with Alembic, run at start-up after a copy of the database file.

Alembic itself is imported only when a migration has to run: at start-up the head revision is
read from the migration files and the current one from the ``alembic_version`` table, which is
all an up-to-date database needs (Alembic's import costs more than the window's first paint).
"""

from __future__ import annotations

import logging
import re
import sqlite3
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from guichet.db.database import Database

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


_REVISION = re.compile(r"^revision\s*=\s*[\"']([^\"']+)[\"']", re.M)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*(?:None|[\"']([^\"']*)[\"'])", re.M)


def alembic_config(db: Database) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


@cache
def _file_head() -> str:
    """The one revision no other revision names as its parent, read from the files."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision, parent = _REVISION.search(source), _DOWN_REVISION.search(source)
        if revision is None or parent is None:
            raise RuntimeError(f"Migration sans révision lisible : {path.name}")
        revisions.add(revision.group(1))
        if parent.group(1):
            parents.add(parent.group(1))
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(
            f"Les migrations doivent former une seule chaîne (têtes : {sorted(heads)})"
        )
    return heads.pop()


def head_revision(db: Database) -> str:
    return _file_head()


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


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
    from alembic import command

    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return backup
