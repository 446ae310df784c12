"""Migration 0007 (meetings) on a database holding data: up, down and up again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

import guichet.models as m
from guichet.db import Database
from tests.db.migration_steps import run_migration as _run
from tests.db.test_migrations import FIRST_REVISION_ROWS
from tests.postgres import fresh_database

MEETING_TABLES = {
    "meeting",
    "meeting_subject",
    "meeting_partner",
    "meeting_speaker",
    "invitation",
    "registration",
}


@pytest.fixture(params=["sqlite", "postgresql"])
def old_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A database at 0004 holding an organisation, a contact, an inquiry and its need."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'data.sqlite3'}"
    else:
        url = fresh_database(request.getfixturevalue("postgres_server"))
    db = Database(url)
    _run(db, command.upgrade, "0004")
    with db.engine.begin() as conn:
        for statement in FIRST_REVISION_ROWS:
            conn.execute(text(statement))
        conn.execute(
            text(
                "INSERT INTO contact (id, organization_id, first_name, last_name, version)"
                " VALUES (1, 1, 'Pierre', 'André', 1)"
            )
        )
    yield db
    db.dispose()


def _inquiry_rows(db: Database) -> list[tuple[object, ...]]:
    with db.engine.connect() as conn:
        return [
            tuple(row)
            for row in conn.execute(
                text(
                    "SELECT i.reference, n.description FROM inquiry i JOIN need n"
                    " ON n.inquiry_id = i.id ORDER BY i.id"
                )
            )
        ]


def test_0007_adds_meetings_and_keeps_the_data_down_and_up(old_db: Database) -> None:
    db = old_db
    _run(db, command.upgrade, "head")  # 0007 and after: the live models
    tables = set(inspect(db.engine).get_table_names())
    assert tables >= MEETING_TABLES
    with db.unit_of_work() as s:
        contact = s.get(m.Contact, 1)
        organization = s.get(m.Organization, 1)
        assert contact is not None and contact.opposed_on is None
        assert organization is not None and organization.do_not_contact is False
        assert contact.organization_id == 1
    # A meeting, a registration and an inquiry that came from it.
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO meeting (id, title, kind, start_at, end_at, status, version) VALUES"
                " (1, 'Hydrogène', 'information', '2026-12-10 09:00:00', '2026-12-10 11:00:00',"
                " 'planned', 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO registration (meeting_id, contact_id, status, registered_at, walk_in,"
                " version) VALUES (1, 1, 'registered', '2026-12-01 10:00:00', false, 1)"
            )
        )
        conn.execute(text("UPDATE inquiry SET meeting_id = 1 WHERE id = 1"))
    with db.engine.connect() as conn:  # SQL: the model has columns of later revisions
        assert conn.execute(text("SELECT meeting_id FROM inquiry WHERE id = 1")).scalar_one() == 1
    with db.engine.begin() as conn:  # deleting the meeting keeps the inquiry
        conn.execute(text("DELETE FROM meeting WHERE id = 1"))
        assert conn.execute(text("SELECT meeting_id FROM inquiry")).scalar_one() is None
        assert conn.execute(text("SELECT count(*) FROM registration")).scalar_one() == 0

    _run(db, command.downgrade, "0004")
    assert not (set(inspect(db.engine).get_table_names()) & MEETING_TABLES)
    columns = {c["name"] for c in inspect(db.engine).get_columns("inquiry")}
    assert "meeting_id" not in columns
    assert _inquiry_rows(db) == [("D-2026-0001", "Financer un tour CN")]
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT last_name FROM contact")).scalar_one() == "André"

    _run(db, command.upgrade, "head")  # 0007 and after: the live models
    assert _inquiry_rows(db) == [("D-2026-0001", "Financer un tour CN")]
    with db.unit_of_work() as s:
        contact = s.get(m.Contact, 1)
        assert contact is not None
        contact.last_name = "Andrée"  # the search triggers on contact still fire
