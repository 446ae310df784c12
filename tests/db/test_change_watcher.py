"""Another process's commit reaches a second Database's watcher; its own writes do not."""

from __future__ import annotations

import threading
import time

from sqlalchemy import update

from guichet.db import Database
from guichet.db.changes import ChangeWatcher, Tables, parse_payload, payload
from guichet.models import Organization


class Seen:
    def __init__(self) -> None:
        self.changes: list[Tables] = []
        self.event = threading.Event()

    def __call__(self, tables: Tables) -> None:
        self.changes.append(tables)
        self.event.set()


def wait_for(event: threading.Event) -> bool:
    return event.wait(10)


def test_payload_round_trip() -> None:
    assert parse_payload(payload("abc", {"organization", "audit_entry"})) == (
        "abc",
        frozenset({"organization", "audit_entry"}),
    )
    assert parse_payload(payload("abc", {"x" * 8000})) == ("abc", None)


def test_a_colleague_write_is_seen_and_mine_is_not(portable_db: Database) -> None:
    colleague = Database(portable_db.url)
    seen = Seen()
    watcher = ChangeWatcher(portable_db, seen)
    watcher.start()
    try:
        time.sleep(1.2)  # the watcher has its baseline (SQLite) / is listening (PostgreSQL)
        with portable_db.unit_of_work() as s:  # this window's own save
            s.add(Organization(legal_name="Tôlerie Martin"))
        time.sleep(1.2)
        assert seen.changes == []
        with colleague.unit_of_work() as s:
            s.execute(update(Organization).values(city="Bolbec"))
        assert wait_for(seen.event)
        expected = None if portable_db.dialect == "sqlite" else frozenset({"organization"})
        assert seen.changes[0] == expected
    finally:
        watcher.stop()
        colleague.dispose()


def test_a_read_or_a_rolled_back_write_sends_nothing(portable_db: Database) -> None:
    colleague = Database(portable_db.url)
    seen = Seen()
    watcher = ChangeWatcher(portable_db, seen)
    watcher.start()
    try:
        time.sleep(1.2)
        try:
            with colleague.unit_of_work() as s:
                s.add(Organization(legal_name="Tôlerie Martin"))
                s.flush()
                raise RuntimeError("interrupted")
        except RuntimeError:
            pass
        with colleague.unit_of_work(write=False) as s:
            s.get(Organization, 1)
        assert not seen.event.wait(1.5)
    finally:
        watcher.stop()
        colleague.dispose()
