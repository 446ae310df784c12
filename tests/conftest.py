"""Test configuration: Qt offscreen, user folders in a temporary place, databases from templates.

Migrating or filling a database takes time, so each is built once per run as a template file
and copied for every test that needs one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

# Before anything imports Qt: no display needed, and never the developer's own folders.
os.environ["QT_QPA_PLATFORM"] = os.environ.get("GUICHET_TEST_PLATFORM", "offscreen")
_HOME = Path(tempfile.mkdtemp(prefix="guichet-tests-"))
os.environ["GUICHET_HOME"] = str(_HOME)

import pytest  # noqa: E402

from guichet.config import AppPaths  # noqa: E402
from guichet.db import Database  # noqa: E402

DEMO_NOW = datetime(2026, 11, 20, 10, 30)


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _copy_database(template: Path, target: Path) -> Database:
    from guichet.services.bootstrap import attach

    shutil.copyfile(template, target)
    archive = template.with_name(template.stem + ".courriers.db")  # its letter archive
    if archive.exists():
        shutil.copyfile(archive, target.with_name(target.stem + ".courriers.db"))
    return attach(Database(_url(target)))


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from guichet.services.bootstrap import open_database

    path = tmp_path_factory.mktemp("templates") / "migrated.sqlite3"
    db = open_database(_url(path), create=True)
    with db.engine.connect() as conn:  # fold the WAL into the file before copying it
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Path:
    from guichet.services.demo import generate_demo

    path = tmp_path_factory.mktemp("templates") / "demo.sqlite3"
    db = _copy_database(migrated_template, path)
    generate_demo(db, now=DEMO_NOW)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    from guichet.services.letter_archive import archive_engine

    archive = archive_engine(db)
    if archive is not None:  # the letter archive too: copied as one file
        with archive.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture
def db(tmp_path: Path, migrated_template: Path) -> Iterator[Database]:
    """An empty database at the head revision, with the seeded taxonomy and thesaurus."""
    database = _copy_database(migrated_template, tmp_path / "test.sqlite3")
    yield database
    database.dispose()


@pytest.fixture
def demo_db(tmp_path: Path, demo_template: Path) -> Iterator[Database]:
    """A database holding the demo data set (generated as of ``DEMO_NOW``).

    The demo has accounts (one per role): its administratrice acts, so that every action is
    allowed as before accounts existed; tests of roles pick another acting counsellor."""
    from guichet.services.demo.accounts import demo_account

    database = _copy_database(demo_template, tmp_path / "demo.sqlite3")
    database.counsellor_id = demo_account(database, "JV")
    yield database
    database.dispose()


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    result = AppPaths(data_dir=tmp_path / "data", log_dir=tmp_path / "logs")
    result.ensure()
    return result


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL of a throw-away PostgreSQL server (the tests skip where the machine has none)."""
    from tests.postgres import server_binaries, temporary_server

    if server_binaries() is None:
        pytest.skip("pas de serveur PostgreSQL sur cette machine")
    with temporary_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def portable_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The same test on SQLite and on PostgreSQL: migrated and seeded, through open_database."""
    from guichet.services.bootstrap import open_database

    if request.param == "sqlite":
        url = _url(tmp_path / "portable.sqlite3")
    else:
        from tests.postgres import fresh_database

        url = fresh_database(request.getfixturevalue("postgres_server"))
    database = open_database(url, create=True)
    yield database
    database.dispose()
