"""Migration 0006 (company visits) on a database holding data, SQLite and PostgreSQL: the
inquiry channel « visit » is allowed after it, refused before it, and its rewrite of the channel
constraint keeps every inquiry and need (SQLite cannot alter a constraint in place; rebuilding
``inquiry`` with its foreign keys on would cascade its needs away)."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from guichet.db import Database
from tests.db.migration_steps import run_migration as _run
from tests.db.test_migrations import FIRST_REVISION_ROWS

VISIT_INQUIRY = (
    "INSERT INTO inquiry (id, reference, received_at, channel, organization_id, counsellor_id, "
    "status, consent_to_share, version) VALUES (2, 'D-2026-0002', '2026-11-03 10:00:00', "
    "'visit', 1, 1, 'new', false, 1)"
)


def _count(db: Database, table: str) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_visits_migration_keeps_data_down_and_up(empty_db: Database) -> None:
    db = empty_db
    _run(db, command.upgrade, "0001")
    with db.engine.begin() as conn:
        for statement in FIRST_REVISION_ROWS:
            conn.execute(text(statement))
    _run(db, command.upgrade, "0004")
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(text(VISIT_INQUIRY))  # not a channel yet

    _run(db, command.upgrade, "0006")
    assert {"visit", "visit_answer", "visit_partner", "questionnaire_version"} <= set(
        inspect(db.engine).get_table_names()
    )
    assert (_count(db, "inquiry"), _count(db, "need")) == (1, 1)  # nothing cascaded away
    with db.engine.begin() as conn:
        conn.execute(text(VISIT_INQUIRY))
        conn.execute(
            text(
                "INSERT INTO visit (id, organization_id, planned_at, status, version) "
                "VALUES (1, 1, '2026-11-03 10:00:00', 'done', 1)"
            )
        )
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(text("UPDATE inquiry SET channel = 'pigeon' WHERE id = 1"))

    _run(db, command.downgrade, "0004")
    assert "visit" not in inspect(db.engine).get_table_names()
    with db.engine.connect() as conn:
        channels = conn.execute(text("SELECT id, channel FROM inquiry ORDER BY id")).all()
    assert [tuple(row) for row in channels] == [(1, "desk"), (2, "meeting")]
    assert _count(db, "need") == 1

    _run(db, command.upgrade, "0006")
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE inquiry SET channel = 'visit' WHERE id = 2"))
    assert (_count(db, "inquiry"), _count(db, "need")) == (2, 1)
    if db.engine.dialect.name == "sqlite":  # the edited table definition reads back whole
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
