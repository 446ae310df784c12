"""Opening a database: check what it is, migrate it (after a backup), seed the reference rows.

Only the app's first start, ``guichet demo`` and ``make run`` create a database
(``create=True``); everything else refuses a missing or empty one, so a mistyped ``--db`` never
leaves an empty database behind and ``check`` never reports the zeros of one.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError

from guichet.config import sqlite_path
from guichet.db import Database
from guichet.db.migrate import stamp_application_id, upgrade
from guichet.db.opening import CREATORS, create_sqlite_database, inspect_sqlite_file
from guichet.db.problems import environment_problem
from guichet.db.statistics import analyze, has_statistics
from guichet.errors import EnvironmentProblem, GuichetError
from guichet.search.hook import install_search_hook

log = logging.getLogger(__name__)


def attach(db: Database) -> Database:
    """Install the session hooks every session of the app needs (the search index)."""
    if install_search_hook not in db.session_hooks:
        db.session_hooks.append(install_search_hook)
    return db


def _missing(location: object, empty: bool) -> EnvironmentProblem:
    state = "est vide" if empty else "n'existe pas"
    return EnvironmentProblem(
        f"La base « {location} » {state} : rien n'a été créé. Vérifiez le chemin (option --db). "
        f"{CREATORS}"
    )


def _check_server(db: Database, *, create: bool) -> bool:
    """PostgreSQL: an empty database is created only on request; another program's refused.
    Returns whether the schema is to be created."""
    tables = set(inspect(db.engine).get_table_names())
    if not tables:
        if not create:
            raise _missing(db.engine.url.render_as_string(hide_password=True), empty=True)
        return True
    if "alembic_version" not in tables:
        raise EnvironmentProblem(
            "Cette base PostgreSQL contient les tables d'un autre programme, pas une base "
            "Guichet : elle n'a pas été modifiée."
        )
    return False


def open_database(
    url: str, *, backup_dir: Path | None = None, create: bool = False, migrate: bool = True
) -> Database:
    """A ready database at the head revision, with the seeded taxonomy and thesaurus.

    Args:
        create: make a new database when there is none (``db.created`` then says so).
        migrate: False opens the database as it is, for a check (no migration, no write).

    Raises:
        EnvironmentProblem: missing, foreign, newer, damaged, read-only, locked or full
            database; the file is left as it was.
    """
    from guichet.services.backups import MIGRATION_PREFIX, prune
    from guichet.services.seed import seed_reference
    from guichet.services.settings import SettingsService

    path = sqlite_path(url)
    created = False
    marked = True
    if path is not None:
        found = inspect_sqlite_file(path)
        marked = found.marked
        if not found.exists:
            if not create:
                raise _missing(path, empty=path.exists())
            create_sqlite_database(path)
            created = marked = True
    db = attach(Database(url))
    try:
        if path is None:
            created = _check_server(db, create=create)
        if not migrate:
            return db
        backup = upgrade(db, backup_dir)
        if not marked:  # a Guichet file from before application_id, already at the head
            with db.engine.begin() as conn:
                stamp_application_id(conn)
        with db.unit_of_work() as session:
            seed_reference(session)
        if backup is not None or not has_statistics(db):  # new indexes, or never analysed
            analyze(db)
        if backup is not None:
            prune(backup.parent, MIGRATION_PREFIX, int(SettingsService(db).get("backups.keep")))
    except GuichetError:
        db.dispose()
        raise
    except (DBAPIError, OSError) as exc:
        db.dispose()
        problem = environment_problem(exc)
        if problem is not None:
            raise problem from exc
        raise EnvironmentProblem(
            "Impossible d'ouvrir la base de données. Vérifiez que le fichier est accessible "
            "en écriture et qu'il s'agit bien d'une base Guichet.",
            detail=str(exc),
        ) from exc
    db.created = created
    return db
