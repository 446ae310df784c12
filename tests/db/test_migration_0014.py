"""Migration 0014 (letter archive) on a database holding letters, up, down and up again: every
PDF kept byte for byte, moved to the archive file beside a SQLite desk, to ``letter_pdf`` on
PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from guichet.db import Database
from guichet.services.letter_archive import archive_path
from guichet.services.letters import LetterService
from tests.db.migration_steps import run_migration as _run
from tests.postgres import fresh_database

PDFS = [b"%PDF-1.4 premier courrier", b"%PDF-1.4 second courrier", b"%PDF-1.4 premier courrier"]


@pytest.fixture(params=["sqlite", "postgresql"])
def old_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'data.sqlite3'}"
    else:
        url = fresh_database(request.getfixturevalue("postgres_server"))
    db = Database(url)
    _run(db, command.upgrade, "0009")
    with db.engine.begin() as conn:
        for n, pdf in enumerate(PDFS, start=1):
            conn.execute(
                text(
                    "INSERT INTO letter (id, kind, generated_at, template_version, file_name, pdf, "
                    "created_at, updated_at) VALUES (:id, 'to_company', '2026-11-02 09:15:00', "
                    "'v1', :name, :pdf, '2026-11-02 09:15:00', '2026-11-02 09:15:00')"
                ),
                {"id": n, "name": f"lettre-{n}.pdf", "pdf": pdf},
            )
    yield db
    db.dispose()


def _columns(db: Database) -> set[str]:
    return {c["name"] for c in inspect(db.engine).get_columns("letter")}


def test_0014_moves_every_pdf_to_the_archive_and_back(old_db: Database) -> None:
    db = old_db
    _run(db, command.upgrade, "0014")
    assert "pdf" not in _columns(db) and "pdf_sha256" in _columns(db)
    tables = set(inspect(db.engine).get_table_names())
    if db.path is not None:  # beside the desk's file, not in it
        assert "letter_pdf" not in tables and archive_path(db.path).exists()
    else:
        assert "letter_pdf" in tables
    service = LetterService(db)
    assert [service.pdf(n) for n in (1, 2, 3)] == PDFS
    with db.engine.connect() as conn:  # the same PDF twice is stored once
        keys = conn.execute(text("SELECT pdf_sha256 FROM letter ORDER BY id")).scalars().all()
    assert keys[0] == keys[2] != keys[1]
    _run(db, command.downgrade, "0009")
    assert "pdf" in _columns(db) and "pdf_sha256" not in _columns(db)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT pdf FROM letter ORDER BY id")).scalars().all() == PDFS
    _run(db, command.upgrade, "0014")
    assert [LetterService(db).pdf(n) for n in (1, 2, 3)] == PDFS
