"""Planner statistics, kept up to date so that queries start from the right index.

SQLite never gathers statistics by itself: without them its planner guesses, and on a large
database it scans every referral where the date index would read a few (Accueil's réactivité:
1 → 17 ms at 100×, 0.45 ms once analysed). So:

- :func:`analyze` after a bulk write (the demo, an import, a migration, a database that never had
  any statistics): SQLite ``ANALYZE`` bounded by ``analysis_limit`` (a sample of each index, a
  fraction of a second at 100×); PostgreSQL ``ANALYZE`` (autovacuum keeps it up to date later, but
  not straight after a bulk copy).
- :func:`optimize` when the window closes: ``PRAGMA optimize``, which re-analyses only the tables
  that changed enough since the last time (usually a no-op). Nothing on PostgreSQL (autovacuum).
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import DBAPIError

from guichet.db.database import Database

log = logging.getLogger(__name__)

#: Rows sampled per index by SQLite's ANALYZE (its documentation suggests 100–1000).
ANALYSIS_LIMIT = 1000


def has_statistics(db: Database) -> bool:
    """Whether the planner has statistics (always True on PostgreSQL: autovacuum gathers them)."""
    if db.dialect != "sqlite":
        return True
    with db.engine.connect() as conn:
        found = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
        ).first()
        return (
            found is not None
            and conn.exec_driver_sql("SELECT 1 FROM sqlite_stat1 LIMIT 1").first() is not None
        )


def analyze(db: Database) -> None:
    """Gather the planner's statistics for every table (after a bulk write)."""
    with db.write_transaction() as conn:
        if db.dialect == "sqlite":
            conn.exec_driver_sql(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        conn.exec_driver_sql("ANALYZE")


def optimize(db: Database) -> None:
    """Refresh the statistics that went stale (SQLite, when the window closes); a failure is
    logged, never raised: the data is safe either way."""
    if db.dialect != "sqlite":
        return
    try:
        with db.engine.connect() as conn:
            conn.exec_driver_sql(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
            conn.exec_driver_sql("PRAGMA optimize")
            conn.commit()
    except DBAPIError:
        log.warning("PRAGMA optimize impossible", exc_info=True)
