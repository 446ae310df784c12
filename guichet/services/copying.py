"""Copying a whole Guichet database into an empty one: SQLite → PostgreSQL, or back.

The one engine of copying behind ``guichet copy``, and behind backups and restores on
PostgreSQL. Every table of the model (in dependency order, so tables added later are copied
without a change here), primary keys kept, then the letter archive; PostgreSQL's sequences are
moved past the copied ids. The destination is written in ONE transaction, the source read in
one snapshot (``REPEATABLE READ`` on PostgreSQL); before the commit, each table's row count
and checksum in the destination are compared with the source's: any difference rolls it all
back.

The checksum is a SHA-256 over the rows ordered by primary key, each value written in a form
both engines give alike (booleans, dates, times, numbers, bytes, JSON).
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import Connection, Table, func, inspect, select, text, update

import guichet.models  # noqa: F401  (registers every table)
from guichet.db import Database
from guichet.db.migrate import current_revision, head_revision
from guichet.errors import ValidationError
from guichet.models.base import Base
from guichet.services import letter_archive

BATCH = 1000
#: Tables a new database is given by its creation (reference lists): an « empty » destination
#: may hold them; they are replaced by the source's.
SEEDED = frozenset({"theme", "subject", "capability", "certification", "sector"})
SEEDED_ALSO = frozenset({"questionnaire_version"})
ARCHIVE = "letter_pdf"

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class TableCheck:
    name: str
    rows: int
    checksum: str


@dataclass(frozen=True)
class CopyReport:
    tables: tuple[TableCheck, ...]

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def _value(value: object) -> str:
    if value is None:
        return "n"
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        return "b1" if value else "b0"
    if isinstance(value, int):
        return f"i{value}"
    if isinstance(value, float):
        return f"f{value!r}"
    if isinstance(value, Decimal):
        return f"d{value.normalize()}"
    if isinstance(value, datetime):
        return "t" + value.replace(tzinfo=None).isoformat()
    if isinstance(value, date | time):
        return "t" + value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return "x" + hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, dict | list):
        return "j" + json.dumps(value, sort_keys=True, ensure_ascii=False)
    return "s" + str(value)


def _row_text(row: tuple[object, ...]) -> bytes:
    return ("\x1f".join(_value(v) for v in row) + "\x1e").encode()


def tables() -> list[Table]:
    """Every table of the model, parents before children."""
    return list(Base.metadata.sorted_tables)


def _ordered(table: Table) -> list[object]:
    return list(table.primary_key.columns) or list(table.columns)


def _batches(conn: Connection, table: Table) -> Iterator[list[dict[str, object]]]:
    result = conn.execution_options(yield_per=BATCH).execute(
        select(table).order_by(*_ordered(table))  # type: ignore[arg-type]
    )
    for part in result.mappings().partitions(BATCH):
        yield [dict(row) for row in part]


def table_check(conn: Connection, table: Table) -> TableCheck:
    digest, rows = hashlib.sha256(), 0
    for part in _batches(conn, table):
        for row in part:
            digest.update(_row_text(tuple(row.values())))
        rows += len(part)
    return TableCheck(table.name, rows, digest.hexdigest())


def archive_check(conn: Connection) -> TableCheck:
    digest, rows = hashlib.sha256(), 0
    for part in letter_archive.iter_pdfs(conn):
        for row in part:
            digest.update(_row_text((row["sha256"], row["pdf"])))
        rows += len(part)
    return TableCheck(ARCHIVE, rows, digest.hexdigest())


def checks(db: Database) -> tuple[TableCheck, ...]:
    """Counts and checksums of every table of ``db`` and of its letter archive."""
    with _snapshot(db) as (conn, archive):
        return (*(table_check(conn, t) for t in tables()), archive_check(archive))


@contextmanager
def _snapshot(db: Database) -> Iterator[tuple[Connection, Connection]]:
    """One consistent read of ``db`` (REPEATABLE READ on PostgreSQL) and its archive."""
    with ExitStack() as stack:
        conn = stack.enter_context(db.engine.connect())
        if db.dialect == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        stack.enter_context(conn.begin())
        archive = letter_archive.archive_connection(db, conn)
        if archive is not conn:
            stack.enter_context(archive)
            stack.enter_context(archive.begin())
        yield conn, archive


def _holds_work(conn: Connection) -> list[str]:
    """The tables of ``conn`` holding rows a new database would not have."""
    present = set(inspect(conn).get_table_names())
    busy = []
    for table in tables():
        if table.name in SEEDED | SEEDED_ALSO or table.name not in present:
            continue
        if conn.execute(select(func.count()).select_from(table)).scalar():
            busy.append(table.name)
    return busy


def refuse_not_empty(db: Database) -> None:
    with db.engine.connect() as conn:
        busy = _holds_work(conn)
    if busy:
        raise ValidationError(
            "La base de destination n'est pas vide (elle contient déjà des données : "
            f"{', '.join(busy[:5])}{'…' if len(busy) > 5 else ''}). La copie se fait "
            "seulement vers une base neuve : créez une base vide et recommencez."
        )


def _require_head(db: Database, role: str) -> None:
    if current_revision(db) != head_revision(db):
        raise ValidationError(
            f"La base {role} n'est pas au schéma de cette version de Guichet "
            f"({current_revision(db) or 'aucun'} au lieu de {head_revision(db)}) : "
            "ouvrez-la une fois avec Guichet pour la mettre à jour."
        )


def _self_references(table: Table) -> list[str]:
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def _insert(conn: Connection, table: Table, rows: list[dict[str, object]]) -> None:
    later = [name for name in _self_references(table) if any(r[name] is not None for r in rows)]
    if later:  # a row may name one copied after it: the links are set once all are in
        conn.execute(table.insert(), [{**r, **dict.fromkeys(later)} for r in rows])
        pk = next(iter(table.primary_key.columns))
        for row in rows:
            values = {n: row[n] for n in later if row[n] is not None}
            if values:  # the columns an UPDATE would stamp (``updated_at``) keep their value
                values |= {c.name: row[c.name] for c in table.columns if c.onupdate is not None}
                conn.execute(update(table).where(pk == row[pk.name]).values(**values))
    else:
        conn.execute(table.insert(), rows)


def _fix_sequences(conn: Connection) -> None:
    """PostgreSQL: each serial column's sequence continues after the copied ids."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables():
        columns = list(table.primary_key.columns)
        try:
            integer = len(columns) == 1 and columns[0].type.python_type is int
        except NotImplementedError:
            integer = False
        if not integer:
            continue
        name = columns[0].name
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:t, :c), "
                f'COALESCE((SELECT MAX("{name}") FROM "{table.name}"), 0) + 1, false)'
            ),
            {"t": table.name, "c": name},
        )


