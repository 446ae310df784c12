"""Every directory search test runs on SQLite and on PostgreSQL, with the same expectations.

``db`` and ``demo_db`` are overridden here by their two-engine versions (``portable_db`` of
``tests/conftest.py``; the PostgreSQL demo data is generated once per run and copied by
``CREATE DATABASE … TEMPLATE`` for each test).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from guichet.db import Database
from tests.conftest import DEMO_NOW


@pytest.fixture
def db(portable_db: Database) -> Database:
    """An empty database at the head revision, seeded, on each engine."""
    return portable_db


@pytest.fixture(scope="session")
def postgres_demo_template(postgres_server: str) -> str:
    from guichet.services.bootstrap import open_database
    from guichet.services.demo import generate_demo
    from tests.postgres import fresh_database

    url = fresh_database(postgres_server)
    database = open_database(url, create=True)
    generate_demo(database, now=DEMO_NOW)
    database.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def demo_db(
    request: pytest.FixtureRequest, tmp_path: Path, demo_template: Path
) -> Iterator[Database]:
    """The demo data set on each engine."""
    from guichet.services.bootstrap import attach

    if request.param == "sqlite":
        shutil.copyfile(demo_template, tmp_path / "demo.sqlite3")
        url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    else:
        from tests.postgres import fresh_database

        template = request.getfixturevalue("postgres_demo_template")
        url = fresh_database(request.getfixturevalue("postgres_server"), template)
    database = attach(Database(url))
    yield database
    database.dispose()
