"""``copy_into``: a whole database into a new one, SQLite → PostgreSQL → SQLite, identical
table by table (counts and checksums), letters' PDFs included; refused into a database that
holds work; all or nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import Letter, Organization, Referral
from guichet.services.bootstrap import open_database
from guichet.services.copying import ARCHIVE, checks, copy_into
from guichet.services.letters import LetterService
from tests.postgres import fresh_database

NOW = datetime(2026, 11, 29, 10, 0)


def with_letters(db: Database, count: int = 3) -> list[int]:
    """Archives the letter pair of the first ``count`` referrals; returns the letters' ids."""
    with db.unit_of_work() as s:
        ids = list(s.scalars(select(Referral.id).order_by(Referral.id).limit(count)))
    return [info.id for info in LetterService(db).generate(ids, now=NOW)]


def new_database(kind: str, tmp_path: Path, request: pytest.FixtureRequest, name: str) -> Database:
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / f'{name}.sqlite3'}"
    else:
        url = fresh_database(request.getfixturevalue("postgres_server"))
    return open_database(url, create=True)


@pytest.fixture
def server_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    db = new_database("postgresql", tmp_path, request, "server")
    yield db
    db.dispose()


def test_a_desk_moved_to_postgresql_and_back_is_identical_table_by_table(
    demo_db: Database, server_db: Database, tmp_path: Path
) -> None:
    letters = with_letters(demo_db)
    before = checks(demo_db)
    seen: list[str] = []
    report = copy_into(demo_db, server_db, progress=lambda label, done, total: seen.append(label))
    assert report.tables == before
    assert checks(server_db) == before
    assert any(label.startswith("organization") for label in seen)
    assert "archive des courriers" in seen
    back = open_database(f"sqlite:///{tmp_path / 'back.sqlite3'}", create=True)
    try:
        copy_into(server_db, back)
        assert checks(back) == before
        archive = next(t for t in before if t.name == ARCHIVE)
        assert archive.rows == len(letters)
        for letter_id in letters:  # the PDFs read back byte for byte from each copy
            assert LetterService(back).pdf(letter_id) == LetterService(demo_db).pdf(letter_id)
            assert LetterService(server_db).pdf(letter_id) == LetterService(demo_db).pdf(letter_id)
    finally:
        back.dispose()


def test_postgresql_ids_continue_after_the_copied_ones(
    demo_db: Database, server_db: Database
) -> None:
    copy_into(demo_db, server_db)
    with server_db.unit_of_work() as s:
        highest = s.scalar(select(func.max(Organization.id)))
        created = Organization(legal_name="Chaudronnerie Nouvelle")
        s.add(created)
        s.flush()
        assert highest is not None and created.id == highest + 1
    assert with_letters(server_db, 1)  # letters and their PDFs can be added too


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_destination_holding_work_is_refused_and_left_alone(
    kind: str, demo_db: Database, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    target = new_database(kind, tmp_path, request, "target")
    try:
        with target.unit_of_work() as s:
            s.add(Organization(legal_name="Boulangerie Déjà Là"))
        with pytest.raises(ValidationError, match=r"n'est pas vide.*organization"):
            copy_into(demo_db, target)
        with target.unit_of_work() as s:
            assert s.scalars(select(Organization.legal_name)).all() == ["Boulangerie Déjà Là"]
    finally:
        target.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_an_interrupted_copy_writes_nothing_and_can_be_run_again(
    kind: str, demo_db: Database, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    with_letters(demo_db, 1)
    target = new_database(kind, tmp_path, request, "target")
    fresh = checks(target)

    def interrupt(label: str, done: int, total: int) -> None:
        if label.startswith("referral ("):
            raise KeyboardInterrupt

    try:
        with pytest.raises(KeyboardInterrupt):
            copy_into(demo_db, target, progress=interrupt)
        assert [t for t in checks(target) if t.name != ARCHIVE] == [
            t for t in fresh if t.name != ARCHIVE
        ]
        copy_into(demo_db, target)
        assert checks(target) == checks(demo_db)
        with target.unit_of_work() as s:
            assert s.scalar(select(func.count()).select_from(Letter)) == 2
    finally:
        target.dispose()
