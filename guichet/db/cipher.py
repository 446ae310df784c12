"""Encrypted database files (SQLCipher), an option.

A file is encrypted when its first 16 bytes are not SQLite's header (SQLCipher encrypts the
whole file, header included). The key is the counsellor's passphrase given to ``PRAGMA key``:
SQLCipher derives the actual 256-bit AES key from it itself (PBKDF2-HMAC-SHA512, 256 000
iterations, a random salt stored in the file), so Guichet never stores nor derives anything.

The passphrase of an unlocked file is held in memory for the process (:func:`unlock`), keyed by
the file's path, so that every connection to it — the engine, the online backup, the checks
before opening — goes through the same connection type with the same key, and a backup of an
encrypted database is encrypted with the same key.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from guichet.db.atomic_files import replace_file, temporary_beside
from guichet.errors import EnvironmentProblem

SQLITE_HEADER = b"SQLite format 3\x00"
WRONG_PASSPHRASE = "Phrase de passe incorrecte. La base n'a pas été modifiée ; réessayez."
NEEDS_PASSPHRASE = (
    "Cette base est chiffrée : sa phrase de passe est nécessaire (variable d'environnement "
    "GUICHET_PHRASE, ou saisie au démarrage)."
)
NO_SQLCIPHER = (
    "Le chiffrement de la base demande le module « sqlcipher3 », absent de cette installation."
)

_keys: dict[Path, str] = {}


class WrongPassphrase(EnvironmentProblem):
    """The passphrase does not open this encrypted file (nothing was changed)."""


def _key(path: Path) -> Path:
    return Path(path).resolve()


def is_encrypted(path: Path) -> bool:
    """A file whose header is not SQLite's but looks like SQLCipher's: whole pages (a multiple
    of 512 bytes) starting with random bytes (its salt), not text nor another format."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    if size < 1024 or size % 512 or head == SQLITE_HEADER:
        return False
    return any(byte < 0x20 or byte > 0x7E for byte in head)


def passphrase_for(path: Path) -> str | None:
    return _keys.get(_key(path))


def remember(path: Path, passphrase: str) -> None:
    """Connections to ``path`` use this passphrase from now on (a new file: it is created
    encrypted)."""
    _keys[_key(path)] = passphrase


def forget(path: Path) -> None:
    _keys.pop(_key(path), None)


def dbapi() -> Any:
    """The sqlcipher3 DB-API module (same interface as :mod:`sqlite3`)."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError as exc:  # pragma: no cover - installed with Guichet
        raise EnvironmentProblem(NO_SQLCIPHER) from exc
    return dbapi2


def quote(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def apply_key(connection: Any, passphrase: str) -> None:
    """``PRAGMA key`` then a read that fails when the key is wrong (SQLCipher only checks the
    key on the first read)."""
    connection.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not stderr's
    connection.execute(f"PRAGMA key = {quote(passphrase)}")
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi().DatabaseError as exc:
        connection.close()
        raise WrongPassphrase(WRONG_PASSPHRASE, detail=str(exc)) from exc


def connect(path: Path, *, readonly: bool = False, passphrase: str | None = None) -> Any:
    """A DB-API connection to ``path``: sqlcipher3 with the key when the file is encrypted (or
    a passphrase is known for it), plain :mod:`sqlite3` otherwise."""
    passphrase = passphrase if passphrase is not None else passphrase_for(path)
    if passphrase is None and is_encrypted(path):
        raise EnvironmentProblem(NEEDS_PASSPHRASE)
    target: Any = f"file:{path}?mode=ro" if readonly else str(path)
    if passphrase is None:
        return sqlite3.connect(target, uri=readonly)
    connection = dbapi().connect(target, uri=readonly)
    apply_key(connection, passphrase)
    return connection


def unlock(path: Path, passphrase: str) -> None:
    """Check ``passphrase`` against the encrypted file, then remember it.

    Raises:
        WrongPassphrase: « Phrase de passe incorrecte » (the file is untouched: opened read-only).
    """
    connect(path, readonly=True, passphrase=passphrase).close()
    remember(path, passphrase)


def _table_counts(connection: Any) -> dict[str, int]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: connection.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def encrypt_file(path: Path, passphrase: str) -> None:
    """Encrypt the plain database at ``path`` in place, atomically.

    ``sqlcipher_export`` writes an encrypted copy beside it; the copy is checked (integrity,
    the same row count in every table) before it is renamed over the plain file, so the plain
    file disappears only once its encrypted copy is known good. Raises
    :class:`EnvironmentProblem` if the file is already encrypted.
    """
    if is_encrypted(path):
        raise EnvironmentProblem(f"La base « {path} » est déjà chiffrée.")
    temporary = temporary_beside(path, "chiffree")
    module = dbapi()
    try:
        plain = module.connect(str(path))
        try:
            plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            expected = _table_counts(plain)
            application_id = plain.execute("PRAGMA application_id").fetchone()[0]
            user_version = plain.execute("PRAGMA user_version").fetchone()[0]
            plain.execute("ATTACH DATABASE ? AS chiffree KEY ?", (str(temporary), passphrase))
            plain.execute("SELECT sqlcipher_export('chiffree')")
            plain.execute(f"PRAGMA chiffree.application_id = {int(application_id)}")
            plain.execute(f"PRAGMA chiffree.user_version = {int(user_version)}")
            plain.execute("DETACH DATABASE chiffree")
        finally:
            plain.close()
        check = connect(temporary, passphrase=passphrase)
        try:
            integrity = [r[0] for r in check.execute("PRAGMA integrity_check")]
            if integrity != ["ok"] or _table_counts(check) != expected:
                raise EnvironmentProblem(
                    "La copie chiffrée ne correspond pas à la base : rien n'a été changé.",
                    detail="; ".join(integrity[:3]),
                )
        finally:
            check.close()
        replace_file(temporary, path)
        for stale in ("-wal", "-shm"):
            path.with_name(path.name + stale).unlink(missing_ok=True)
    except BaseException:
        for suffix in ("", "-journal", "-wal", "-shm"):
            temporary.with_name(temporary.name + suffix).unlink(missing_ok=True)
        raise
    remember(path, passphrase)


def database_errors() -> tuple[type[Exception], ...]:
    """``DatabaseError`` of both connection types (for ``except`` clauses)."""
    return (sqlite3.DatabaseError, dbapi().DatabaseError)


def dbapi_error() -> type[Exception]:
    """sqlcipher3's base ``Error`` (its counterpart of ``sqlite3.Error``)."""
    error: type[Exception] = dbapi().Error
    return error
