"""Migration 0010 (counsellor accounts, new audit actions) on a database holding data, down
and up, on both engines."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from guichet.db import Database
from tests.db.migration_steps import run_migration as _run


def _audit(db: Database, action: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_entry (at, counsellor_id, entity, action) "
                f"VALUES ('2026-12-01 10:00:00', 1, 'contact', '{action}')"
            )
        )


def test_0010_adds_accounts_and_audit_actions_keeping_data_down_and_up(
    empty_db: Database,
) -> None:
    db = empty_db
    _run(db, command.upgrade, "0009")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO counsellor (id, name, initials, active, version) "
                "VALUES (1, 'Claire Martin', 'CM', true, 1)"
            )
        )
    _audit(db, "update")
    with pytest.raises(IntegrityError):  # before: the CHECK constraint knows no « export »
        _audit(db, "export")
    _run(db, command.upgrade, "0010")
    with db.engine.begin() as conn:
        row = conn.execute(text("SELECT name, role, password_hash, os_user FROM counsellor")).one()
        assert tuple(row) == ("Claire Martin", None, None, None)
        conn.execute(text("UPDATE counsellor SET role = 'administrateur', os_user = 'claire'"))
    for action in ("export", "read", "anonymise"):
        _audit(db, action)
    with pytest.raises(IntegrityError):
        _audit(db, "nonsense")
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(text("UPDATE counsellor SET role = 'chef'"))
    _run(db, command.downgrade, "0009")
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM counsellor")).scalar() == "Claire Martin"
        assert conn.execute(text("SELECT action FROM audit_entry")).scalars().all() == ["update"]
    _run(db, command.upgrade, "0010")
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT role FROM counsellor")).scalar() is None
