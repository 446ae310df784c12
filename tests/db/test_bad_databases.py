"""Bad databases get a French message, a non-zero exit code, and are left as they were:
missing, another program's, newer, damaged, read-only, full, under a regular file."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event

import guichet.models as m
from guichet.cli import main
from guichet.db import Database
from guichet.db.migrate import APPLICATION_ID
from guichet.errors import EnvironmentProblem
from guichet.services.bootstrap import open_database
from tests.db.damage import damage_search_index

Capsys = pytest.CaptureFixture[str]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def guichet_file(tmp_path: Path, demo_template: Path) -> Path:
    path = tmp_path / "base.sqlite3"
    shutil.copyfile(demo_template, path)
    return path


def _application_id(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA application_id").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize(
    "command", [["check"], ["search", "usinage"], ["export", "organisations", "-o", "x.csv"]]
)
def test_a_mistyped_path_creates_nothing(
    tmp_path: Path, capsys: Capsys, command: list[str]
) -> None:
    typo = tmp_path / "guichet.sqlite"
    assert main(["--db", str(typo), *command]) == 2
    err = capsys.readouterr().err
    assert f"La base « {typo} » n'existe pas" in err and "guichet demo" in err
    assert list(tmp_path.iterdir()) == []


def test_a_missing_default_database_is_not_reported_as_zeros(capsys: Capsys) -> None:
    from guichet.config import AppPaths

    default = AppPaths.detect().default_db_path
    assert not default.exists()
    assert main(["check"]) == 2
    captured = capsys.readouterr()
    assert "n'existe pas" in captured.err and "Effectifs" not in captured.out
    assert not default.exists()


def test_demo_creates_the_database_and_says_so(tmp_path: Path, capsys: Capsys) -> None:
    path = tmp_path / "nouvelle.sqlite3"
    assert main(["--db", str(path), "demo"]) == 0
    assert f"Nouvelle base créée : {path}" in capsys.readouterr().err
    assert _application_id(path) == APPLICATION_ID
    assert not [p.name for p in tmp_path.iterdir() if ".tmp" in p.name]  # no temporary left
    assert main(["--db", str(path), "demo"]) == 1  # exists now: not created again
    assert "Nouvelle base créée" not in capsys.readouterr().err


def test_a_path_under_a_regular_file(tmp_path: Path, capsys: Capsys) -> None:
    blocker = tmp_path / "dossier"
    blocker.write_text("un fichier, pas un dossier")
    assert main(["--db", str(blocker / "base.sqlite3"), "demo"]) == 2
    assert "est un fichier, pas un dossier" in capsys.readouterr().err
    assert blocker.read_text() == "un fichier, pas un dossier"


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path, capsys: Capsys) -> None:
    other = tmp_path / "notes.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, texte TEXT)")
        conn.execute("INSERT INTO note (texte) VALUES ('à garder')")
    conn.close()
    before = digest(other)
    for command in (["check"], ["demo"], ["search", "x"]):
        assert main(["--db", str(other), *command]) == 2
        assert "d'un autre programme" in capsys.readouterr().err
    assert digest(other) == before
    marked = tmp_path / "marque.sqlite3"  # another program's application_id, even if empty
    with sqlite3.connect(marked) as conn:
        conn.execute("PRAGMA application_id = 1234")
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
    conn.close()
    assert main(["--db", str(marked), "check"]) == 2


def test_a_guichet_file_from_before_the_mark_is_recognised_and_marked(guichet_file: Path) -> None:
    with sqlite3.connect(guichet_file) as conn:
        conn.execute("PRAGMA application_id = 0")
    conn.close()
    open_database(f"sqlite:///{guichet_file}").dispose()
    assert _application_id(guichet_file) == APPLICATION_ID


def test_a_newer_schema_is_refused_without_a_new_copy_each_time(
    guichet_file: Path, tmp_path: Path, capsys: Capsys
) -> None:
    with sqlite3.connect(guichet_file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999'")
    conn.close()
    before = digest(guichet_file)
    for _attempt in range(2):
        assert main(["--db", str(guichet_file), "search", "usinage"]) == 2
        err = capsys.readouterr().err
        assert "version plus récente de Guichet" in err and "« 0999 »" in err
        assert "Traceback" not in err
    assert digest(guichet_file) == before
    assert {p.name for p in tmp_path.iterdir()} <= {
        "base.sqlite3",
        "base.sqlite3-wal",
        "base.sqlite3-shm",
    }
    from guichet.config import AppPaths

    backups = AppPaths.detect().backup_dir
    assert not backups.exists() or not list(backups.glob("avant-migration-*"))


def test_a_newer_schema_on_postgresql(postgres_server: str) -> None:
    from tests.postgres import fresh_database

    url = fresh_database(postgres_server)
    open_database(url, create=True).dispose()
    db = Database(url)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0999'")
    db.dispose()
    with pytest.raises(EnvironmentProblem, match="version plus récente"):
        open_database(url)
    with pytest.raises(EnvironmentProblem, match="est vide"):
        open_database(fresh_database(postgres_server))  # an empty server database: not created


def test_a_damaged_database_check_says_what_to_do_and_search_does_not_answer_nothing(
    guichet_file: Path, capsys: Capsys
) -> None:
    damage_search_index(guichet_file)
    before = digest(guichet_file)
    assert main(["--db", str(guichet_file), "check"]) == 1
    out = capsys.readouterr().out
    assert "Intégrité : ok" not in out and "La base est abîmée" in out
    assert "Restaurez la dernière sauvegarde" in out and "Sauvegardes automatiques" in out
    assert main(["--db", str(guichet_file), "search", "zzzzqqq"]) == 2
    captured = capsys.readouterr()
    assert "Aucun résultat" not in captured.out
    assert "abîmée" in captured.err and "Traceback" not in captured.err
    assert digest(guichet_file) == before


def test_a_file_that_is_not_sqlite(tmp_path: Path, capsys: Capsys) -> None:
    bogus = tmp_path / "pas-une-base.sqlite3"
    bogus.write_bytes(b"ceci n'est pas une base SQLite" * 100)
    assert main(["--db", str(bogus), "search", "x"]) == 2
    assert "n'est pas une base de données SQLite" in capsys.readouterr().err
    assert bogus.read_bytes().startswith(b"ceci n'est pas")


def test_a_read_only_file(
    guichet_file: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode)
    )  # tests run as root, whom permissions do not stop
    before = digest(guichet_file)
    assert main(["--db", str(guichet_file), "search", "usinage"]) == 2
    assert "en lecture seule" in capsys.readouterr().err
    assert digest(guichet_file) == before


def _limited(db: Database, pragma: str) -> Database:
    @event.listens_for(db.engine, "connect")
    def limit(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(pragma)

    db.engine.dispose()
    return db


def test_a_write_refused_by_the_file_system(guichet_file: Path) -> None:
    """SQLite's own refusals (read-only, full) become French messages; nothing is written."""
    for pragma, message in (
        ("PRAGMA query_only = ON", "lecture seule"),
        ("PRAGMA max_page_count = 1", "disque est plein"),  # the file can no longer grow
    ):
        db = _limited(Database(f"sqlite:///{guichet_file}"), pragma)
        with pytest.raises(EnvironmentProblem, match=message), db.unit_of_work() as s:
            s.add_all(m.Counsellor(name=f"Conseiller {i}", initials=f"C{i}") for i in range(2000))
        db.dispose()
    with sqlite3.connect(guichet_file) as conn:
        assert conn.execute(
            "SELECT count(*) FROM counsellor WHERE name LIKE 'Conseiller %'"
        ).fetchone() == (0,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
