"""``Database.writes`` counts the units of work that committed a change (pages reload on it)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from guichet.db import Database
from guichet.models import Organization


def test_reads_do_not_count_and_writes_do(db: Database) -> None:
    before = db.writes
    with db.unit_of_work() as s:
        s.scalars(select(Organization)).all()
    assert db.writes == before
    with db.unit_of_work() as s:
        s.add(Organization(legal_name="Tôlerie Martin"))
    assert db.writes == before + 1
    with db.unit_of_work() as s:
        s.execute(update(Organization).values(city="Bolbec"))
    assert db.writes == before + 2


def test_a_rolled_back_write_does_not_count(db: Database) -> None:
    before = db.writes
    with pytest.raises(RuntimeError), db.unit_of_work() as s:
        s.add(Organization(legal_name="Tôlerie Martin"))
        s.flush()
        raise RuntimeError("interrupted")
    assert db.writes == before