def _after_copy(conn: Connection) -> None:
    """What the destination rebuilds from the copied rows: SQLite's search index."""
    if conn.dialect.name == "sqlite":
        from guichet.search.indexer import reindex_all

        reindex_all(conn)
    _fix_sequences(conn)


def copy_into(
    source: Database, target: Database, *, progress: Progress | None = None, replace: bool = False
) -> CopyReport:
    """Copies every record of ``source`` into ``target`` (see the module's docstring).

    ``target`` is at the head revision and holds no work (a new database), unless ``replace``
    (a restore): then its rows are deleted first, in the same transaction.

    Raises:
        ValidationError: a schema not at the head, a destination not empty, or a copy that
            does not match the source (then nothing was written).
    """
    _require_head(source, "source")
    _require_head(target, "de destination")
    if not replace:
        refuse_not_empty(target)
    every = tables()
    with _snapshot(source) as (src, src_archive), target.write_transaction() as dst:
        if dst.dialect.name == "sqlite":
            dst.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        for table in reversed(every):  # the reference lists of a new database, or a restore's
            dst.execute(table.delete())
        expected = [
            _copy_table(src, dst, table, f"{table.name} ({n}/{len(every) + 1})", progress)
            for n, table in enumerate(every, start=1)
        ]
        expected.append(_copy_archive(target, dst, src_archive, progress))
        _after_copy(dst)
        _verify(target, dst, tuple(expected))
    return CopyReport(tuple(expected))


def _copy_table(
    src: Connection, dst: Connection, table: Table, label: str, progress: Progress | None
) -> TableCheck:
    """Copies one table; its check is computed from the rows as they are read."""
    total = src.execute(select(func.count()).select_from(table)).scalar() or 0
    digest, done = hashlib.sha256(), 0
    for part in _batches(src, table):
        _insert(dst, table, part)
        for row in part:
            digest.update(_row_text(tuple(row.values())))
        done += len(part)
        if progress is not None:
            progress(label, done, total)
    return TableCheck(table.name, done, digest.hexdigest())


def _copy_archive(
    target: Database,
    dst: Connection,
    src_archive: Connection,
    progress: Progress | None,
) -> TableCheck:
    """The letter archive, after the tables: into the target's archive file (committed before
    the target's own transaction, like every archived PDF) or into its table."""
    total = letter_archive.count(src_archive)
    with ExitStack() as stack:
        out = letter_archive.archive_connection(target, dst)
        if out is not dst:
            stack.enter_context(out)
            stack.enter_context(out.begin())
        # a restore's old PDFs, or those an interrupted copy left in an archive file
        out.execute(letter_archive.letter_pdf.delete())
        digest, done = hashlib.sha256(), 0
        for part in letter_archive.iter_pdfs(src_archive):
            out.execute(letter_archive.letter_pdf.insert(), part)
            for row in part:
                digest.update(_row_text((row["sha256"], row["pdf"])))
            done += len(part)
            if progress is not None:
                progress("archive des courriers", done, total)
    return TableCheck(ARCHIVE, done, digest.hexdigest())


def _verify(target: Database, dst: Connection, expected: tuple[TableCheck, ...]) -> None:
    with ExitStack() as stack:
        archive = letter_archive.archive_connection(target, dst)
        if archive is not dst:
            stack.enter_context(archive)
        found = (*(table_check(dst, t) for t in tables()), archive_check(archive))
    wrong = [
        f"{e.name} ({e.rows} → {f.rows})" for e, f in zip(expected, found, strict=True) if e != f
    ]
    if wrong:
        raise ValidationError(
            "La copie ne correspond pas à la source (comptes ou sommes de contrôle différents : "
            f"{', '.join(wrong[:5])}) : rien n'a été enregistré dans la destination."
        )
