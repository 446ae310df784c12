"""Migrations: from nothing to head, through every revision with data in the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

import guichet.models as m
from guichet.db import Database, migrate
from guichet.db.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    needs_upgrade,
    upgrade,
)
from tests.db.migration_steps import run_migration as _run

# Rows written at the first revision, in plain SQL so they do not depend on today's models.
FIRST_REVISION_ROWS = [
    "INSERT INTO counsellor (id, name, initials, active, version) VALUES (1, 'Claire Martin', 'CM', true, 1)",
    "INSERT INTO organization (id, kind, legal_name, siret, do_not_refer, version) "
    "VALUES (1, 'member', 'Usinage Lefebvre', '73282932000074', false, 1)",
    "INSERT INTO theme (id, name, position, active) VALUES (1, 'Financement', 0, true)",
    "INSERT INTO subject (id, theme_id, name, position, active) VALUES (1, 1, 'Prêt d''honneur', 0, true)",
    "INSERT INTO inquiry (id, reference, received_at, channel, organization_id, counsellor_id, status, "
    "consent_to_share, version) VALUES (1, 'D-2026-0001', '2026-11-02 09:15:00', 'desk', 1, 1, 'new', true, 1)",
    "INSERT INTO need (id, inquiry_id, subject_id, position, description, version) "
    "VALUES (1, 1, 1, 0, 'Financer un tour CN', 1)",
    "INSERT INTO sirene_establishment (siret, siren, name, trade_name, is_headquarters, active) "
    "VALUES ('73282932000074', '732829320', 'USINAGE LEFÈBVRE', 'Atelier Œuvre', true, true)",
]


def _revisions(db: Database) -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(db))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_empty_database_reaches_head_and_matches_the_models(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert upgrade(db, tmp_path / "backups") is None  # nothing to back up in an empty file
    assert current_revision(db) == head_revision(db)
    assert set(m.Base.metadata.tables) <= set(inspect(db.engine).get_table_names())
    assert not needs_upgrade(db)
    assert not (tmp_path / "backups").exists()


def test_every_revision_keeps_the_data_written_before_it(empty_db: Database) -> None:
    db = empty_db
    revisions = _revisions(db)
    _run(db, command.upgrade, revisions[0])
    with db.engine.begin() as conn:
        for statement in FIRST_REVISION_ROWS:
            conn.execute(text(statement))
    for revision in revisions[1:]:
        _run(db, command.upgrade, revision)
    assert current_revision(db) == head_revision(db)
    with db.unit_of_work() as s:
        inquiry = s.get(m.Inquiry, 1)
        assert inquiry is not None
        assert inquiry.reference == "D-2026-0001"
        assert inquiry.organization is not None and inquiry.organization.siret == "73282932000074"
        assert [n.description for n in inquiry.needs] == ["Financer un tour CN"]
        assert inquiry.needs[0].subject.name == "Prêt d'honneur"
        sirene = s.get(m.SireneEstablishment, "73282932000074")
        assert sirene is not None and sirene.name == "USINAGE LEFÈBVRE"
        assert (sirene.name_key, sirene.trade_key) == ("usinage lefebvre", "atelier oeuvre")


def test_downgrade_to_nothing_and_back(empty_db: Database) -> None:
    db = empty_db
    upgrade(db)
    _run(db, command.downgrade, "base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade(db)
    assert current_revision(db) == head_revision(db)


def test_a_database_holding_data_is_backed_up_before_it_migrates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(db)
    with db.unit_of_work() as s:
        s.add(m.Counsellor(name="Claire Martin", initials="CM"))
    applied: list[str] = []
    monkeypatch.setattr(migrate, "needs_upgrade", lambda _db: True)
    monkeypatch.setattr(command, "upgrade", lambda _cfg, target: applied.append(target))
    backup = upgrade(db, tmp_path / "backups")
    assert applied == ["head"]
    assert backup is not None and backup.parent == tmp_path / "backups"
    copy = sqlite3.connect(backup)
    try:
        assert copy.execute("SELECT name FROM counsellor").fetchall() == [("Claire Martin",)]
    finally:
        copy.close()


def test_the_head_read_from_the_files_is_alembics(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'head.sqlite3'}")
    assert head_revision(db) == ScriptDirectory.from_config(alembic_config(db)).get_current_head()
    assert current_revision(db) is None
    upgrade(db)
    assert current_revision(db) == head_revision(db)


@pytest.mark.parametrize("start", [None, "0002"])
def test_a_migration_that_fails_midway_leaves_the_old_database(
    tmp_path: Path, start: str | None
) -> None:
    """All revisions run in one transaction, DDL included (SQLite committed DDL statement by
    statement): a failure (or a kill) near the end leaves the old schema and data whole."""
    from sqlalchemy import event

    db = Database(f"sqlite:///{tmp_path / 'base.sqlite3'}")
    if start is not None:
        _run(db, command.upgrade, start)
        with db.engine.begin() as conn:
            for statement in FIRST_REVISION_ROWS:
                conn.execute(text(statement))

    def fail_at_the_end(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "VALUES ('rebuild')" in statement:  # the last steps of 0003
            raise RuntimeError("coupure")

    event.listen(db.engine, "before_cursor_execute", fail_at_the_end)
    with pytest.raises(RuntimeError, match="coupure"):
        upgrade(db)
    event.remove(db.engine, "before_cursor_execute", fail_at_the_end)
    tables = set(inspect(db.engine).get_table_names())
    assert current_revision(db) == start
    if start is None:
        assert tables <= {"alembic_version"}
    else:
        assert "organization_search" not in tables and "search_term" not in tables
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT legal_name FROM organization")).scalars().all() == [
                "Usinage Lefebvre"
            ]
    upgrade(db)  # the next start migrates it
    assert current_revision(db) == head_revision(db)
    db.dispose()


def test_0004_gives_contacts_a_postal_address_and_keeps_them(empty_db: Database) -> None:
    db = empty_db
    _run(db, command.upgrade, "0003")
    with db.engine.begin() as conn:
        conn.execute(text(FIRST_REVISION_ROWS[1]))
        conn.execute(
            text(
                "INSERT INTO contact (id, organization_id, civility, first_name, last_name, version)"
                " VALUES (1, 1, 'M.', 'Pierre', 'André', 1), (2, NULL, 'Mme', 'Léa', 'Roux', 1)"
            )
        )
    _run(db, command.upgrade, "head")  # the models read the later columns too
    with db.unit_of_work() as s:
        person = s.get(m.Contact, 2)
        assert person is not None and person.full_name == "Mme Léa Roux"
        assert (person.address_street, person.postal_code, person.city) == (None, None, None)
        person.address_street, person.postal_code, person.city = (
            "3 rue Verte",
            "76170",
            "Lillebonne",
        )
        worker = s.get(m.Contact, 1)
        assert worker is not None
        worker.last_name = "Andrée"  # the search triggers on contact still fire after 0004
    with db.unit_of_work() as s:
        person = s.get(m.Contact, 2)
        assert person is not None and person.address_street == "3 rue Verte"
    if db.dialect == "sqlite":
        with db.engine.connect() as conn:
            triggers = conn.execute(
                text("SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='contact'")
            ).scalars()
            assert set(triggers) >= {"trg_search_contact_insert", "trg_search_contact_update"}
    _run(db, command.downgrade, "0003")
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT last_name FROM contact WHERE id = 2")).scalar() == "Roux"
        assert "city" not in {c["name"] for c in inspect(conn).get_columns("contact")}
