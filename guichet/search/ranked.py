"""The directory search's algorithm, shared by both engines; only the SQL of matching differs.

Ranking, best first: exact name or SIREN/SIRET; name starting with the query; capability
matches; other text. A result set of at most :data:`SMALL` rows is ranked whole (inside a tier,
by the weighted columns where the words were found, then by name). A larger one comes from an
unspecific query (one or two letters typed, a very common word): then each tier is read lazily,
in index order, only as far as the page needs, so no keystroke pays for ranking hundreds of
thousands of rows.

An engine (:mod:`guichet.search.sqlite_fts`, :mod:`guichet.search.pg_fulltext`) says how to
find the organizations having every term (:meth:`RankedSearch._matching`), how to test that a
folded column has a word beginning with a term (:meth:`RankedSearch._word_start`), how to catch
up with changes made outside the app and how to rebuild its index. The folded columns
(``organization_search``), the vocabulary of the typo correction (``search_term``), the tiers,
weights and French reasons are the same on both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, text

from guichet.db import Database
from guichet.search.capabilities import Thesaurus
from guichet.search.explain import CAPABILITY, EXACT, LISTING, NAME_START, TEXT, Ranked, hits_for
from guichet.search.filters import OrganizationHit, SearchFilters
from guichet.search.fts_query import EXPAND_MIN_CHARS, terms_for
from guichet.search.normalize import ParsedQuery, parse_query
from guichet.search.partial import ENOUGH, most_words, rank_partial, typed_labels
from guichet.search.sql_filters import FilterSql, filter_sql

#: Result sets up to this size are ranked whole.
SMALL = 400
#: Inside a tier, a word found in the name counts most, in the description least. (bm25 would
#: need the document count of every word typed, a full read of its doclist: 6 to 13 ms for a
#: common word on 500,000 organizations, at every keystroke.)
COLUMN_WEIGHTS = {
    "names": 10,
    "ident": 8,
    "capabilities": 6,
    "place": 4,
    "labels": 3,
    "contacts": 2,
    "description": 1,
}
#: Above every character: ``key <= name < key + TOP`` is "name starts with key" (binary order).
TOP = "\U0010ffff"

Terms = list[list[tuple[str, bool]]]


def _capability_words(terms: Terms, thesaurus: Thesaurus) -> list[str]:
    """The terms that begin a word of the thesaurus (a capability, a parent or a synonym)."""
    return [t for alternatives in terms for t, _ in alternatives if thesaurus.matching([t])]


class RankedSearch:
    """Search, count and ids over ``organization_search``; subclasses give the engine's SQL."""

    #: SQLite compares dates as ISO text, PostgreSQL as dates.
    dates_as_text = True
    #: Tokens this long or longer are replaced by the indexed words they begin (when few).
    expand_min_chars = EXPAND_MIN_CHARS

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
        self._thesaurus_rows_seen: tuple[Any, ...] | None = None
        self._thesaurus_cache = Thesaurus(())

    # -- what an engine gives ----------------------------------------------------------------

    def _catch_up(self, conn: Connection) -> None:
        """Index what was queued outside the app's sessions (a script, another tool)."""
        raise NotImplementedError

    def _matching_sql(
        self, terms: Terms, fsql: FilterSql, exclude: bool
    ) -> tuple[str, dict[str, Any]]:
        """``SELECT <id> …`` of the organizations having every term, passing the filters (their
        conditions on ``o``); with ``exclude``, not among the ids bound as ``:ex``."""
        raise NotImplementedError

    def _word_start(self, column: str, param: str) -> str:
        """SQL integer, 1 when a word of ``column`` starts with ``:param`` (a space before the
        term: columns are folded words separated by single spaces)."""
        raise NotImplementedError

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        raise NotImplementedError

    # -- plumbing ----------------------------------------------------------------------------

    def _thesaurus_rows(self, conn: Connection) -> tuple[Any, ...]:
        return tuple(
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT id, parent_id, name, synonyms FROM capability ORDER BY id"
            )
        )

    def _thesaurus(self, conn: Connection) -> Thesaurus:
        rows = self._thesaurus_rows(conn)
        if rows != self._thesaurus_rows_seen:
            self._thesaurus_cache = Thesaurus(rows)
            self._thesaurus_rows_seen = rows
        return self._thesaurus_cache

    def _filters(self, thesaurus: Thesaurus, filters: SearchFilters | None) -> FilterSql:
        return filter_sql(
            filters, thesaurus, self.territory, self.today(), dates_as_text=self.dates_as_text
        )

    def _ids(self, conn: Connection, sql: str, params: dict[str, Any]) -> list[int]:
        statement = text(sql)
        if "ex" in params:
            statement = statement.bindparams(bindparam("ex", expanding=True))
        return [r[0] for r in conn.execute(statement, params)]

    def _matching(
        self,
        conn: Connection,
        terms: Terms,
        fsql: FilterSql,
        n: int,
        exclude: Sequence[int] = (),
    ) -> list[int]:
        sql, params = self._matching_sql(terms, fsql, bool(exclude))
        params = {**fsql.params, **params, "n": n}
        if exclude:
            params["ex"] = list(exclude)
        return self._ids(conn, f"{sql} LIMIT :n", params)

    def _terms(
        self, conn: Connection, query: ParsedQuery, fsql: FilterSql
    ) -> tuple[Terms, list[int]]:
        """The terms to search and the first matching ids, in index order (at most SMALL + 1)."""
        terms: Terms = terms_for(conn, query.tokens, self.expand_min_chars)
        return terms, self._matching(conn, terms, fsql, SMALL + 1)

    # -- ranking -----------------------------------------------------------------------------

    def _by_capability(
        self, conn: Connection, ids: Sequence[int], terms: Terms, thesaurus: Thesaurus
    ) -> set[int]:
        """Those of ``ids`` whose capabilities (with ancestors and synonyms) a query word names."""
        words = _capability_words(terms, thesaurus)
        if not words or not ids:
            return set()
        params: dict[str, Any] = {f"w{i}": " " + w for i, w in enumerate(words)}
        named = " OR ".join(
            f"{self._word_start('capabilities', f'w{i}')} = 1" for i in range(len(words))
        )
        return set(
            self._ids(
                conn,
                f"SELECT id FROM organization_search WHERE id IN :ex AND ({named})",
                {**params, "ex": list(ids)},
            )
        )

    def _rank_small(
        self,
        conn: Connection,
        query: ParsedQuery,
        terms: Terms,
        ids: list[int],
        thesaurus: Thesaurus,
    ) -> list[Ranked]:
        """Rank a whole (small) result set: tier, then weighted columns found, then name."""
        words = [" " + w for w in _capability_words(terms, thesaurus)]
        params: dict[str, Any] = {f"t{i}": " " + t for i, t in enumerate(query.tokens)}
        relevance = " + ".join(
            f"{weight} * {self._word_start('s.' + column, f't{i}')}"
            for column, weight in COLUMN_WEIGHTS.items()
            for i in range(len(query.tokens))
        )
        rows = conn.execute(
            text(
                "SELECT s.id, s.name_key, s.trade_key, o.siren, o.siret, s.capabilities, "
                f"{relevance} FROM organization_search s "
                "JOIN organization o ON o.id = s.id WHERE s.id IN :ids"
            ).bindparams(bindparam("ids", expanding=True)),
            {**params, "ids": ids},
        )
        key, digits = query.key, query.digits
        ranked = []
        for org_id, name_key, trade_key, siren, siret, capabilities, score in rows:
            if key in (name_key, trade_key) or (digits and digits in (siren, siret)):
                tier = EXACT
            elif name_key.startswith(key) or (trade_key and trade_key.startswith(key)):
                tier = NAME_START
            elif any(w in " " + capabilities for w in words):  # as _by_capability's SQL
                tier = CAPABILITY
            else:
                tier = TEXT
            ranked.append((tier, -float(score), name_key, org_id))
        ranked.sort()
        return [Ranked(org_id, tier, -score) for tier, score, _, org_id in ranked]

    def _rank_large(
        self,
        conn: Connection,
        query: ParsedQuery,
        terms: Terms,
        first_ids: list[int],
        fsql: FilterSql,
        thesaurus: Thesaurus,
        want: int,
    ) -> list[Ranked]:
        """Read each tier lazily, only as far as the page needs (a large result set)."""
        out: list[Ranked] = []
        seen: set[int] = set()

        def add(ids: list[int], tier: int) -> None:
            for org_id in ids:
                if org_id not in seen:
                    seen.add(org_id)
                    out.append(Ranked(org_id, tier))

        join = " JOIN organization o ON o.id = s.id" if fsql else ""
        params = {**fsql.params, "k": query.key, "top": query.key + TOP, "n": want}
        rows = conn.execute(  # both tiers in one statement: one round trip to a server
            text(
                f"SELECT 0, id FROM (SELECT s.id FROM organization_search s{join} "
                f"WHERE s.name_key = :k{fsql.where} UNION SELECT s.id FROM organization_search "
                f"s{join} WHERE s.trade_key = :k{fsql.where} LIMIT :n) AS exact "
                f"UNION ALL SELECT 1, id FROM (SELECT s.id FROM organization_search s{join} "
                f"WHERE s.name_key >= :k AND s.name_key < :top{fsql.where} "
                "ORDER BY s.name_key LIMIT :n) AS start"
            ),
            params,
        ).all()
        add([r[1] for r in rows if r[0] == 0], EXACT)
        add([r[1] for r in rows if r[0] == 1], NAME_START)
        if len(out) < want:
            by_capability = self._by_capability(conn, first_ids, terms, thesaurus)
            add([i for i in first_ids if i in by_capability], CAPABILITY)
        if len(out) < want:
            add(first_ids, TEXT)
        if len(out) < want:
            add(self._matching(conn, terms, fsql, want - len(out), tuple(seen)), TEXT)
        return out

    def _partial(
        self,
        conn: Connection,
        text_: str,
        query: ParsedQuery,
        terms: Terms,
        fsql: FilterSql,
        thesaurus: Thesaurus,
    ) -> list[Ranked]:
        """Nobody has every word: those having most of them (see :mod:`guichet.search.partial`)."""
        if not self.partial or len(terms) < 2:
            return []

        def matching(positions: tuple[int, ...], limit: int) -> list[int]:
            return self._matching(conn, [terms[p] for p in positions], fsql, limit)

        found = most_words(len(terms), matching, ENOUGH)
        if not found:
            return []
        ranked = self._rank_small(conn, query, terms, list(found), thesaurus)
        return rank_partial(ranked, found, typed_labels(text_, query.tokens))

    def _listing(self, conn: Connection, fsql: FilterSql, limit: int, offset: int) -> list[Ranked]:
        ids = self._ids(
            conn,
            "SELECT s.id FROM organization_search s JOIN organization o ON o.id = s.id "
            f"WHERE 1 = 1{fsql.where} ORDER BY s.name_key, s.id LIMIT :n OFFSET :o",
            {**fsql.params, "n": limit, "o": offset},
        )
        return [Ranked(i, LISTING) for i in ids]

    # -- the interface -----------------------------------------------------------------------

    def search(
        self, text_: str, filters: SearchFilters | None, limit: int, offset: int
    ) -> list[OrganizationHit]:
        limit, offset = max(0, int(limit)), max(0, int(offset))
        query = parse_query(text_)
        with self.db.engine.connect() as conn:
            self._catch_up(conn)
            thesaurus = self._thesaurus(conn)
            fsql = self._filters(thesaurus, filters)
            if limit == 0:
                return []
            tokens: list[str] = []
            if query.is_empty:
                ranked = self._listing(conn, fsql, limit, offset)
            else:
                terms, ids = self._terms(conn, query, fsql)
                tokens = [t for alternatives in terms for t, _ in alternatives]
                if not ids:
                    ranked = self._partial(conn, text_, query, terms, fsql, thesaurus)
                elif len(ids) <= SMALL:
                    ranked = self._rank_small(conn, query, terms, ids, thesaurus)
                else:
                    ranked = self._rank_large(
                        conn, query, terms, ids, fsql, thesaurus, offset + limit
                    )
                ranked = ranked[offset : offset + limit]
            return hits_for(conn, ranked, tokens, query.digits, thesaurus, self.territory)

    def _all_matching(
        self, conn: Connection, text_: str, filters: SearchFilters | None, cap: int | None
    ) -> tuple[str, dict[str, Any]] | list[int]:
        """The statement selecting the id of every match, or the ids of the partial matches."""
        query = parse_query(text_)
        self._catch_up(conn)
        thesaurus = self._thesaurus(conn)
        fsql = self._filters(thesaurus, filters)
        limit = "" if cap is None else f" LIMIT {max(0, int(cap))}"
        if query.is_empty:
            return f"SELECT o.id FROM organization o WHERE 1 = 1{fsql.where}{limit}", fsql.params
        terms, ids = self._terms(conn, query, fsql)
        if not ids:
            partial = self._partial(conn, text_, query, terms, fsql, thesaurus)
            return [r.id for r in partial][:cap]
        inner, params = self._matching_sql(terms, fsql, False)
        return inner + limit, {**fsql.params, **params}

    def count(self, text_: str, filters: SearchFilters | None, cap: int | None) -> int:
        with self.db.engine.connect() as conn:
            found = self._all_matching(conn, text_, filters, cap)
            if isinstance(found, list):
                return len(found)
            inner, params = found
            return int(
                conn.execute(text(f"SELECT count(*) FROM ({inner}) AS c"), params).scalar_one()
            )

    def ids(self, text_: str, filters: SearchFilters | None) -> list[int]:
        with self.db.engine.connect() as conn:
            found = self._all_matching(conn, text_, filters, None)
            if isinstance(found, list):
                return found
            inner, params = found
            return [int(r[0]) for r in conn.execute(text(inner), params)]
