"""A plain search for databases without the SQLite index (PostgreSQL until its full text lands).

Each word must appear (``LIKE``, case-insensitive, accents significant) in the name, trade name,
city, postal code, SIREN/SIRET or description; results come by name. Same filters, same hits.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import text

from guichet.db import Database
from guichet.search.capabilities import Thesaurus
from guichet.search.explain import LISTING, TEXT, Ranked, hits_for
from guichet.search.filters import OrganizationHit, SearchFilters
from guichet.search.normalize import parse_query
from guichet.search.sql_filters import FilterSql, filter_sql

_FIELDS = (
    "lower(o.legal_name)",
    "lower(coalesce(o.trade_name, ''))",
    "lower(coalesce(o.city, ''))",
    "coalesce(o.postal_code, '')",
    "coalesce(o.siren, '')",
    "coalesce(o.siret, '')",
    "lower(coalesce(o.description, ''))",
)


class PortableDirectorySearch:
    def __init__(self, db: Database, territory: frozenset[str], today: Callable[[], date]) -> None:
        self.db = db
        self.territory = territory
        self.today = today

    def _where(
        self, conn: Any, typed: str, filters: SearchFilters | None
    ) -> tuple[str, dict[str, Any], list[str]]:
        thesaurus = Thesaurus.load(conn)
        fsql: FilterSql = filter_sql(
            filters, thesaurus, self.territory, self.today(), dates_as_text=False
        )
        words = [w.lower() for w in typed.split() if w.strip()][:8]
        clauses = []
        for i, word in enumerate(words):
            fsql.params[f"w{i}"] = "%" + word.replace("%", "").replace("_", "") + "%"
            clauses.append("(" + " OR ".join(f"{f} LIKE :w{i}" for f in _FIELDS) + ")")
        where = "".join(f" AND {c}" for c in clauses) + fsql.where
        return where, fsql.params, words

    def search(
        self, typed: str, filters: SearchFilters | None, limit: int, offset: int
    ) -> list[OrganizationHit]:
        with self.db.engine.connect() as conn:
            where, params, words = self._where(conn, typed or "", filters)
            rows = conn.execute(
                text(
                    f"SELECT o.id FROM organization o WHERE 1 = 1{where} "
                    "ORDER BY lower(o.legal_name), o.id LIMIT :n OFFSET :o"
                ),
                {**params, "n": max(0, int(limit)), "o": max(0, int(offset))},
            )
            tier = TEXT if words else LISTING
            ranked = [Ranked(r[0], tier) for r in rows]
            tokens = list(parse_query(typed).tokens)
            return hits_for(
                conn, ranked, tokens, None, Thesaurus.load(conn), self.territory, indexed=False
            )

    def count(self, typed: str, filters: SearchFilters | None, cap: int | None) -> int:
        with self.db.engine.connect() as conn:
            where, params, _ = self._where(conn, typed or "", filters)
            limit = "" if cap is None else f" LIMIT {max(0, int(cap))}"
            inner = f"SELECT 1 FROM organization o WHERE 1 = 1{where}{limit}"
            return int(
                conn.execute(text(f"SELECT count(*) FROM ({inner}) AS c"), params).scalar_one()
            )

    def ids(self, typed: str, filters: SearchFilters | None) -> list[int]:
        with self.db.engine.connect() as conn:
            where, params, _ = self._where(conn, typed or "", filters)
            rows = conn.execute(text(f"SELECT o.id FROM organization o WHERE 1 = 1{where}"), params)
            return [int(r[0]) for r in rows]

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Nothing to rebuild: this search reads the tables themselves."""
        with self.db.engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM organization")).scalar_one())
