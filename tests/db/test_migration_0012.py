"""Migration 0012 (PostgreSQL search index) on a database holding data, down and up."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, text

from guichet.db import Database
from guichet.search import DirectorySearch
from guichet.services.bootstrap import attach
from tests.db.migration_steps import run_migration as _run

TABLES = {
    "organization_search",
    "search_term",
    "organization_search_pending",
    "capability_search_pending",
}


@pytest.fixture
def empty_db(empty_db: Database) -> Database:
    """The shared empty database (tests/db/conftest.py), with the search hooks attached."""
    return attach(empty_db)


def _names(db: Database, typed: str) -> list[str]:
    return [h.legal_name for h in DirectorySearch(db).search(typed)]


def test_0012_indexes_the_organizations_already_there_down_and_up(empty_db: Database) -> None:
    db = empty_db
    _run(db, command.upgrade, "0009")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO capability (id, name, synonyms) VALUES (900, 'Plasturgie', 'plastique')"
            )
        )
        conn.execute(
            text("INSERT INTO capability (id, parent_id, name) VALUES (901, 900, 'Moulage')")
        )
        conn.execute(
            text(
                "INSERT INTO organization (id, kind, legal_name, siret, city, do_not_refer, version) "
                "VALUES (1, 'member', 'Usinage Lefèbvre', '73282932000074', 'Bolbec', false, 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO organization (id, kind, legal_name, do_not_refer, version) "
                "VALUES (2, 'company', 'Moulages Picard', false, 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO organization_capability (organization_id, capability_id) VALUES (2, 901)"
            )
        )
    _run(db, command.upgrade, "0012")
    assert set(inspect(db.engine).get_table_names()) >= TABLES
    assert _names(db, "lefebvre bolbec") == ["Usinage Lefèbvre"]  # caught up at the search
    assert _names(db, "732 829 320 00074") == ["Usinage Lefèbvre"]
    assert _names(db, "plastique") == ["Moulages Picard"]
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM organization_search_pending")).scalar() == 0
    if db.dialect == "postgresql":
        _run(db, command.downgrade, "0009")
        assert not (TABLES & set(inspect(db.engine).get_table_names()))
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM organization")).scalar() == 2
        _run(db, command.upgrade, "0012")
        assert _names(db, "picard") == ["Moulages Picard"]
