"""Writes the directory's search index (SQLite): one row of folded text per organization.

The index lives in ``organization_search`` (external content) and ``organization_fts`` (FTS5),
created by migration 0003. Triggers queue every changed organization in
``organization_search_pending``; :func:`process_pending` re-indexes them, and is called before
each commit by the session hook (:mod:`guichet.search.hook`), so the index changes in the same
transaction as the data. Everything here works on a plain :class:`~sqlalchemy.Connection` with
SQL on the tables of revision 0001, so the migration can use it too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import BindParameter, Connection, bindparam, text

from guichet.reference.communes import commune
from guichet.search.capabilities import Thesaurus
from guichet.search.fts_query import VOCABULARY_MIN_CHARS
from guichet.search.normalize import fold_key, fold_words

#: The FTS5 columns, in their order in the table.
COLUMNS = ("names", "ident", "place", "capabilities", "labels", "contacts", "description")
_COLS = ", ".join(COLUMNS)
BATCH = 2000

_IDS: BindParameter[Any] = bindparam("ids", expanding=True)


def _fetch(connection: Connection, sql: str, ids: Sequence[int]) -> list[Any]:
    return list(connection.execute(text(sql).bindparams(_IDS), {"ids": list(ids)}))


@lru_cache(maxsize=8192)
def _place(city: str | None, postal_code: str | None, insee: str | None) -> str:
    """Folded place words (memoized: organizations share a few hundred communes)."""
    known = commune(insee) if insee else None
    return fold_words(city, known.name if known else None, postal_code)


def build_rows(
    connection: Connection, ids: Sequence[int], thesaurus: Thesaurus
) -> list[tuple[Any, ...]]:
    """Index rows ``(id, name_key, trade_key, *COLUMNS)`` of the organizations among ``ids``."""
    orgs = _fetch(
        connection,
        "SELECT id, legal_name, trade_name, siren, siret, postal_code, city, commune_insee, "
        "description FROM organization WHERE id IN :ids",
        ids,
    )
    if not orgs:
        return []
    found = [o[0] for o in orgs]
    contacts: dict[int, list[str]] = defaultdict(list)
    for org_id, first, last in _fetch(
        connection,
        "SELECT organization_id, first_name, last_name FROM contact "
        "WHERE organization_id IN :ids AND anonymized_at IS NULL",
        found,
    ):
        contacts[org_id].append(fold_words(first, last))
    capabilities: dict[int, list[int]] = defaultdict(list)
    for org_id, cap_id in _fetch(
        connection,
        "SELECT organization_id, capability_id FROM organization_capability "
        "WHERE organization_id IN :ids",
        found,
    ):
        capabilities[org_id].append(cap_id)
    labels: dict[int, list[str]] = defaultdict(list)
    for org_id, name in _fetch(
        connection,
        "SELECT l.organization_id, c.name FROM organization_certification l "
        "JOIN certification c ON c.id = l.certification_id WHERE l.organization_id IN :ids "
        "UNION ALL SELECT l.organization_id, s.name FROM organization_sector l "
        "JOIN sector s ON s.id = l.sector_id WHERE l.organization_id IN :ids",
        found,
    ):
        labels[org_id].append(fold_words(name))
    rows = []
    for org_id, legal, trade, siren, siret, postal, city, insee, description in orgs:
        legal_key = fold_key(legal)
        trade_key = fold_key(trade)
        rows.append(
            (
                org_id,
                legal_key,
                trade_key,
                " ".join(k for k in (legal_key, trade_key) if k),  # fold_words(legal, trade)
                " ".join(x for x in (siren, siret) if x),
                _place(city, postal, insee),
                thesaurus.index_text(capabilities.get(org_id, ())),
                " ".join(labels.get(org_id, ())),
                " ".join(contacts.get(org_id, ())),
                fold_words(description),
            )
        )
    return rows


def vocabulary(rows: Iterable[tuple[Any, ...]]) -> list[str]:
    """The words of index rows kept for prefix expansion and typo correction (both engines)."""
    found: set[str] = set()
    for row in rows:
        for column in row[3:]:
            found.update(
                w for w in column.split() if len(w) >= VOCABULARY_MIN_CHARS and not w.isdigit()
            )
    return sorted(found)


def _insert(connection: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    if not rows:
        return
    connection.exec_driver_sql(
        f"INSERT INTO organization_search (id, name_key, trade_key, {_COLS}) "
        f"VALUES ({', '.join('?' * (3 + len(COLUMNS)))})",
        list(rows),
    )


def reindex(connection: Connection, ids: Iterable[int]) -> None:
    """Re-index these organizations (those deleted leave the index)."""
    unique = sorted(set(ids))
    thesaurus = Thesaurus.load(connection)
    for start in range(0, len(unique), BATCH):
        chunk = unique[start : start + BATCH]
        connection.execute(
            text(
                f"INSERT INTO organization_fts (organization_fts, rowid, {_COLS}) "
                f"SELECT 'delete', id, {_COLS} FROM organization_search WHERE id IN :ids"
            ).bindparams(_IDS),
            {"ids": chunk},
        )
        connection.execute(
            text("DELETE FROM organization_search WHERE id IN :ids").bindparams(_IDS),
            {"ids": chunk},
        )
        rows = build_rows(connection, chunk, thesaurus)
        if not rows:
            continue
        _insert(connection, rows)
        connection.execute(
            text(
                f"INSERT INTO organization_fts (rowid, {_COLS}) "
                f"SELECT id, {_COLS} FROM organization_search WHERE id IN :ids"
            ).bindparams(_IDS),
            {"ids": [r[0] for r in rows]},
        )
        terms = [(t,) for t in vocabulary(rows)]
        if terms:  # an empty list would run the statement once, without parameters
            connection.exec_driver_sql("INSERT OR IGNORE INTO search_term (term) VALUES (?)", terms)


def process_pending(connection: Connection) -> int:
    """Re-index what the triggers queued; returns how many organizations were re-indexed."""
    if connection.exec_driver_sql("SELECT 1 FROM capability_search_pending LIMIT 1").first():
        connection.exec_driver_sql(
            "WITH RECURSIVE d(id) AS (SELECT capability_id FROM capability_search_pending "
            "UNION SELECT c.id FROM capability c JOIN d ON c.parent_id = d.id) "
            "INSERT OR IGNORE INTO organization_search_pending (organization_id) "
            "SELECT organization_id FROM organization_capability WHERE capability_id IN d"
        )
        connection.exec_driver_sql("DELETE FROM capability_search_pending")
    ids = [
        r[0]
        for r in connection.exec_driver_sql(
            "SELECT organization_id FROM organization_search_pending"
        )
    ]
    if ids:
        reindex(connection, ids)
        connection.exec_driver_sql("DELETE FROM organization_search_pending")
    return len(ids)


def reindex_all(connection: Connection, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index from the tables; returns the number of organizations indexed."""
    connection.exec_driver_sql("DELETE FROM organization_search")
    connection.exec_driver_sql(
        "INSERT INTO organization_fts (organization_fts) VALUES ('delete-all')"
    )
    connection.exec_driver_sql("DELETE FROM search_term")
    connection.exec_driver_sql("DELETE FROM organization_search_pending")
    connection.exec_driver_sql("DELETE FROM capability_search_pending")
    thesaurus = Thesaurus.load(connection)
    ids = [r[0] for r in connection.exec_driver_sql("SELECT id FROM organization ORDER BY id")]
    for start in range(0, len(ids), BATCH):
        _insert(connection, build_rows(connection, ids[start : start + BATCH], thesaurus))
        if progress is not None:
            progress(min(start + BATCH, len(ids)), len(ids))
    connection.exec_driver_sql("INSERT INTO organization_fts (organization_fts) VALUES ('rebuild')")
    connection.exec_driver_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.organization_fts_terms "
        "USING fts5vocab(main, organization_fts, 'row')"
    )
    connection.exec_driver_sql(
        "INSERT OR IGNORE INTO search_term (term) SELECT term FROM temp.organization_fts_terms "
        "WHERE length(term) >= 3 AND term GLOB '*[a-z]*'"
    )
    connection.exec_driver_sql("DROP TABLE temp.organization_fts_terms")
    return len(ids)
