"""Inserting many rows fast, inside the caller's transaction, and getting their ids back.

On SQLite the ids are given by us (after the largest one, read inside the same transaction,
which SQLite serializes) and the rows go through the driver's ``executemany``: no statement per
row, no per-value Python processing except for the few typed columns. Other databases use
SQLAlchemy's batched ``INSERT … RETURNING``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select


def _processors(conn: Connection, table: Table, columns: Sequence[str]) -> list[Any]:
    dialect = conn.dialect
    found: list[Callable[[Any], Any] | None] = []
    for name in columns:
        column_type = table.c[name].type
        found.append(column_type.dialect_impl(dialect).bind_processor(dialect))
    return found


def bulk_insert(
    conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[int]:
    """Insert ``rows`` (values in the order of ``columns``); returns their new ids, in order."""
    if not rows:
        return []
    if conn.dialect.name != "sqlite":
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        params = [dict(zip(columns, row, strict=True)) for row in rows]
        return list(conn.execute(statement, params).scalars())
    first = (conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1
    ids = list(range(first, first + len(rows)))
    processors = _processors(conn, table, columns)
    typed = [(i, p) for i, p in enumerate(processors) if p is not None]
    if typed:
        memo: dict[tuple[int, Any], Any] = {}

        def prepare(row: Sequence[Any]) -> list[Any]:
            values = list(row)
            for index, processor in typed:
                value = values[index]
                if value is None:
                    continue
                key = (index, value)
                if key not in memo:
                    memo[key] = processor(value)
                values[index] = memo[key]
            return values

        prepared: Any = [(new_id, *prepare(row)) for new_id, row in zip(ids, rows, strict=True)]
    else:
        prepared = [(new_id, *row) for new_id, row in zip(ids, rows, strict=True)]
    names = ", ".join(("id", *columns))
    marks = ", ".join("?" * (len(columns) + 1))
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", prepared)
    return ids
