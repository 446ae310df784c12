"""Migration 0017 (inquiry.offline_key, unique) on a database holding data, down and up, on
SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from guichet.db import Database
from guichet.db.migrate import current_revision, upgrade
from tests.db.migration_steps import run_migration as _run
from tests.db.test_migrations import FIRST_REVISION_ROWS


def _columns(db: Database) -> set[str]:
    return {c["name"] for c in inspect(db.engine).get_columns("inquiry")}


def test_offline_key_down_and_up_keeps_the_inquiries(empty_db: Database) -> None:
    db = empty_db
    _run(db, command.upgrade, "0009")
    with db.engine.begin() as conn:
        for statement in FIRST_REVISION_ROWS:
            conn.execute(text(statement))
    _run(db, command.upgrade, "0017")
    assert "offline_key" in _columns(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE inquiry SET offline_key = 'cle-1' WHERE id = 1"))
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO inquiry (id, reference, received_at, channel, status, "
                "consent_to_share, version, offline_key) VALUES (2, 'D-2026-0002', "
                "'2026-11-03 09:00:00', 'desk', 'new', false, 1, 'cle-1')"
            )
        )
    _run(db, command.downgrade, "0009")
    assert "offline_key" not in _columns(db)
    _run(db, command.upgrade, "0017")
    with db.engine.connect() as conn:
        rows = conn.execute(text("SELECT reference, offline_key FROM inquiry")).all()
    assert [tuple(r) for r in rows] == [("D-2026-0001", None)]
    upgrade(db)
    assert current_revision(db) == "0017"
