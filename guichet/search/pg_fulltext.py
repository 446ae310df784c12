"""Directory search on PostgreSQL: the same folded index and ranking as SQLite, in SQL of its own.

Every organization's folded words are one ``tsvector`` (``organization_search.document``,
migration 0012) under a GIN index; the terms of :func:`guichet.search.fts_query.terms_for`
(indexed words a token begins, the token as a prefix, its one-typo corrections) become a
``tsquery`` written lexeme by lexeme (``'usinage' & ('lefebvre' | 'lefebre':*)``), never parsed
from what was typed. The ranking, the tiers and the French reasons are
:mod:`guichet.search.ranked`'s.

A GIN index answers a prefix by gathering every word it begins before returning the first row:
one or two letters (``b``, ``de``) gather a good part of the directory. Beside a longer token,
such a short one is therefore tested row by row (``ts_match_vq``, which the planner does not
match to the index) on the rows the longer tokens find; alone, it is left to the planner, whose
statistics of the ``tsvector``'s words tell a common beginning (read the table in order and stop
at the first 401 rows) from a rare one (the index).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from guichet.db.database import PG_WRITE_LOCK
from guichet.search.pg_index import process_pending, reindex_all
from guichet.search.ranked import RankedSearch, Terms
from guichet.search.sql_filters import FilterSql

log = logging.getLogger(__name__)

#: Beside a longer token, a token whose every alternative is a prefix shorter than this is
#: tested row by row.
INDEXED_MIN_CHARS = 3


def lexeme(term: str, prefix: bool) -> str:
    """``'term'`` or ``'term':*`` (terms hold letters and digits only; quotes doubled anyway)."""
    quoted = "'" + term.replace("'", "''").replace("\\", "\\\\") + "'"
    return quoted + (":*" if prefix else "")


def tsquery(terms: Terms) -> str:
    """``[[("usinage", False)], [("bol", True)]]`` → ``('usinage') & ('bol':*)``."""
    return " & ".join(
        "(" + " | ".join(lexeme(t, p) for t, p in alternatives) + ")" for alternatives in terms
    )


def _short(alternatives: list[tuple[str, bool]]) -> bool:
    return all(prefix and len(t) < INDEXED_MIN_CHARS for t, prefix in alternatives)


class PostgresDirectorySearch(RankedSearch):
    dates_as_text = False
    expand_min_chars = 2
    _prefetched: tuple[Any, ...] | None = None

    def _catch_up(self, conn: Connection) -> None:
        # The thesaurus comes with the answer (one round trip to the server, not two).
        rows = conn.exec_driver_sql(
            "SELECT p.pending, c.id, c.parent_id, c.name, c.synonyms FROM (SELECT EXISTS "
            "(SELECT 1 FROM organization_search_pending) OR EXISTS (SELECT 1 FROM "
            "capability_search_pending) AS pending) p LEFT JOIN capability c ON true "
            "ORDER BY c.id"
        ).all()
        self._prefetched = tuple(tuple(r[1:]) for r in rows if r[1] is not None)
        if not rows[0][0]:
            return
        try:  # as a writer would, but never waiting for one: search what is indexed
            if conn.exec_driver_sql(f"SELECT pg_try_advisory_xact_lock({PG_WRITE_LOCK})").scalar():
                process_pending(conn)
            conn.commit()
        except OperationalError as exc:
            conn.rollback()
            log.warning("Index de recherche non rattrapé : %s", exc)

    def _thesaurus_rows(self, conn: Connection) -> tuple[Any, ...]:
        rows, self._prefetched = self._prefetched, None
        return rows if rows is not None else super()._thesaurus_rows(conn)

    def _matching_sql(
        self, terms: Terms, fsql: FilterSql, exclude: bool
    ) -> tuple[str, dict[str, Any]]:
        indexed = [a for a in terms if not _short(a)] or terms
        scanned = [a for a in terms if a not in indexed]
        conditions, params = [], {}
        if indexed:
            conditions.append("s.document @@ CAST(:q AS tsquery)")
            params["q"] = tsquery(indexed)
        if scanned:
            conditions.append("ts_match_vq(s.document, CAST(:r AS tsquery))")
            params["r"] = tsquery(scanned)
        join = " JOIN organization o ON o.id = s.id" if fsql else ""
        skip = " AND s.id NOT IN :ex" if exclude else ""
        where = " AND ".join(conditions) or "true"
        return (
            f"SELECT s.id FROM organization_search s{join} WHERE {where}{fsql.where}{skip}",
            params,
        )

    def _word_start(self, column: str, param: str) -> str:
        return f"(strpos(' ' || {column}, :{param}) > 0)::int"

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        with self.db.write_transaction() as conn:
            found = reindex_all(conn, progress)
        with self.db.engine.begin() as conn:  # fresh statistics (skipped unless the owner)
            conn.exec_driver_sql("ANALYZE organization_search")
        return found
