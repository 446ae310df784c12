"""Engine, sessions, SQLite pragmas, audit hook and Alembic migrations."""

from guichet.db.database import Database

__all__ = ["Database"]
