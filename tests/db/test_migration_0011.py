"""Migration 0011 (legal basis date and source, erasable letters) on a database holding data."""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import inspect, text

from guichet.db import Database
from tests.db.migration_steps import run_migration as _run


def _contacts(db: Database) -> list[tuple[object, ...]]:
    with db.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT last_name, legal_basis, legal_basis_on, legal_basis_source "
                    "FROM contact ORDER BY id"
                )
            )
        ]


def test_0011_gives_existing_contacts_a_dated_legal_basis_and_keeps_them(
    empty_db: Database,
) -> None:
    db = empty_db
    _run(db, command.upgrade, "0010")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO contact (id, last_name, legal_basis, consent_on, version, created_at, "
                "updated_at) VALUES (1, 'Martin', NULL, NULL, 1, '2021-03-04 10:00:00', "
                "'2021-03-04 10:00:00'), (2, 'Durand', 'consent', '2022-05-06', 1, "
                "'2020-01-01 09:00:00', '2020-01-01 09:00:00')"
            )
        )
    _run(db, command.upgrade, "0011")
    rows = _contacts(db)
    assert rows[0][:2] == ("Martin", "legitimate_interest")
    assert str(rows[0][2]) == str(date(2021, 3, 4))
    assert "intérêt légitime" in str(rows[0][3])
    assert rows[1][:2] == ("Durand", "consent")
    assert str(rows[1][2]) == str(date(2022, 5, 6))
    assert rows[1][3]
    assert "erased_at" in {c["name"] for c in inspect(db.engine).get_columns("letter")}
    _run(db, command.downgrade, "0010")
    assert "legal_basis_on" not in {c["name"] for c in inspect(db.engine).get_columns("contact")}
    with db.engine.connect() as conn:
        names = conn.execute(text("SELECT last_name FROM contact ORDER BY id")).scalars().all()
    assert names == ["Martin", "Durand"]
    _run(db, command.upgrade, "0011")
    assert _contacts(db)[0][1] == "legitimate_interest"
