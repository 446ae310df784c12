"""An import leaves the directory search index up to date, in its own transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from guichet.db import Database
from guichet.search import DirectorySearch
from tests.services.test_imports import GOOD, run, write


def _pending(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(
            conn.execute(text("SELECT count(*) FROM organization_search_pending")).scalar_one()
        )


def test_imported_organizations_are_searchable_at_once(db: Database, tmp_path: Path) -> None:
    run(db, write(tmp_path / "membres.csv", GOOD))
    assert _pending(db) == 0
    search = DirectorySearch(db)
    assert [h.legal_name for h in search.search("lefebvre usinage")] == ["Usinage Lefèbvre"]
    assert [h.legal_name for h in search.search("chaudronnerie")] == ["Chaudronnerie Œuvre"]


def test_an_import_cancelled_before_indexing_leaves_no_trace_in_the_index(
    db: Database, tmp_path: Path
) -> None:
    calls: list[int] = []
    run(db, write(tmp_path / "essai.csv", GOOD[:1]), check=lambda: calls.append(1))
    last = len(calls)  # the last check comes after every write, just before indexing
    source = write(tmp_path / "membres.csv", GOOD[1:])
    seen: list[int] = []

    def cancel_at_the_last_check() -> None:
        seen.append(1)
        if len(seen) == last:
            raise KeyboardInterrupt("annulé")

    with pytest.raises(KeyboardInterrupt):
        run(db, source, check=cancel_at_the_last_check)
    assert DirectorySearch(db).search("chaudronnerie") == []
    assert [h.legal_name for h in DirectorySearch(db).search("usinage")] == ["Usinage Lefèbvre"]
    assert _pending(db) == 0
