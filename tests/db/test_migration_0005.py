"""Migration 0005: network names become « réseau » organisations, memberships keep every row."""

from __future__ import annotations

from sqlalchemy import inspect, text

import guichet.models as m
from guichet.db import Database
from tests.db.migration_steps import run_migration as _run
from tests.db.test_migrations import FIRST_REVISION_ROWS

OLD_ROWS = [
    FIRST_REVISION_ROWS[0],
    FIRST_REVISION_ROWS[1],
    "INSERT INTO organization (id, kind, legal_name, do_not_refer, version) "
    "VALUES (2, 'company', 'Forges d''Aval', false, 1)",
    "INSERT INTO inquiry (id, reference, received_at, channel, organization_id, counsellor_id, "
    "status, consent_to_share, version) "
    "VALUES (1, 'D-2026-0001', '2026-11-02 09:15:00', 'desk', 1, 1, 'new', true, 1)",
    "INSERT INTO membership (id, organization_id, network, start_on, end_on, status, "
    "source_inquiry_id, version) VALUES "
    "(1, 1, 'Sotraban', '2021-03-01', NULL, 'active', 1, 3), "
    "(2, 2, 'Sotraban', '2019-01-15', '2022-06-30', 'lapsed', NULL, 1), "
    "(3, 2, 'Club H2 d''Estuaire', '2024-02-01', NULL, 'active', NULL, 1)",
]


def test_0005_turns_network_names_into_organisations_and_keeps_memberships(
    empty_db: Database,
) -> None:
    db = empty_db
    _run(db, m_command("upgrade"), "0004")
    with db.engine.begin() as conn:
        for statement in OLD_ROWS:
            conn.execute(text(statement))
    _run(db, m_command("upgrade"), "head")  # the ORM reads below need the whole schema
    with db.unit_of_work() as s:
        networks = {o.legal_name: o for o in s.query(m.Organization).filter_by(kind="network")}
        assert set(networks) == {"Sotraban", "Club H2 d'Estuaire"}
        rows = {x.id: x for x in s.query(m.Membership)}
        assert len(rows) == 3
        first, second, third = rows[1], rows[2], rows[3]
        assert first.network is networks["Sotraban"] and second.network is networks["Sotraban"]
        assert third.network is networks["Club H2 d'Estuaire"]
        assert first.status == m.MembershipStatus.MEMBER and first.version == 3
        assert second.status == m.MembershipStatus.LEFT
        assert str(second.end_on) == "2022-06-30"
        assert (first.origin_kind, first.origin_id) == (m.MembershipOrigin.INQUIRY, 1)
        assert second.origin_kind is None
        first.left_reason = "Cessation d'activité"  # the new columns are writable
    if db.dialect == "sqlite":
        with db.engine.connect() as conn:
            triggers = conn.execute(
                text(
                    "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='organization'"
                )
            ).scalars()
            assert set(triggers) >= {"trg_search_organization_insert"}
    _run(db, m_command("downgrade"), "0004")
    with db.engine.connect() as conn:
        old = conn.execute(
            text("SELECT id, network, status, source_inquiry_id FROM membership ORDER BY id")
        ).all()
        assert [tuple(r) for r in old] == [
            (1, "Sotraban", "active", 1),
            (2, "Sotraban", "lapsed", None),
            (3, "Club H2 d'Estuaire", "active", None),
        ]
        kinds = conn.execute(text("SELECT DISTINCT kind FROM organization")).scalars().all()
        assert "network" not in kinds
        assert "network_id" not in {c["name"] for c in inspect(conn).get_columns("membership")}
    _run(db, m_command("upgrade"), "0005")  # up again: the same organisations are reused
    with db.engine.connect() as conn:
        assert (
            conn.execute(text("SELECT count(*) FROM organization WHERE kind = 'network'")).scalar()
            == 2
        )
        assert conn.execute(text("SELECT count(*) FROM membership")).scalar() == 3


def m_command(name: str) -> object:
    from alembic import command

    return getattr(command, name)
