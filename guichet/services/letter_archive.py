"""Where archived letter PDFs live: the one small API to write, read and delete them.

A ``Letter`` row names its PDF by the SHA-256 of its bytes (``pdf_sha256``); the bytes live in
the table ``letter_pdf(sha256, pdf)``:

* on a SQLite desk, in a file of their own beside the database (``guichet.sqlite3`` →
  ``guichet.courriers.db``): the main file stays small, and since the archive only grows its
  backup is incremental (:func:`sync_archive`) instead of a copy of every PDF at every close;
* on PostgreSQL (and an in-memory SQLite), in the database itself.

No transaction spans the two SQLite files (a transaction over an attached database is atomic
only in rollback-journal mode, and the desk runs in WAL): a PDF is written and committed in the
archive *before* the letter that names it is committed, so a crash leaves at worst a PDF that no
letter names — an orphan, removed by :func:`sweep` (at the close-time backup and by
``guichet check``). A PDF is deleted from the archive only after the deletion of its letter is
committed, for the same reason.
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    LargeBinary,
    MetaData,
    String,
    Table,
    bindparam,
    delete,
    event,
    func,
    select,
)
from sqlalchemy.orm import Session

from guichet.db import Database, cipher
from guichet.db.database import make_engine
from guichet.errors import NotFoundError

ARCHIVE_SUFFIX = ".courriers.db"
CHUNK = 500

archive_metadata = MetaData()
letter_pdf = Table(
    "letter_pdf",
    archive_metadata,
    Column("sha256", String(64), primary_key=True),
    Column("pdf", LargeBinary, nullable=False),
)


#: The key of a letter whose PDF was erased (RGPD): the row stays, it names no PDF.
ERASED_PDF = ""


def pdf_key(pdf: bytes) -> str:
    return hashlib.sha256(pdf).hexdigest()


def archive_path(main: Path) -> Path:
    """The archive file of the SQLite database ``main`` (``x.sqlite3`` → ``x.courriers.db``)."""
    return main.with_name(main.stem + ARCHIVE_SUFFIX)


def create_archive_file(path: Path, *, wal: bool = True, passphrase: str | None = None) -> None:
    """An archive file with its table (nothing happens to one that exists but its journal
    mode: WAL for a live archive, DELETE for a backup's self-contained file); encrypted with
    ``passphrase`` when given (the key of an encrypted database)."""
    conn = cipher.connect(path, passphrase=passphrase)
    try:
        conn.execute(f"PRAGMA journal_mode={'WAL' if wal else 'DELETE'}")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS letter_pdf "
            "(sha256 VARCHAR(64) NOT NULL PRIMARY KEY, pdf BLOB NOT NULL)"
        )
        conn.commit()
    finally:
        conn.close()


_engines: weakref.WeakKeyDictionary[Database, Engine] = weakref.WeakKeyDictionary()


def archive_engine(db: Database) -> Engine | None:
    """The engine of ``db``'s archive file, or ``None`` when the PDFs live in ``db`` itself."""
    path = db.path
    if path is None:
        return None
    engine = _engines.get(db)
    if engine is None:
        target = archive_path(path)
        key = cipher.passphrase_for(path)
        if key is not None:  # an encrypted desk: its letters are encrypted with the same key
            cipher.remember(target, key)
        create_archive_file(target, passphrase=key)
        engine = make_engine(f"sqlite:///{target}", busy_timeout_ms=db.busy_timeout_ms)
        _engines[db] = engine
        db.on_dispose.append(engine.dispose)
    return engine


def _has(conn: Connection | Session, key: str) -> bool:
    return (
        conn.execute(select(letter_pdf.c.sha256).where(letter_pdf.c.sha256 == key)).first()
        is not None
    )


def store(db: Database, session: Session, pdf: bytes) -> str:
    """Writes ``pdf`` to the archive and returns its key (for ``Letter.pdf_sha256``).

    In a SQLite desk the PDF is committed in the archive file at once, before the caller's
    transaction (see the module's docstring); elsewhere it joins the caller's transaction.
    """
    key = pdf_key(pdf)
    engine = archive_engine(db)
    if engine is None:
        if not _has(session, key):
            session.execute(letter_pdf.insert().values(sha256=key, pdf=pdf))
        return key
    with engine.begin() as conn:
        if not _has(conn, key):
            conn.execute(letter_pdf.insert().values(sha256=key, pdf=pdf))
    return key


def load(db: Database, session: Session, key: str) -> bytes:
    """The PDF stored under ``key``."""
    engine = archive_engine(db)
    query = select(letter_pdf.c.pdf).where(letter_pdf.c.sha256 == key)
    if engine is None:
        found = session.execute(query).scalar()
    else:
        with engine.connect() as conn:
            found = conn.execute(query).scalar()
    if found is None:
        raise NotFoundError(
            "Le PDF de ce courrier est introuvable dans l'archive des courriers "
            "(lancez « guichet check »)."
        )
    return bytes(found)


def discard(db: Database, session: Session, keys: Iterable[str]) -> None:
    """The PDFs ``keys`` of letters the caller deletes: removed when no letter names them any
    more — in the caller's transaction, or just after its commit for an archive file."""
    wanted = set(keys)
    if not wanted:
        return
    pending: set[str] | None = session.info.get("discarded_pdfs")
    if pending is None:
        pending = session.info["discarded_pdfs"] = set()
        if archive_engine(db) is None:

            def before_commit(committing: Session) -> None:
                keys = sorted(committing.info.pop("discarded_pdfs", set()))
                committing.flush()  # the letters' deletion first
                _delete_unreferenced(committing, keys)

            event.listen(session, "before_commit", before_commit, once=True)
        else:

            def after_commit(committed: Session) -> None:
                keys = sorted(committed.info.pop("discarded_pdfs", set()))
                if keys:
                    _discard_committed(db, keys)

            event.listen(session, "after_commit", after_commit, once=True)
    pending |= wanted


def _referenced(conn: Connection | Session, keys: Sequence[str]) -> set[str]:
    from guichet.models import Letter

    found: set[str] = set()
    for start in range(0, len(keys), CHUNK):
        part = list(keys[start : start + CHUNK])
        found |= set(
            conn.execute(select(Letter.pdf_sha256).where(Letter.pdf_sha256.in_(part))).scalars()
        )
    return found


def _delete_unreferenced(session: Session, keys: Sequence[str]) -> None:
    gone = sorted(set(keys) - _referenced(session, keys))
    for start in range(0, len(gone), CHUNK):
        session.execute(
            delete(letter_pdf).where(letter_pdf.c.sha256.in_(gone[start : start + CHUNK]))
        )


def _discard_committed(db: Database, keys: Sequence[str]) -> None:
    engine = archive_engine(db)
    assert engine is not None
    with db.engine.connect() as main:
        gone = sorted(set(keys) - _referenced(main, keys))
    _delete_keys(engine, gone)


def _delete_keys(engine: Engine, keys: Sequence[str]) -> None:
    with engine.begin() as conn:
        for start in range(0, len(keys), CHUNK):
            conn.execute(
                delete(letter_pdf).where(letter_pdf.c.sha256.in_(keys[start : start + CHUNK]))
            )


def sweep(db: Database) -> int:
    """Removes the PDFs no letter names (left by a crash or a cascade); returns how many.

    Runs in a write unit of work, so no letter is being written meanwhile."""
    from guichet.models import Letter

    with db.unit_of_work() as session:
        named = set(
            session.execute(
                select(Letter.pdf_sha256).where(Letter.pdf_sha256 != ERASED_PDF)
            ).scalars()
        )
        engine = archive_engine(db)
        if engine is None:
            stored = set(session.execute(select(letter_pdf.c.sha256)).scalars())
            orphans = sorted(stored - named)
            for start in range(0, len(orphans), CHUNK):
                session.execute(
                    delete(letter_pdf).where(
                        letter_pdf.c.sha256.in_(orphans[start : start + CHUNK])
                    )
                )
            return len(orphans)
        with engine.connect() as conn:
            stored = set(conn.execute(select(letter_pdf.c.sha256)).scalars())
        orphans = sorted(stored - named)
        _delete_keys(engine, orphans)
        return len(orphans)


def archive_connection(db: Database, main: Connection) -> Connection:
    """A connection on which ``letter_pdf`` is ``db``'s archive: ``main`` itself when the PDFs
    live in the database; the caller closes any other."""
    engine = archive_engine(db)
    return main if engine is None else engine.connect()


def iter_pdfs(conn: Connection, batch: int = 200) -> Iterator[list[dict[str, object]]]:
    """Every stored PDF, ordered by key, in batches of rows (``sha256``, ``pdf``)."""
    last = ""
    while True:
        rows = conn.execute(
            select(letter_pdf.c.sha256, letter_pdf.c.pdf)
            .where(letter_pdf.c.sha256 > bindparam("last"))
            .order_by(letter_pdf.c.sha256)
            .limit(batch),
            {"last": last},
        ).all()
        if not rows:
            return
        yield [{"sha256": r[0], "pdf": bytes(r[1])} for r in rows]
        last = rows[-1][0]


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(letter_pdf)).scalar() or 0)


