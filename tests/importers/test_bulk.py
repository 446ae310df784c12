"""Bulk writes: one audit line per new record, the SQLite page cache given back, GC restored."""

from __future__ import annotations

import gc
from datetime import datetime
from typing import Any, cast

import pytest
from sqlalchemy import Table, select

from guichet.db import Database
from guichet.importers.bulk import bulk_cache, bulk_insert, insert_per_record, paused_gc
from guichet.models import AuditAction, AuditEntry, Organization, OrganizationKind


def _table(model: Any) -> Table:
    return cast(Table, model.__table__)


# Ids following each other (one INSERT … SELECT), a few runs, then too many runs (executemany).
@pytest.mark.parametrize(("count", "spread"), [(30, 1), (30, 3), (120, 2)])
def test_insert_per_record_writes_one_line_per_id(db: Database, count: int, spread: int) -> None:
    with db.unit_of_work() as s:
        conn = s.connection()
        rows = [(f"Société {i}",) for i in range(count)]
        ids = bulk_insert(
            conn,
            _table(Organization),
            ("legal_name",),
            rows,
            {"kind": OrganizationKind.PARTNER, "version": 1, "do_not_refer": False},
        )
        chosen = ids[::spread]
        shared = {
            "at": datetime(2026, 3, 2, 9, 30),
            "counsellor_id": None,
            "entity": "organization",
        }
        shared["action"] = AuditAction.INSERT
        insert_per_record(
            conn, _table(AuditEntry), shared, "record_id", _table(Organization), chosen
        )
    with db.unit_of_work() as s:
        kinds = set(s.scalars(select(Organization.kind)))
        lines = s.execute(
            select(
                AuditEntry.record_id, AuditEntry.action, AuditEntry.entity, AuditEntry.at
            ).order_by(AuditEntry.id)
        ).all()
    assert kinds == {OrganizationKind.PARTNER}
    assert [line.record_id for line in lines] == chosen
    assert {(line.action, line.entity) for line in lines} == {(AuditAction.INSERT, "organization")}


def test_bulk_cache_gives_the_page_cache_back(db: Database) -> None:
    with db.unit_of_work() as s:
        conn = s.connection()
        before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        with bulk_cache(conn):
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -64 * 1024
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == before


def test_paused_gc_restores_the_collector() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        assert not gc.isenabled()
        raise RuntimeError("failure inside")
    assert gc.isenabled()
