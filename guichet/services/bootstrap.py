"""Opening a database: migrate it (after a backup) and make sure the reference rows exist."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy.exc import DatabaseError

from guichet.db import Database
from guichet.db.migrate import upgrade
from guichet.errors import EnvironmentProblem
from guichet.search.hook import install_search_hook

log = logging.getLogger(__name__)


def attach(db: Database) -> Database:
    """Install the session hooks every session of the app needs (the search index)."""
    if install_search_hook not in db.session_hooks:
        db.session_hooks.append(install_search_hook)
    return db


def open_database(url: str, *, backup_dir: Path | None = None) -> Database:
    """A ready database at the head revision, with the seeded taxonomy and thesaurus."""
    from guichet.services.seed import seed_reference

    db = attach(Database(url))
    try:
        upgrade(db, backup_dir)
        with db.unit_of_work() as session:
            seed_reference(session)
    except DatabaseError as exc:
        db.dispose()
        raise EnvironmentProblem(
            "Impossible d'ouvrir la base de données. Vérifiez que le fichier est accessible "
            "en écriture et qu'il s'agit bien d'une base Guichet.",
            detail=str(exc),
        ) from exc
    return db
