"""kill -9 at random instants while creating, migrating, importing and backing up: whatever
the instant, the database opens and is the old one or the new one, never half of each.

Eight kills per kind with a fixed seed (see ``harness.py``); the counts are printed at the end
of the test session.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from guichet.db import Database
from guichet.db.migrate import APPLICATION_ID, alembic_config, head_revision
from guichet.services.bootstrap import open_database
from tests.reliability.harness import Kind, run_trials
from tests.services.test_imports import HEADERS, write

KILLS = 8
DB = "guichet.sqlite3"
IMPORTED_ROWS = 1500


def _url(folder: Path) -> str:
    return f"sqlite:///{folder / DB}"


def _sound(path: Path) -> sqlite3.Connection:
    """The file opens and passes SQLite's integrity check (the caller closes it)."""
    assert path.is_file() and path.stat().st_size > 0, f"{path.name}: absent ou vide"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], path.name
    return conn


def _count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _reopens(folder: Path) -> None:
    """The next start opens it (and brings it to the head)."""
    open_database(_url(folder), backup_dir=folder / "sauvegardes").dispose()


# -- creating a database (the app's first start) ---------------------------------------------

CREATE = """
import sys
from pathlib import Path
import alembic.command  # loaded before « ready »: the kills fall in the work itself
from guichet.services.bootstrap import open_database
print("ready", flush=True)
open_database(f"sqlite:///{Path(sys.argv[1]) / 'guichet.sqlite3'}", create=True).dispose()
print("done", flush=True)
"""


def _check_created(folder: Path) -> str:
    path = folder / DB
    if not path.exists():  # killed before the rename: nothing, the next start creates it
        open_database(_url(folder), create=True).dispose()
        assert not [p.name for p in folder.iterdir() if ".tmp" in p.name]  # leftovers cleared
        state = "pas encore de base"
    else:
        state = "base neuve"
    conn = _sound(path)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (head_revision(Database("sqlite://")),)
        ]
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    finally:
        conn.close()
    _reopens(folder)
    return state


def test_kill_while_creating_a_database(tmp_path: Path) -> None:
    kind = Kind("création", lambda folder: None, CREATE, _check_created)
    assert run_trials(kind, tmp_path, kills=KILLS).kills == KILLS


# -- migrating a database holding data from 0002 to the head --------------------------------

MIGRATE = """
import sys
from pathlib import Path
import alembic.command
from guichet.services.bootstrap import open_database
folder = Path(sys.argv[1])
print("ready", flush=True)
open_database(f"sqlite:///{folder / 'guichet.sqlite3'}", backup_dir=folder / "sauvegardes").dispose()
print("done", flush=True)
"""


@pytest.fixture(scope="module")
def at_0002(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The demo data at revision 0002 (before the search index), and its organisation count."""
    path = tmp_path_factory.mktemp("r0002") / DB
    shutil.copyfile(demo_template, path)
    db = Database(f"sqlite:///{path}")
    cfg = alembic_config(db)
    with db.engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0002")
        connection.exec_driver_sql("PRAGMA application_id = 0")  # as 0.1 made them
    db.dispose()
    conn = sqlite3.connect(path)
    organizations = _count(conn, "organization")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path, organizations


def test_kill_while_migrating(tmp_path: Path, at_0002: tuple[Path, int]) -> None:
    template, organizations = at_0002

    def check(folder: Path) -> str:
        conn = _sound(folder / DB)
        try:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchall()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            assert _count(conn, "organization") == organizations
            if revision == [("0002",)]:
                assert "organization_search" not in tables  # nothing of 0003 without its stamp
                state = "ancienne (0002)"
            else:
                assert revision == [(head_revision(Database("sqlite://")),)]
                assert _count(conn, "organization_search") == organizations
                state = "nouvelle (tête)"
        finally:
            conn.close()
        _reopens(folder)
        return state

    def prepare(folder: Path) -> None:
        shutil.copyfile(template, folder / DB)

    kind = Kind("migration", prepare, MIGRATE, check)
    assert run_trials(kind, tmp_path, kills=KILLS).kills == KILLS


# -- importing organisations --------------------------------------------------------------

IMPORT = """
import sys
from pathlib import Path
from guichet.services.bootstrap import open_database
from guichet.services.imports import OrganizationImportService
folder = Path(sys.argv[1])
db = open_database(f"sqlite:///{folder / 'guichet.sqlite3'}")
service = OrganizationImportService(db)
table = service.read(folder / "import.csv")
mapping = service.mapping_for(table).mapping
print("ready", flush=True)
service.run(table, mapping)
print("done", flush=True)
"""


def test_kill_while_importing(tmp_path: Path, demo_template: Path) -> None:
    conn = sqlite3.connect(demo_template)
    before = _count(conn, "organization")
    conn.close()
    tail = ("25.62B", "", "")
    rows = [
        [f"Atelier d'essai n°{i}", "", f"{i} rue du Port", "76170", "Lillebonne", "", "", *tail]
        for i in range(IMPORTED_ROWS)
    ]

    def prepare(folder: Path) -> None:
        shutil.copyfile(demo_template, folder / DB)
        write(folder / "import.csv", rows, HEADERS)

    def check(folder: Path) -> str:
        conn = _sound(folder / DB)
        try:
            found = _count(conn, "organization")
            assert found in (before, before + IMPORTED_ROWS), found
            assert _count(conn, "organization_search") == found  # index and data together
        finally:
            conn.close()
        _reopens(folder)
        return "import entier" if found > before else "rien d'importé"

    kind = Kind("import", prepare, IMPORT, check)
    assert run_trials(kind, tmp_path, kills=KILLS).kills == KILLS


# -- backing up over an existing backup ------------------------------------------------------

BACKUP = """
import sys
from pathlib import Path
from guichet.services.backups import BackupService
from guichet.services.bootstrap import open_database
folder = Path(sys.argv[1])
db = open_database(f"sqlite:///{folder / 'guichet.sqlite3'}")
service = BackupService(db, folder / "sauvegardes")
print("ready", flush=True)
service.backup_to(folder / "copie.sqlite3")
print("done", flush=True)
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_kill_while_backing_up_over_a_backup(
    tmp_path: Path, demo_template: Path, migrated_template: Path
) -> None:
    old = _digest(migrated_template)
    conn = sqlite3.connect(demo_template)
    organizations = _count(conn, "organization")
    conn.close()

    def prepare(folder: Path) -> None:
        shutil.copyfile(demo_template, folder / DB)
        shutil.copyfile(migrated_template, folder / "copie.sqlite3")  # the previous backup

    def check(folder: Path) -> str:
        copy = folder / "copie.sqlite3"
        same = _digest(copy) == old
        conn = _sound(copy)
        try:
            if same:
                state = "ancienne sauvegarde"
            else:
                assert _count(conn, "organization") == organizations
                state = "nouvelle sauvegarde"
        finally:
            conn.close()
        return state

    kind = Kind("sauvegarde", prepare, BACKUP, check)
    assert run_trials(kind, tmp_path, kills=KILLS).kills == KILLS
    # A later backup clears what a killed one left beside the target.
    folder = tmp_path / "essai-0"
    open_db = open_database(_url(folder))
    from guichet.services.backups import BackupService

    BackupService(open_db, folder / "sauvegardes").backup_to(folder / "copie.sqlite3")
    open_db.dispose()
    assert not [p for p in folder.iterdir() if ".tmp" in p.name]
