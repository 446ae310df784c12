"""Backups and the letter archive: PDFs copied incrementally, and snapshots of a server.

A desk backup is the database file plus an archive file holding the PDFs its letters name:

* a manual backup ``x.sqlite3`` has its own ``x.courriers.db`` beside it;
* the automatic backups of a folder share one archive, :data:`SHARED_ARCHIVE`: each backup
  adds only the PDFs written since the previous one (the archive only grows), so closing the
  app copies the small database file and a few new PDFs, never the whole archive again.

A PostgreSQL database is backed up as the same files (:func:`snapshot_to_file`, one
``REPEATABLE READ`` read through :mod:`guichet.services.copying`), openable offline.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path

from sqlalchemy import select

from guichet.config import sqlite_path
from guichet.db import Database, cipher
from guichet.db.atomic_files import replace_file, temporary_beside
from guichet.db.migrate import remove_leftovers
from guichet.errors import ValidationError
from guichet.services import letter_archive
from guichet.services.letter_archive import CHUNK, archive_path, create_archive_file, letter_pdf

#: The archive shared by the automatic backups of a folder.
SHARED_ARCHIVE = "courriers-sauvegardes.db"


def _read_only(path: Path, passphrase: str | None = None) -> sqlite3.Connection:
    conn: sqlite3.Connection = cipher.connect(path, readonly=True, passphrase=passphrase)
    return conn


def family_key(db: Database) -> str | None:
    """The passphrase of an encrypted desk database: its archive and its backups (database and
    archive files) are encrypted with the same key; ``None`` for a plain file or a server."""
    return cipher.passphrase_for(db.path) if db.path is not None else None


def named_keys(
    main_file: Path, among: Collection[str] | None = None, passphrase: str | None = None
) -> set[str]:
    """The PDFs the letters of the database file ``main_file`` name (those in ``among``)."""
    conn = _read_only(main_file, passphrase)
    try:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(letter)")}
        if "pdf_sha256" not in columns:  # a file from before 0014: its PDFs are inside it
            return set()
        if among is None:
            return {
                r[0] for r in conn.execute("SELECT pdf_sha256 FROM letter WHERE pdf_sha256 != ''")
            }
        wanted, found = sorted(among), set()
        for start in range(0, len(wanted), CHUNK):
            part = wanted[start : start + CHUNK]
            marks = ", ".join("?" for _ in part)
            found |= {
                r[0]
                for r in conn.execute(
                    f"SELECT pdf_sha256 FROM letter WHERE pdf_sha256 IN ({marks})", part
                )
            }
        return found
    finally:
        conn.close()


def stored_keys(archive: Path, passphrase: str | None = None) -> set[str]:
    if not archive.exists():
        return set()
    conn = _read_only(archive, passphrase)
    try:
        return {r[0] for r in conn.execute("SELECT sha256 FROM letter_pdf")}
    finally:
        conn.close()


def _pdfs_of(db: Database, keys: Sequence[str]) -> Iterable[list[tuple[str, bytes]]]:
    """The PDFs ``keys`` read from ``db``'s archive, in chunks."""
    with db.engine.connect() as main:
        conn = letter_archive.archive_connection(db, main)
        try:
            for start in range(0, len(keys), CHUNK):
                part = keys[start : start + CHUNK]
                rows = conn.execute(
                    select(letter_pdf.c.sha256, letter_pdf.c.pdf).where(
                        letter_pdf.c.sha256.in_(part)
                    )
                ).all()
                yield [(r[0], bytes(r[1])) for r in rows]
        finally:
            if conn is not main:
                conn.close()


def sync_archive(
    db: Database, main_copy: Path, target: Path, *, keep_for: Sequence[Path] = ()
) -> int:
    """Makes the archive file ``target`` hold the PDFs the backup ``main_copy`` names, read
    from ``db``'s archive: the missing ones are added; the others are removed unless a file of
    ``keep_for`` (the other backups sharing it) names them. Returns how many were added.

    Raises:
        ValidationError: a PDF the backup names is not in ``db``'s archive.
    """
    key = family_key(db)
    needed = named_keys(main_copy, passphrase=key)
    create_archive_file(target, wal=False, passphrase=key)  # a backup is a self-contained file
    conn = cipher.connect(target, passphrase=key)
    try:
        have = {r[0] for r in conn.execute("SELECT sha256 FROM letter_pdf")}
        wanted = sorted(needed - have)
        added = 0
        for part in _pdfs_of(db, wanted):
            conn.executemany("INSERT OR IGNORE INTO letter_pdf (sha256, pdf) VALUES (?, ?)", part)
            added += len(part)
        if added != len(wanted):
            raise ValidationError(
                f"{len(wanted) - added} PDF de courriers manquent dans l'archive des courriers "
                "de la base : lancez « guichet check »."
            )
        extra = have - needed
        for other in keep_for:
            if extra and other.exists():
                extra -= named_keys(other, extra, key)
        gone = sorted(extra)
        for start in range(0, len(gone), CHUNK):
            part = gone[start : start + CHUNK]
            conn.execute(
                f"DELETE FROM letter_pdf WHERE sha256 IN ({', '.join('?' for _ in part)})", part
            )
        conn.commit()
        return added
    finally:
        conn.close()


