"""Directory search on SQLite FTS5 (the ranking is :mod:`guichet.search.ranked`'s)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from guichet.search.fts_query import match_expression
from guichet.search.indexer import process_pending, reindex_all
from guichet.search.ranked import RankedSearch, Terms
from guichet.search.sql_filters import FilterSql

log = logging.getLogger(__name__)


class SqliteDirectorySearch(RankedSearch):
    def _catch_up(self, conn: Connection) -> None:
        pending = conn.exec_driver_sql(
            "SELECT EXISTS (SELECT 1 FROM organization_search_pending) "
            "OR EXISTS (SELECT 1 FROM capability_search_pending)"
        ).scalar()
        if not pending:
            return
        try:
            process_pending(conn)
            conn.commit()
        except OperationalError as exc:  # another writer holds the lock: search what is indexed
            conn.rollback()
            log.warning("Index de recherche non rattrapé : %s", exc)

    def _matching_sql(
        self, terms: Terms, fsql: FilterSql, exclude: bool
    ) -> tuple[str, dict[str, Any]]:
        join = " JOIN organization o ON o.id = organization_fts.rowid" if fsql else ""
        skip = " AND organization_fts.rowid NOT IN :ex" if exclude else ""
        return (
            f"SELECT organization_fts.rowid FROM organization_fts{join} "
            f"WHERE organization_fts MATCH :m{fsql.where}{skip}",
            {"m": match_expression(terms)},
        )

    def _word_start(self, column: str, param: str) -> str:
        return f"(instr(' ' || {column}, :{param}) > 0)"

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        with self.db.engine.begin() as conn:
            return reindex_all(conn, progress)
