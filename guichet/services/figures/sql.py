"""SQL pieces both engines understand differently: month keys, seconds between two instants."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Integer, cast, func
from sqlalchemy.sql.elements import ColumnElement

from guichet.db import Database
from guichet.reference.dates import format_month_short


def month_key(db: Database, column: Any) -> ColumnElement[str]:
    """« 2026-11 »: the month of a date-time column, for GROUP BY."""
    if db.dialect == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


def seconds_between(db: Database, start: Any, end: Any) -> ColumnElement[int]:
    """Whole seconds from ``start`` to ``end`` (rounded, so that exactly 72 h is 259200)."""
    if db.dialect == "postgresql":
        return cast(func.round(func.extract("epoch", end - start)), Integer)
    return cast(func.round((func.julianday(end) - func.julianday(start)) * 86400.0), Integer)


def key_of(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def month_label(key: str) -> str:
    """« nov. 2026 » for « 2026-11 »."""
    year, month = key.split("-")
    return format_month_short(date(int(year), int(month), 1))
