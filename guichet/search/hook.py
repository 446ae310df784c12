"""Keeps the search index in the same transaction as the change.

Triggers (migration 0003 on SQLite, 0012 on PostgreSQL) queue every organization whose searchable text may have changed;
this hook, installed on each session by ``guichet.services.bootstrap.attach``, flushes the
session before its commit and re-indexes the queue, so the commit carries data and index
together, or neither.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

from guichet.search import indexer, pg_index


def _before_commit(session: Session) -> None:
    session.flush()
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        indexer.process_pending(connection)
    elif connection.dialect.name == "postgresql":
        pg_index.process_pending(connection)


def install_search_hook(session: Session) -> None:
    """Session hook for ``Database.session_hooks`` (idempotent)."""
    if session.info.get("search_hooked"):
        return
    event.listen(session, "before_commit", _before_commit)
    session.info["search_hooked"] = True
