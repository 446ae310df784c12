"""Directory search index and queries (SQLite FTS5; PostgreSQL full text behind the same interface)."""
