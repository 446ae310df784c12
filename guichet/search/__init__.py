"""Directory search index and queries (SQLite FTS5; PostgreSQL full text behind the same interface)."""

from guichet.search.directory import DirectorySearch
from guichet.search.filters import OrganizationHit, SearchFilters

__all__ = ["DirectorySearch", "OrganizationHit", "SearchFilters"]
