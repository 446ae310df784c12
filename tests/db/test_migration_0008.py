"""Migration 0008 (opportunities) on a database holding data, up, down and up again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

import guichet.models as m
from guichet.db import Database
from guichet.services import letter_archive
from tests.db.migration_steps import run_migration as _run
from tests.postgres import fresh_database

ROWS = [
    "INSERT INTO counsellor (id, name, initials, active, version) VALUES (1, 'Claire Martin', 'CM', true, 1)",
    "INSERT INTO organization (id, kind, legal_name, do_not_refer, version) "
    "VALUES (1, 'member', 'Usinage Lefebvre', false, 1), (2, 'company', 'Hydrogène Seine', false, 1)",
    "INSERT INTO letter (kind, organization_id, generated_at, template_version, file_name, pdf) "
    "VALUES ('to_company', 1, '2026-11-02 09:15:00', 'v1', 'lettre.pdf', :pdf)",
]


@pytest.fixture(params=["sqlite", "postgresql"])
def old_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'data.sqlite3'}"
    else:
        url = fresh_database(request.getfixturevalue("postgres_server"))
    db = Database(url)
    _run(db, command.upgrade, "0004")
    with db.engine.begin() as conn:
        for statement in ROWS:
            conn.execute(text(statement), {"pdf": b"%PDF-1.4 lettre"})
    yield db
    db.dispose()


def test_0008_keeps_letters_and_takes_opportunities_with_their_letters(old_db: Database) -> None:
    db = old_db
    _run(db, command.upgrade, "head")  # 0008 and after: the live models
    indexes = {ix["name"] for ix in inspect(db.engine).get_indexes("letter")}
    assert {"ix_letter_organization_id", "ix_letter_referral_id"} <= indexes
    with db.unit_of_work() as s:
        # at the head the PDF lives in the letter archive (0014)
        key = s.execute(text("SELECT pdf_sha256 FROM letter")).scalar_one()
        assert letter_archive.load(db, s, key) == b"%PDF-1.4 lettre"
        opportunity = m.Opportunity(
            title="Électrolyseur de Port-Jérôme", buyer_id=2, received_at=datetime(2026, 11, 3)
        )
        opportunity.lots.append(m.Lot(number=1, title="Tuyauterie"))
        s.add(opportunity)
        s.flush()
        letter_id = s.execute(
            text(
                "INSERT INTO letter (kind, organization_id, generated_at, template_version, "
                "file_name, pdf_sha256, created_at, updated_at) VALUES ('opportunity', 1, "
                "'2026-11-03 10:00:00', 'v1', 'relais.pdf', :key, '2026-11-03 10:00:00', "
                "'2026-11-03 10:00:00') RETURNING id"
            ),
            {"key": letter_archive.store(db, s, b"%PDF")},
        ).scalar()
        s.add(
            m.Relay(
                opportunity_id=opportunity.id,
                organization_id=1,
                relayed_at=datetime(2026, 11, 3, 10),
                letter_id=letter_id,
            )
        )
    _run(db, command.downgrade, "0004")
    tables = set(inspect(db.engine).get_table_names())
    assert "opportunity" not in tables and "lot" not in tables
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT kind, file_name FROM letter")).all() == [
            ("to_company", "lettre.pdf")
        ]
    _run(db, command.upgrade, "head")  # 0008 and after: the live models
    with db.unit_of_work() as s:
        assert s.execute(text("SELECT file_name FROM letter")).scalars().all() == ["lettre.pdf"]
        assert s.query(m.Opportunity).count() == 0
