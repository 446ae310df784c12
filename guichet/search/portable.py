"""A plain search for databases without the SQLite index (PostgreSQL until its full text lands).

Each word must appear (``LIKE``, case-insensitive, accents significant) in the name, trade name,
city, postal code, SIREN/SIRET or description; results come by name. Same filters, same hits;
asked for partial matches, the same rule as the SQLite search (:mod:`guichet.search.partial`)
over these ``LIKE`` clauses.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import bindparam, text

from guichet.db import Database
from guichet.search.capabilities import Thesaurus
from guichet.search.explain import LISTING, TEXT, Ranked, hits_for
from guichet.search.filters import OrganizationHit, SearchFilters
from guichet.search.normalize import parse_query
from guichet.search.partial import ENOUGH, most_words, rank_partial
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
    def __init__(
        self,
        db: Database,
        territory: frozenset[str],
        today: Callable[[], date],
        partial: bool = False,
    ) -> None:
        self.db = db
        self.territory = territory
        self.today = today
        self.partial = partial

    def _where(
        self, conn: Any, typed: str, filters: SearchFilters | None
    ) -> tuple[list[str], str, dict[str, Any], list[str]]:
        """One ``LIKE`` clause per word, the filters' SQL, the parameters and the words."""
        thesaurus = Thesaurus.load(conn)
        fsql: FilterSql = filter_sql(
            filters, thesaurus, self.territory, self.today(), dates_as_text=False
        )
        words = [w.lower() for w in typed.split() if w.strip()][:8]
        clauses = []
        for i, word in enumerate(words):
            fsql.params[f"w{i}"] = "%" + word.replace("%", "").replace("_", "") + "%"
            clauses.append("(" + " OR ".join(f"{f} LIKE :w{i}" for f in _FIELDS) + ")")
        return clauses, fsql.where, fsql.params, words

    def _partial(
        self, conn: Any, clauses: list[str], fwhere: str, params: dict[str, Any], words: list[str]
    ) -> list[Ranked]:
        """No organization has every word: those having most of them, by name within a count."""
        if not self.partial or len(clauses) < 2:
            return []
        if conn.execute(
            text(f"SELECT 1 FROM organization o WHERE 1 = 1{_all(clauses)}{fwhere} LIMIT 1"),
            params,
        ).first():
            return []

        def matching(positions: tuple[int, ...], limit: int) -> list[int]:
            chosen = _all([clauses[p] for p in positions])
            rows = conn.execute(
                text(f"SELECT o.id FROM organization o WHERE 1 = 1{chosen}{fwhere} LIMIT :n"),
                {**params, "n": limit},
            )
            return [int(r[0]) for r in rows]

        found = most_words(len(clauses), matching, ENOUGH)
        if not found:
            return []
        rows = conn.execute(
            text(
                "SELECT o.id FROM organization o WHERE o.id IN :ids "
                "ORDER BY lower(o.legal_name), o.id"
            ).bindparams(bindparam("ids", expanding=True)),
            {"ids": list(found)},
        )
        ranked = [Ranked(int(r[0]), TEXT) for r in rows]
        return rank_partial(ranked, found, words)

    def search(
        self, typed: str, filters: SearchFilters | None, limit: int, offset: int
    ) -> list[OrganizationHit]:
        with self.db.engine.connect() as conn:
            clauses, fwhere, params, words = self._where(conn, typed or "", filters)
            limit, offset = max(0, int(limit)), max(0, int(offset))
            rows = conn.execute(
                text(
                    f"SELECT o.id FROM organization o WHERE 1 = 1{_all(clauses)}{fwhere} "
                    "ORDER BY lower(o.legal_name), o.id LIMIT :n OFFSET :o"
                ),
                {**params, "n": limit, "o": offset},
            )
            tier = TEXT if words else LISTING
            ranked = [Ranked(r[0], tier) for r in rows]
            if not ranked and limit:
                ranked = self._partial(conn, clauses, fwhere, params, words)[
                    offset : offset + limit
                ]
            tokens = list(parse_query(typed).tokens)
            return hits_for(
                conn, ranked, tokens, None, Thesaurus.load(conn), self.territory, indexed=False
            )

    def count(self, typed: str, filters: SearchFilters | None, cap: int | None) -> int:
        with self.db.engine.connect() as conn:
            clauses, fwhere, params, words = self._where(conn, typed or "", filters)
            limit = "" if cap is None else f" LIMIT {max(0, int(cap))}"
            inner = f"SELECT 1 FROM organization o WHERE 1 = 1{_all(clauses)}{fwhere}{limit}"
            found = int(
                conn.execute(text(f"SELECT count(*) FROM ({inner}) AS c"), params).scalar_one()
            )
            if found:
                return found
            return len(self._partial(conn, clauses, fwhere, params, words)[:cap])

    def ids(self, typed: str, filters: SearchFilters | None) -> list[int]:
        with self.db.engine.connect() as conn:
            clauses, fwhere, params, words = self._where(conn, typed or "", filters)
            rows = conn.execute(
                text(f"SELECT o.id FROM organization o WHERE 1 = 1{_all(clauses)}{fwhere}"),
                params,
            )
            found = [int(r[0]) for r in rows]
            return found or [r.id for r in self._partial(conn, clauses, fwhere, params, words)]

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Nothing to rebuild: this search reads the tables themselves."""
        with self.db.engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM organization")).scalar_one())


def _all(clauses: list[str]) -> str:
    return "".join(f" AND {c}" for c in clauses)
