"""Running one Alembic step on a test database, inside one transaction."""

from __future__ import annotations

from guichet.db import Database
from guichet.db.migrate import alembic_config


def run_migration(db: Database, fn: object, target: str) -> None:
    """``fn`` is ``alembic.command.upgrade`` or ``downgrade``; ``target`` a revision."""
    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        fn(cfg, target)  # type: ignore[operator]
