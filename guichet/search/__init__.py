"""Directory search index and queries (SQLite FTS5, PostgreSQL full text: one interface, one ranking)."""

from guichet.search.directory import DirectorySearch
from guichet.search.filters import OrganizationHit, SearchFilters

__all__ = ["DirectorySearch", "OrganizationHit", "SearchFilters"]