def backup_archive(backup: Path) -> Path | None:
    """Where the PDFs of the backup file ``backup`` are: its own archive, else its folder's
    shared one (automatic backups); ``None`` when there is neither."""
    for candidate in (archive_path(backup), backup.parent / SHARED_ARCHIVE):
        if candidate.exists():
            return candidate
    return None


def missing_pdfs(backup: Path, db: Database) -> int:
    """How many PDFs the backup's letters name that neither its archive nor ``db``'s has."""
    key = family_key(db)
    needed = named_keys(backup, passphrase=key)
    if not needed:
        return 0
    archive = backup_archive(backup)
    needed -= stored_keys(archive, key) if archive is not None else set()
    if needed:
        with db.engine.connect() as main:
            conn = letter_archive.archive_connection(db, main)
            try:
                found = set()
                keys = sorted(needed)
                for start in range(0, len(keys), CHUNK):
                    found |= set(
                        conn.execute(
                            select(letter_pdf.c.sha256).where(
                                letter_pdf.c.sha256.in_(keys[start : start + CHUNK])
                            )
                        ).scalars()
                    )
            finally:
                if conn is not main:
                    conn.close()
        needed -= found
    return len(needed)


def restore_pdfs(backup: Path, db: Database) -> None:
    """Before a restore into ``db``: the PDFs the backup names that ``db``'s archive lacks are
    copied into it (PDFs first, then the letters that name them)."""
    archive = backup_archive(backup)
    key = family_key(db)
    needed = named_keys(backup, passphrase=key)
    if archive is None or not needed:
        return
    engine = letter_archive.archive_engine(db)
    source = _read_only(archive, key)
    try:
        keys = sorted(needed)
        for start in range(0, len(keys), CHUNK):
            part = keys[start : start + CHUNK]
            rows = source.execute(
                f"SELECT sha256, pdf FROM letter_pdf WHERE sha256 IN "
                f"({', '.join('?' for _ in part)})",
                part,
            ).fetchall()
            values = [{"sha256": k, "pdf": bytes(p)} for k, p in rows]
            if not values:
                continue
            if engine is not None:
                with engine.begin() as conn:
                    have = set(
                        conn.execute(
                            select(letter_pdf.c.sha256).where(letter_pdf.c.sha256.in_(part))
                        ).scalars()
                    )
                    new = [v for v in values if v["sha256"] not in have]
                    if new:
                        conn.execute(letter_pdf.insert(), new)
    finally:
        source.close()


def snapshot_to_file(db: Database, target: Path) -> Path:
    """A PostgreSQL database as a Guichet SQLite file ``target`` and its archive, written
    beside it and renamed into place once complete and checked."""
    from guichet.db.opening import create_sqlite_database
    from guichet.services.bootstrap import attach
    from guichet.services.copying import copy_into

    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target, "copie")
    temporary = temporary_beside(target, "copie")
    temporary_archive = archive_path(temporary)
    try:
        create_sqlite_database(temporary)
        copy = attach(Database(f"sqlite:///{temporary}"))
        try:
            copy_into(db, copy, replace=True)
        finally:
            copy.dispose()
        create_archive_file(temporary_archive)  # even without letters: the same two files
        for file in (temporary, temporary_archive):
            conn = sqlite3.connect(file)
            try:
                conn.execute("PRAGMA journal_mode=DELETE")  # self-contained files
            finally:
                conn.close()
        replace_file(temporary_archive, archive_path(target))
        replace_file(temporary, target)
    except BaseException:
        for file in (temporary, temporary_archive):
            for suffix in ("", "-journal", "-wal", "-shm"):
                file.with_name(file.name + suffix).unlink(missing_ok=True)
        raise
    return target


def is_server(db: Database) -> bool:
    return sqlite_path(db.url) is None and db.dialect == "postgresql"


def quiet_copy(source: Path, target: Path, busy_timeout_ms: int = 5000) -> Path | None:
    """A consistent copy of a WAL database file at the speed of a file copy (the online backup
    API copies page by page, about 6× slower): the WAL is folded into the file, then, with the
    write lock held so that nothing can change the file, its bytes are copied beside ``target``,
    synced and renamed over it. Returns ``None`` when the WAL could not be emptied (a reader
    still on it) or the file is encrypted: the caller then uses the online backup."""
    import shutil

    if cipher.passphrase_for(source) is not None:
        return None

    conn = sqlite3.connect(source, isolation_level=None, timeout=busy_timeout_ms / 1000)
    try:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy is None or busy[0] != 0:
            return None
        conn.execute("BEGIN IMMEDIATE")  # no writer from here: the file holds everything
        try:
            wal = source.with_name(source.name + "-wal")
            if wal.exists() and wal.stat().st_size > 0:  # a commit came in between
                return None
            target.parent.mkdir(parents=True, exist_ok=True)
            remove_leftovers(target, "copie")
            temporary = temporary_beside(target, "copie")
            try:
                shutil.copyfile(source, temporary)
            except BaseException:
                temporary.unlink(missing_ok=True)
                raise
        finally:
            conn.execute("ROLLBACK")
    finally:
        conn.close()
    try:
        copy = sqlite3.connect(temporary)
        try:
            copy.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        finally:
            copy.close()
        replace_file(temporary, target)
    except BaseException:
        for suffix in ("", "-journal", "-wal", "-shm"):
            temporary.with_name(temporary.name + suffix).unlink(missing_ok=True)
        raise
    return target
