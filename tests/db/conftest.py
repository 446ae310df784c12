"""Fixtures of the database tests: an empty database on each engine, for the migrations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from guichet.db import Database
from tests.postgres import fresh_database


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty database, with no table yet, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'data.sqlite3'}"
    else:
        url = fresh_database(request.getfixturevalue("postgres_server"))
    db = Database(url)
    yield db
    db.dispose()
