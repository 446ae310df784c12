"""Writes the directory's search index on PostgreSQL (tables of migration 0012).

The rows are those of :func:`guichet.search.indexer.build_rows`, the very rows the SQLite
index holds (same folding, same capability ancestors and synonyms); PostgreSQL derives the
``document`` tsvector from them itself (a generated column). Triggers queue every changed
organization; :func:`process_pending` re-indexes the queue before each commit (session hook),
so data and index are committed together, or neither.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import BindParameter, Connection, bindparam, text

from guichet.search.capabilities import Thesaurus
from guichet.search.indexer import BATCH, COLUMNS, build_rows, vocabulary

_NAMES = ("id", "name_key", "trade_key", *COLUMNS)
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)


def _insert(connection: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    if not rows:
        return
    connection.execute(
        text(
            f"INSERT INTO organization_search ({', '.join(_NAMES)}) "
            f"VALUES ({', '.join(':' + n for n in _NAMES)})"
        ),
        [dict(zip(_NAMES, row, strict=True)) for row in rows],
    )


def _add_terms(connection: Connection, terms: Iterable[str]) -> None:
    found = sorted(set(terms))
    if found:
        connection.execute(
            text(
                "INSERT INTO search_term (term) SELECT unnest(CAST(:t AS text[])) ON CONFLICT DO NOTHING"
            ),
            {"t": found},
        )


def reindex(connection: Connection, ids: Iterable[int]) -> None:
    """Re-index these organizations (those deleted leave the index)."""
    unique = sorted(set(ids))
    thesaurus = Thesaurus.load(connection)
    for start in range(0, len(unique), BATCH):
        chunk = unique[start : start + BATCH]
        connection.execute(
            text("DELETE FROM organization_search WHERE id IN :ids").bindparams(_IDS),
            {"ids": chunk},
        )
        rows = build_rows(connection, chunk, thesaurus)
        _insert(connection, rows)
        _add_terms(connection, vocabulary(rows))


def process_pending(connection: Connection) -> int:
    """Re-index what the triggers queued; returns how many organizations were re-indexed."""
    if connection.exec_driver_sql("SELECT 1 FROM capability_search_pending LIMIT 1").first():
        connection.exec_driver_sql(
            "WITH RECURSIVE d(id) AS (SELECT capability_id FROM capability_search_pending "
            "UNION SELECT c.id FROM capability c JOIN d ON c.parent_id = d.id) "
            "INSERT INTO organization_search_pending (organization_id) "
            "SELECT organization_id FROM organization_capability "
            "WHERE capability_id IN (SELECT id FROM d) ON CONFLICT DO NOTHING"
        )
        connection.exec_driver_sql("DELETE FROM capability_search_pending")
    if not connection.exec_driver_sql("SELECT 1 FROM organization_search_pending LIMIT 1").first():
        return 0
    ids = [
        r[0]
        for r in connection.exec_driver_sql(
            "DELETE FROM organization_search_pending RETURNING organization_id"
        )
    ]
    if ids:
        reindex(connection, ids)
    return len(ids)


def reindex_all(connection: Connection, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index from the tables; returns the number of organizations indexed."""
    for table in (
        "organization_search",
        "search_term",
        "organization_search_pending",
        "capability_search_pending",
    ):
        connection.exec_driver_sql(f"DELETE FROM {table}")
    thesaurus = Thesaurus.load(connection)
    ids = [r[0] for r in connection.exec_driver_sql("SELECT id FROM organization ORDER BY id")]
    terms: set[str] = set()
    for start in range(0, len(ids), BATCH):
        rows = build_rows(connection, ids[start : start + BATCH], thesaurus)
        _insert(connection, rows)
        terms.update(vocabulary(rows))
        if progress is not None:
            progress(min(start + BATCH, len(ids)), len(ids))
    _add_terms(connection, terms)
    return len(ids)
