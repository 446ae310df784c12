"""Indexes and statistics for ten years of data: migration 0013 down and up with data (both
engines), and the plans SQLite chooses for the home page's queries (EXPLAIN QUERY PLAN, no
timing): the latest referrals read from an index, réactivité starting from the date index."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import event, inspect, text

from guichet.db import Database
from guichet.db.statistics import analyze, has_statistics, optimize
from guichet.services.reactivity import load_reactivity
from guichet.services.referrals import ReferralService
from tests.conftest import DEMO_NOW
from tests.db.migration_steps import run_migration as _run
from tests.postgres import fresh_database


def _indexes(db: Database) -> set[str]:
    return {str(i["name"]) for i in inspect(db.engine).get_indexes("referral")}


REFERRAL_ROWS = (
    "INSERT INTO organization (id, kind, legal_name, do_not_refer, version) "
    "VALUES (1, 'partner', 'BPI Normandie', false, 1)",
    "INSERT INTO counsellor (id, name, initials, active, version) "
    "VALUES (1, 'Claire Martin', 'CM', true, 1)",
    "INSERT INTO theme (id, name, position, active) VALUES (1, 'Financement', 0, true)",
    "INSERT INTO subject (id, theme_id, name, position, active) "
    "VALUES (1, 1, 'Prêt d''honneur', 0, true)",
    "INSERT INTO inquiry (id, reference, received_at, channel, counsellor_id, status, "
    "consent_to_share, version) VALUES (1, 'D-2026-0001', '2026-11-02 09:15:00', 'desk', 1, "
    "'new', true, 1)",
    "INSERT INTO need (id, inquiry_id, subject_id, position, description, version) "
    "VALUES (1, 1, 1, 0, 'Financer un tour CN', 1)",
    "INSERT INTO referral (id, need_id, partner_id, status, proposed_at, version) "
    "VALUES (1, 1, 1, 'proposed', '2026-11-02 09:30:00', 1)",
)


def test_0013_adds_the_indexes_and_keeps_the_data_down_and_up(empty_db: Database) -> None:
    db = empty_db
    _run(db, command.upgrade, "0009")
    with db.engine.begin() as conn:
        for statement in REFERRAL_ROWS:
            conn.execute(text(statement))
    assert "ix_referral_latest" not in _indexes(db)
    _run(db, command.upgrade, "0013")
    assert "ix_referral_latest" in _indexes(db)
    _run(db, command.downgrade, "0009")
    assert "ix_referral_latest" not in _indexes(db)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT proposed_at FROM referral")).scalar() is not None
    _run(db, command.upgrade, "0013")
    assert "ix_referral_latest" in _indexes(db)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM referral")).scalar() == 1


def _plans(db: Database, action: Callable[[], Any], marker: str) -> list[str]:
    """SQLite's plan for each statement ``action`` ran that contains ``marker``."""
    seen: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if marker in statement:
            seen.append((statement, params))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    assert seen, f"no statement with {marker!r}"
    plans = []
    with db.engine.connect() as conn:
        for statement, params in seen:
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
            plans.append(" | ".join(str(row[3]) for row in rows))
    return plans


def test_the_latest_referrals_come_from_the_index_not_a_sort(demo_db: Database) -> None:
    service = ReferralService(demo_db)
    latest = _plans(
        demo_db, lambda: service.list_referrals(limit=15), "ORDER BY referral.proposed_at DESC"
    )
    assert all("ix_referral_latest" in plan for plan in latest), latest
    assert not any("TEMP B-TREE" in plan for plan in latest), latest


def _reactivity_plans(db: Database) -> str:
    return " || ".join(_plans(db, lambda: load_reactivity(db, DEMO_NOW), "JOIN referral ON"))


def _from_the_date_index(plan: str) -> bool:
    return "USING COVERING INDEX ix_inquiry_received_at" in plan and "SCAN referral" not in plan


def test_reactivity_starts_from_the_date_index(demo_db: Database) -> None:
    assert has_statistics(demo_db)  # the demo ends with ANALYZE
    assert _from_the_date_index(_reactivity_plans(demo_db)), _reactivity_plans(demo_db)
    with demo_db.engine.begin() as conn:  # a database that never had statistics…
        conn.exec_driver_sql("DELETE FROM sqlite_stat1")
    demo_db.engine.dispose()  # (the planner reads them when a connection opens)
    assert not has_statistics(demo_db)
    analyze(demo_db)  # …gets them back
    demo_db.engine.dispose()
    assert has_statistics(demo_db)
    assert _from_the_date_index(_reactivity_plans(demo_db)), _reactivity_plans(demo_db)


def test_opening_a_database_without_statistics_analyses_it(
    demo_db: Database, tmp_path: Path
) -> None:
    from guichet.services.bootstrap import open_database

    with demo_db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM sqlite_stat1")
    demo_db.dispose()
    reopened = open_database(demo_db.url)
    try:
        assert has_statistics(reopened)
        optimize(reopened)  # at close: nothing stale, nothing lost
        assert has_statistics(reopened)
    finally:
        reopened.dispose()


def test_statistics_on_postgresql(postgres_server: str) -> None:
    from guichet.services.bootstrap import open_database

    db = open_database(fresh_database(postgres_server), create=True)
    try:
        analyze(db)  # after a bulk copy: ANALYZE inside the write transaction
        optimize(db)  # nothing to do: autovacuum keeps them
        assert has_statistics(db)
        with db.engine.connect() as conn:
            analysed = conn.execute(
                text("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'referral'")
            ).scalar()
        assert isinstance(analysed, datetime)
    finally:
        db.dispose()