def archive_problem(db: Database, *, full: bool = True) -> str | None:
    """What is wrong with ``db``'s letter archive, in French (``None`` when all is well): a
    damaged archive file (``full``: SQLite's integrity check of the whole file, which reads every
    PDF), or letters whose PDF is missing (always: the keys come from the archive's index).
    Reads only, creates nothing."""
    import sqlite3

    from guichet.models import Letter

    with db.unit_of_work(write=False) as session:
        named = set(session.execute(select(Letter.pdf_sha256)).scalars())
        if db.path is None:
            stored = set(session.execute(select(letter_pdf.c.sha256)).scalars())
        else:
            stored = set()
    path = db.path
    if path is not None:
        file = archive_path(path)
        if not file.exists():
            return f"archive des courriers absente ({file.name})" if named else None
        try:
            # not read-only: after a crash, reading a WAL file may need its recovery first
            conn = cipher.connect(file, passphrase=cipher.passphrase_for(path))
            try:
                if full:
                    rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
                    if rows != ["ok"]:
                        return f"archive des courriers abîmée : {'; '.join(rows[:5])}"
                stored = {r[0] for r in conn.execute("SELECT sha256 FROM letter_pdf")}
            finally:
                conn.close()
        except (sqlite3.Error, cipher.dbapi_error()) as exc:
            return f"archive des courriers illisible ({exc})"
    lost = named - stored
    if lost:
        return f"{len(lost)} PDF de courriers manquent dans l'archive des courriers"
    return None
