"""Which file is behind ``--db``, before anything writes to it; and creating a new database.

:func:`inspect_sqlite_file` reads a SQLite file read-only (it never creates nor changes it) and
refuses, with a French message, what Guichet must not open: a folder, a path under a regular
file, an unreadable or read-only file, a file that is not SQLite or is damaged, another
program's SQLite file, a schema newer than this version. :func:`create_sqlite_database` builds
a new database in a temporary file beside the target and renames it into place, so a crash
while creating leaves no file at all rather than half a schema.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from guichet.db import cipher
from guichet.db.atomic_files import replace_file, temporary_beside
from guichet.db.database import Database
from guichet.db.migrate import (
    APPLICATION_ID,
    refuse_newer_schema,
    remove_leftovers,
    upgrade,
)
from guichet.db.network import refuse_network_location
from guichet.db.problems import DAMAGED, problem_message
from guichet.errors import EnvironmentProblem

log = logging.getLogger(__name__)

#: Tables an unmarked file (made before ``application_id``) must hold to be a Guichet database.
GUICHET_TABLES = frozenset({"alembic_version", "organization", "inquiry"})
CREATORS = (
    "Une nouvelle base n'est créée que par le premier lancement de l'application, par "
    "« guichet demo » ou par « make run »."
)


@dataclass(frozen=True)
class SqliteFile:
    """What :func:`inspect_sqlite_file` found.

    Attributes:
        exists: the file exists with at least one table (else it is missing or empty: a new
            database may be created there).
        marked: it carries Guichet's ``application_id``.
        revision: its schema revision (None when empty).
    """

    path: Path
    exists: bool
    marked: bool = False
    revision: str | None = None


def _refuse(path: Path, why: str) -> EnvironmentProblem:
    return EnvironmentProblem(f"Impossible d'ouvrir la base « {path} » : {why}")


def _check_location(path: Path) -> None:
    refuse_network_location(path)
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise _refuse(path, f"« {parent} » est un fichier, pas un dossier.")
            break
    if path.is_dir():
        raise _refuse(path, "c'est un dossier, pas un fichier de base de données.")


def inspect_sqlite_file(path: Path) -> SqliteFile:
    """Look at the file without changing it; raise :class:`EnvironmentProblem` if Guichet
    must not open it."""
    _check_location(path)
    if not path.exists() or path.stat().st_size == 0:
        return SqliteFile(path, exists=False)
    if not os.access(path, os.R_OK):
        raise _refuse(path, "le fichier n'est pas lisible (droits insuffisants).")
    # SQLite needs to write beside the file too (its journal): a read-only folder is refused.
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise _refuse(
            path,
            "le fichier ou son dossier est en lecture seule. Vérifiez les droits d'écriture.",
        )
    try:
        conn = cipher.connect(path, readonly=True)
    except sqlite3.Error as exc:
        raise _refuse(path, f"le fichier est inaccessible ({exc}).") from exc
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    except cipher.database_errors() as exc:
        text = str(exc)
        if "not a database" in text:
            raise _refuse(path, "ce n'est pas une base de données SQLite.") from exc
        message = problem_message(text) or DAMAGED.replace("{detail}", text)
        raise EnvironmentProblem(message, detail=text) from exc
    finally:
        conn.close()
    if application_id not in (0, APPLICATION_ID) or (
        application_id == 0 and tables and not tables >= GUICHET_TABLES
    ):
        raise _refuse(
            path,
            "c'est le fichier SQLite d'un autre programme, pas une base Guichet. Il n'a pas "
            "été modifié.",
        )
    if tables and revision is None:
        raise _refuse(
            path,
            "sa création a été interrompue (schéma incomplet). Restaurez une sauvegarde, ou "
            "supprimez ce fichier s'il ne contient rien.",
        )
    refuse_newer_schema(revision)
    return SqliteFile(
        path, exists=bool(tables), marked=application_id == APPLICATION_ID, revision=revision
    )


def create_sqlite_database(path: Path) -> None:
    """A new database at the head revision at ``path`` (missing or empty): built beside it
    in a temporary file, then renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(path, "nouvelle")
    temporary = temporary_beside(path, "nouvelle")
    passphrase = cipher.passphrase_for(path)  # created encrypted when a passphrase was given
    if passphrase is not None:
        cipher.remember(temporary, passphrase)
    try:
        db = Database(f"sqlite:///{temporary}")
        try:
            upgrade(db)
        finally:
            db.dispose()
        conn = cipher.connect(temporary)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")  # WAL folded in: one file to rename
        finally:
            conn.close()
        for stale in ("-wal", "-shm"):  # an empty file's journal must not meet the new one
            path.with_name(path.name + stale).unlink(missing_ok=True)
        replace_file(temporary, path)
    except BaseException:
        for suffix in ("", "-wal", "-shm", "-journal"):
            temporary.with_name(temporary.name + suffix).unlink(missing_ok=True)
        raise
    finally:
        cipher.forget(temporary)
    log.info("Nouvelle base créée : %s", path)
