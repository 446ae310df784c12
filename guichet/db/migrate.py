"""Schema migrations with Alembic, run at start-up after a copy of the database file.

Alembic itself is imported only when a migration has to run: at start-up the head revision is
read from the migration files and the current one from the ``alembic_version`` table, which is
all an up-to-date database needs (Alembic's import costs more than the window's first paint).
"""

from __future__ import annotations

import logging
import os
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from guichet.assets import migrations_dir
from guichet.db import cipher
from guichet.db.atomic_files import replace_file, temporary_beside
from guichet.db.database import Database
from guichet.errors import EnvironmentProblem
from guichet.reference.file_names import with_folder

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = migrations_dir()
#: ``PRAGMA application_id`` of every Guichet SQLite file ("GUIC"): another program's SQLite
#: file is never taken for a Guichet database.
APPLICATION_ID = 0x47554943


_REVISION = re.compile(r"^revision\s*=\s*[\"']([^\"']+)[\"']", re.M)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*(?:None|[\"']([^\"']*)[\"'])", re.M)


def alembic_config(db: Database) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


@cache
def file_revisions() -> frozenset[str]:
    """Every revision this version of Guichet knows, read from the files."""
    found = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        match = _REVISION.search(path.read_text(encoding="utf-8"))
        if match:
            found.add(match.group(1))
    return frozenset(found)


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


def refuse_newer_schema(revision: str | None) -> None:
    """A database migrated by a newer Guichet is never touched by this one."""
    if revision is not None and revision not in file_revisions():
        raise EnvironmentProblem(
            f"Cette base a été créée ou mise à jour par une version plus récente de Guichet "
            f"(schéma « {revision} », cette version s'arrête à « {_file_head()} »). Mettez "
            "Guichet à jour pour l'ouvrir ; la base n'a pas été modifiée."
        )


def _online_copy(source: Path, target: Path) -> None:
    # An encrypted database's copy is encrypted with the same key (same connection type).
    # A backup restored into an encrypted database opens with that database's key.
    key = cipher.passphrase_for(source) or cipher.passphrase_for(target)
    src = cipher.connect(source, passphrase=key if cipher.is_encrypted(source) else None)
    try:
        dst = cipher.connect(target, passphrase=key)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def remove_leftovers(target: Path, kind: str) -> None:
    """Temporary files beside ``target`` left by a process that was killed (it is gone)."""
    for leftover in target.parent.glob(f".{target.name}.{kind}-*.tmp*"):
        pid = leftover.name.split(f".{kind}-")[1].split(".")[0]
        try:
            os.kill(int(pid), 0)
            continue  # that process is still at work
        except (ValueError, ProcessLookupError):
            pass
        except PermissionError:
            continue
        leftover.unlink(missing_ok=True)


def backup_sqlite(source: Path, target: Path, *, in_place: bool = False) -> Path:
    """A consistent copy through SQLite's online backup (safe while another process writes).

    The copy is written to a temporary file beside ``target``, flushed to disk, then renamed
    over it: at any instant ``target`` is the previous file or the complete new copy, never a
    partial one; the temporary file is removed on failure (full disk…). ``in_place`` copies
    into ``target`` itself, a live database (a restore): SQLite's own journal makes that copy
    all or nothing, and a rename would strand the live database's WAL.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    if in_place:
        _online_copy(source, target)
        return target
    remove_leftovers(target, "copie")
    temporary = temporary_beside(target, "copie")
    try:
        _online_copy(source, temporary)
        conn = cipher.connect(temporary, passphrase=cipher.passphrase_for(source))
        try:
            conn.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        finally:
            conn.close()
        replace_file(temporary, target)
    except BaseException:
        for suffix in ("", "-journal", "-wal", "-shm"):
            temporary.with_name(temporary.name + suffix).unlink(missing_ok=True)
        raise
    return target


def upgrade(db: Database, backup_dir: Path | None = None) -> Path | None:
    """Brings the schema to the head revision; returns the backup made first, if any.

    A SQLite file that already holds tables is copied to ``backup_dir`` before any change.
    """
    refuse_newer_schema(current_revision(db))  # before any copy or change
    if not needs_upgrade(db):
        return None
    backup: Path | None = None
    path = db.path
    if path is not None and path.exists() and inspect(db.engine).get_table_names():
        folder = backup_dir or path.parent / "sauvegardes"
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = backup_sqlite(
            path, Path(with_folder(folder, f"avant-migration-{stamp}-{path.name}"))
        )
        log.info("Sauvegarde avant migration : %s", backup)
    from alembic import command

    cfg = alembic_config(db)
    # One transaction for every revision (DDL included, see guichet.db.database): a crash at
    # any instant leaves the database at its old revision with its data, or at the head. It
    # holds the write lock: a second desk starting at the same time waits, then finds the head.
    with db.write_transaction() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        stamp_application_id(conn)
    return backup


def stamp_application_id(conn: Connection) -> None:
    """Mark a SQLite file as Guichet's (``PRAGMA application_id``), inside the caller's
    transaction."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
