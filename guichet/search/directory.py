"""The one class the app searches its directory through, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from guichet.db import Database
from guichet.reference.communes import territory_insee_codes
from guichet.search.filters import OrganizationHit, SearchFilters
from guichet.search.pg_fulltext import PostgresDirectorySearch
from guichet.search.ranked import RankedSearch
from guichet.search.sqlite_fts import SqliteDirectorySearch


class DirectorySearch:
    """Searches organizations by what the counsellor types, with filters.

    Args:
        db: the database.
        territory: INSEE codes of the agency's communes (``on_territory``); Caux Seine Agglo
            by default.
        today: the current date (the « vérifiée depuis » and network filters use it).
        partial: when no organization has every word typed, answer those having most of
            them (:attr:`OrganizationHit.partial`), and count them; for callers that say so
            on screen (the directory page, ``guichet search``), not for the intake's type-ahead.
    """

    def __init__(
        self,
        db: Database,
        *,
        territory: Iterable[str] | None = None,
        today: Callable[[], date] = date.today,
        partial: bool = False,
    ) -> None:
        codes = frozenset(territory) if territory is not None else territory_insee_codes()
        engine = SqliteDirectorySearch if db.dialect == "sqlite" else PostgresDirectorySearch
        self._impl: RankedSearch = engine(db, codes, today, partial)

    def search(
        self,
        text: str,
        filters: SearchFilters | None = None,
        *,
        limit: int = 50,
        offset: int = 0,
    ) -> list[OrganizationHit]:
        """A page of hits, best first (see :mod:`guichet.search.ranked` for the ranking).

        Empty ``text`` lists the organizations matching ``filters`` by name. Never raises on
        what was typed.
        """
        return self._impl.search(text, filters, limit, offset)

    def count(
        self, text: str, filters: SearchFilters | None = None, *, cap: int | None = None
    ) -> int:
        """How many organizations match; with ``cap``, stop counting there (« plus de … »)."""
        return self._impl.count(text, filters, cap)

    def ids(self, text: str, filters: SearchFilters | None = None) -> list[int]:
        """The id of every organization that matches, in no particular order.

        Exactly the organizations :meth:`count` counts (an export of what a search shows, not
        only the page on screen).
        """
        return self._impl.ids(text, filters)

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Re-index every organization (after a bulk import); returns how many."""
        return self._impl.rebuild(progress)
