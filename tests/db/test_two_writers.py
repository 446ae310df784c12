"""Two writers on one database: the second waits for the first, then gets a French message;
what decides a write (the next id, the next reference) is read under the write lock."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

import guichet.models as m
from guichet.db import Database
from guichet.errors import EnvironmentProblem
from guichet.services.bootstrap import attach, open_database
from guichet.services.imports import OrganizationImportService
from guichet.services.inquiry_reference import next_reference
from tests.services.test_imports import GOOD, HEADERS, write


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """One database, migrated; each desk opens its own ``Database`` (its own connections)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'partagee.sqlite3'}"
    else:
        from tests.postgres import fresh_database

        url = fresh_database(request.getfixturevalue("postgres_server"))
    open_database(url, create=True).dispose()
    yield url


def test_a_second_writer_waits_then_gets_a_french_message(shared_url: str) -> None:
    first = attach(Database(shared_url))
    second = attach(Database(shared_url, busy_timeout_ms=100))
    try:
        with first.unit_of_work() as s:
            s.add(m.Counsellor(name="Claire Martin", initials="CM"))
            s.flush()
            # The write lock is taken when the unit of work begins, before it reads anything.
            with pytest.raises(EnvironmentProblem) as refused, second.unit_of_work() as other:
                other.add(m.Counsellor(name="Autre poste", initials="AP"))
            assert "occupée par un autre poste" in refused.value.message
            # A reader is never kept waiting by a writer.
            with second.unit_of_work(write=False) as reader:
                assert reader.scalar(select(func.count()).select_from(m.Counsellor)) == 0
        with second.unit_of_work() as s:  # once the first is done, the second goes through
            assert s.scalar(select(func.count()).select_from(m.Counsellor)) == 1
    finally:
        first.dispose()
        second.dispose()


def test_two_imports_at_once_reuse_no_id(shared_url: str, tmp_path: Path) -> None:
    files = []
    for desk in range(2):
        rows = [[f"{row[0]} {desk}", "", *row[2:]] for row in GOOD * 20]
        rows = [[f"{r[0]} n°{i}", *r[1:]] for i, r in enumerate(rows)]
        files.append(write(tmp_path / f"poste{desk}.csv", rows, HEADERS))
    started = threading.Barrier(2)
    outcomes: list[object] = []

    def import_from(path: Path) -> None:
        db = attach(Database(shared_url, busy_timeout_ms=30_000))
        try:
            service = OrganizationImportService(db)
            table = service.read(path)
            mapping = service.mapping_for(table).mapping
            started.wait()
            outcomes.append(service.run(table, mapping).created)
        except Exception as exc:  # reported below with its type
            outcomes.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=import_from, args=(f,)) for f in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == [40, 40]
    db = Database(shared_url)
    with db.unit_of_work(write=False) as s:
        names = s.scalars(select(m.Organization.legal_name)).all()
        assert len(names) == len(set(names)) == 80
    db.dispose()


def test_references_are_read_under_the_write_lock(shared_url: str) -> None:
    """While a desk holds the write lock, another cannot read the last reference to reuse it."""
    first = attach(Database(shared_url))
    second = attach(Database(shared_url, busy_timeout_ms=100))
    try:
        with first.unit_of_work() as s:
            reference = next_reference(s, 2026)
            with pytest.raises(EnvironmentProblem), second.unit_of_work() as other:
                next_reference(other, 2026)  # never reached: the lock is taken first
            s.add(m.Counsellor(name="Claire Martin", initials="CM"))
            s.flush()
            s.add(
                m.Inquiry(
                    reference=reference,
                    received_at=datetime(2026, 11, 2, 9, 15),
                    channel=m.Channel.DESK,
                    counsellor_id=s.scalar(select(m.Counsellor.id)),
                    status=m.InquiryStatus.NEW,
                )
            )
        with second.unit_of_work() as s:
            assert next_reference(s, 2026) != reference
    finally:
        first.dispose()
        second.dispose()


def test_two_desks_starting_a_new_version_at_once(tmp_path: Path) -> None:
    """Both migrate the same old file at the same moment: one migrates, the other waits for
    it and finds the head (no half-applied revision, no error)."""
    from guichet.db.migrate import current_revision, head_revision
    from tests.db.test_migration_copies import database_at

    path = tmp_path / "ancienne.sqlite3"
    database_at(path, "0002")
    started = threading.Barrier(2)
    outcomes: list[object] = []

    def start_desk(desk: int) -> None:
        started.wait()
        try:
            db = open_database(f"sqlite:///{path}", backup_dir=tmp_path / f"copies{desk}")
            outcomes.append(current_revision(db))
            db.dispose()
        except Exception as exc:  # reported below with its type
            outcomes.append(exc)

    threads = [threading.Thread(target=start_desk, args=(d,)) for d in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    head = head_revision(Database("sqlite://"))
    assert outcomes == [head, head]
