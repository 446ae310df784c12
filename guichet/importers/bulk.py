"""Inserting many rows fast, inside the caller's transaction, and getting their ids back.

On SQLite the ids are given by us (after the largest one, read inside the same transaction,
which SQLite serializes) and the rows go through the driver's ``executemany``: no statement per
row, no per-value Python processing except for the few typed columns. Values every row shares
(``constants``) are converted once. Other databases use SQLAlchemy's batched
``INSERT … RETURNING`` (Core ``insert()`` with a list of dicts).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Table, func, insert, literal, select

#: Page cache for a bulk write on SQLite (KiB, as ``PRAGMA cache_size`` takes negative values):
#: the unique SIRET index grows at random places, which a 2 MB cache keeps re-reading.
BULK_CACHE_KIB = 64 * 1024


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a file's rows are read, checked and written.

    Those rows are lists, dicts and strings without cycles; with the collector on, each full
    collection walks all of them again as the file grows. Reference counting still frees
    everything; the collector runs again at the end.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def bulk_cache(conn: Connection) -> Iterator[None]:
    """A larger SQLite page cache for the length of a bulk write, then the previous one."""
    if conn.dialect.name != "sqlite":
        yield
        return
    previous = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(previous or -2000)}")


def _processors(conn: Connection, table: Table, columns: Sequence[str]) -> list[Any]:
    dialect = conn.dialect
    found: list[Callable[[Any], Any] | None] = []
    for name in columns:
        column_type = table.c[name].type
        found.append(column_type.dialect_impl(dialect).bind_processor(dialect))
    return found


def bulk_insert(
    conn: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    constants: Mapping[str, Any] | None = None,
) -> list[int]:
    """Insert ``rows`` (values in the order of ``columns``), each with the ``constants``
    (column → value shared by every row); returns their new ids, in order."""
    if not rows:
        return []
    fixed = dict(constants or {})
    if conn.dialect.name != "sqlite":
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        params = [{**fixed, **dict(zip(columns, row, strict=True))} for row in rows]
        return list(conn.execute(statement, params).scalars())
    first = (conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1
    ids = list(range(first, first + len(rows)))
    shared = tuple(
        value if value is None or processor is None else processor(value)
        for value, processor in zip(
            fixed.values(), _processors(conn, table, list(fixed)), strict=True
        )
    )
    typed = [(i, p) for i, p in enumerate(_processors(conn, table, columns)) if p is not None]
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

        prepared: Any = [
            (new_id, *prepare(row), *shared) for new_id, row in zip(ids, rows, strict=True)
        ]
    else:
        prepared = [(new_id, *row, *shared) for new_id, row in zip(ids, rows, strict=True)]
    names = ", ".join(("id", *columns, *fixed))
    marks = ", ".join("?" * (1 + len(columns) + len(fixed)))
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", prepared)
    return ids


def _runs(ids: Sequence[int]) -> list[tuple[int, int]]:
    """``ids`` as runs of consecutive values, ``(first, last)``."""
    runs: list[tuple[int, int]] = []
    for value in ids:
        if runs and value == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], value)
        else:
            runs.append((value, value))
    return runs


MAX_RUNS = 50


def insert_per_record(
    conn: Connection,
    table: Table,
    constants: Mapping[str, Any],
    id_column: str,
    source: Table,
    ids: Sequence[int],
) -> None:
    """One row of ``table`` per record of ``source`` in ``ids``: its id in ``id_column``, the
    ``constants`` in the other columns, in the order of ``ids`` (ascending).

    The ids just given by :func:`bulk_insert` follow each other: the rows are then made by the
    database itself (``INSERT … SELECT`` over the range), without a parameter per row.
    """
    if not ids:
        return
    runs = _runs(ids)
    if len(runs) > MAX_RUNS or list(ids) != sorted(ids):
        bulk_insert(conn, table, (id_column,), [(i,) for i in ids], constants)
        return
    names = [*constants, id_column]
    for first, last in runs:
        chosen = select(
            *(literal(value, table.c[name].type) for name, value in constants.items()),
            source.c.id,
        ).where(source.c.id.between(first, last))
        conn.execute(insert(table).from_select(names, chosen.order_by(source.c.id)))
