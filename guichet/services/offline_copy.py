"""The local copy of a team server's directory and resources, for a desk away from the server.

While Guichet is connected to a PostgreSQL database it refreshes (off the GUI thread) a SQLite
file in the user data folder: a Guichet database at the head revision holding only the
directory (organisations, contacts, capabilities and thesaurus, certifications, sectors),
the resources, the taxonomy of subjects and the counsellors (their names, never their password
hashes: :data:`WITHHELD`), with its own SQLite search index rebuilt — the same search as a desk
database. One file per server (named from the URL without its password; no credential is stored
in it), written beside its place and renamed into it, so
a crash leaves the previous copy whole. When the server cannot be reached at start, the app
opens this copy read-only (``PRAGMA query_only``) and dates it in the window.

The table list is small and explicit on purpose (a generic copy engine may replace it).
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import weakref
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, event, insert, make_url, select

from guichet.db import Database
from guichet.db.atomic_files import replace_file, temporary_beside
from guichet.db.database import _begin
from guichet.db.opening import create_sqlite_database
from guichet.errors import EnvironmentProblem

log = logging.getLogger(__name__)

#: What the offline desk needs, parents first (no foreign key leaves this set).
TABLES = (
    "business_park",
    "capability",
    "certification",
    "counsellor",
    "organization",
    "sector",
    "theme",
    "contact",
    "organization_capability",
    "organization_certification",
    "organization_sector",
    "resource",
    "subject",
)
#: Columns never read from the server: credentials stay there (left NULL in the copy).
WITHHELD = {"counsellor": frozenset({"password_hash"})}
BATCH = 1000
INFO_TABLE = "offline_copy"
#: Minutes between two refreshes while connected (setting ``offline.refresh_minutes``).
DEFAULT_REFRESH_MINUTES = 30
#: Seconds to wait for the server at start before opening the local copy.
CONNECT_TIMEOUT = 3
#: Errors that come from the server itself (it is there, the connection is refused for a reason).
ANSWERED = ("authentication failed", "does not exist", "permission denied", "no pg_hba.conf")


@dataclass(frozen=True)
class CopyInfo:
    path: Path
    server: str  # the server's URL without its password
    copied_at: datetime
    organizations: int


def public_url(url: str) -> str:
    """The URL as it may be written down: no password."""
    return make_url(url).render_as_string(hide_password=True).replace(":***@", "@")


def copy_path(data_dir: Path, url: str) -> Path:
    """One file per server (and database), whatever the password."""
    digest = hashlib.sha256(public_url(url).encode("utf-8")).hexdigest()[:16]
    return data_dir / "copies" / f"annuaire-{digest}.sqlite3"


def server_reachable(url: str, timeout: int = CONNECT_TIMEOUT) -> bool:
    """Whether a connection to the server opens within ``timeout`` seconds (never raises)."""
    from sqlalchemy import create_engine

    engine = create_engine(url, connect_args={"connect_timeout": timeout}, poolclass=None)
    try:
        with engine.connect():
            return True
    except Exception as exc:  # refused, timeout, unknown host: not reachable
        text = str(exc).lower()
        if any(word in text for word in ANSWERED):
            return True  # the server answered: opening it says what is wrong, in French
        log.info("Serveur injoignable : %s", exc)
        return False
    finally:
        engine.dispose()


def refresh_copy(db: Database, data_dir: Path, *, now: datetime | None = None) -> CopyInfo:
    """Copy the directory and resources of the server ``db`` into its local copy.

    The server is read in one transaction (a consistent picture); the copy is built in a
    temporary file and renamed over the previous one only when complete.
    """
    import guichet.models as m
    from guichet.search.indexer import reindex_all

    target = copy_path(data_dir, db.url)
    target.parent.mkdir(parents=True, exist_ok=True)
    building = temporary_beside(target, "copie")
    for suffix in ("", "-wal", "-shm", "-journal"):
        building.with_name(building.name + suffix).unlink(missing_ok=True)
    create_sqlite_database(building)
    moment = (now or datetime.now()).replace(microsecond=0)
    local = Database(f"sqlite:///{building}")
    try:
        tables = [m.Base.metadata.tables[name] for name in TABLES]
        with db.engine.connect() as source, local.engine.begin() as out:
            if db.dialect == "postgresql":
                source.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            out.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
            for table in reversed(tables):  # whatever the migrations seeded
                out.execute(table.delete())
            for table in tables:
                withheld = WITHHELD.get(table.name, frozenset())
                columns = [column for column in table.c if column.name not in withheld]
                rows = source.execute(select(*columns)).mappings()
                while batch := rows.fetchmany(BATCH):
                    out.execute(insert(table), [dict(r) for r in batch])
            reindex_all(out)
            out.exec_driver_sql(
                f"CREATE TABLE {INFO_TABLE} (server TEXT NOT NULL, copied_at TEXT NOT NULL)"
            )
            out.exec_driver_sql(
                f"INSERT INTO {INFO_TABLE} VALUES (?, ?)",
                (public_url(db.url), moment.isoformat()),
            )
        local.dispose()
        conn = sqlite3.connect(building)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")  # WAL folded in: one file to rename
        finally:
            conn.close()
    except BaseException:
        local.dispose()
        for suffix in ("", "-wal", "-shm", "-journal"):
            building.with_name(building.name + suffix).unlink(missing_ok=True)
        raise
    for stale in ("-wal", "-shm"):
        target.with_name(target.name + stale).unlink(missing_ok=True)
    replace_file(building, target)
    info = read_info(target)
    assert info is not None
    log.info("Copie locale de l'annuaire rafraîchie : %s", target)
    return info


def read_info(path: Path) -> CopyInfo | None:
    """What the copy at ``path`` holds, or None when there is none (or not a copy)."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            server, copied_at = conn.execute(
                f"SELECT server, copied_at FROM {INFO_TABLE}"
            ).fetchone()
            count = conn.execute("SELECT count(*) FROM organization").fetchone()[0]
        finally:
            conn.close()
    except (sqlite3.Error, TypeError, ValueError):
        return None
    return CopyInfo(path, server, datetime.fromisoformat(copied_at), count)


_OFFLINE: weakref.WeakKeyDictionary[Database, CopyInfo] = weakref.WeakKeyDictionary()
_SERVER: weakref.WeakKeyDictionary[Database, str] = weakref.WeakKeyDictionary()


def _query_only(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.execute("PRAGMA query_only=ON")


def _read_begin(conn: Connection) -> None:
    """Every transaction a reading one: BEGIN IMMEDIATE (a write unit of work that only reads,
    e.g. listing the counsellors) is refused by ``query_only``; a real write still is."""
    conn.exec_driver_sql("BEGIN")


def open_copy(data_dir: Path, url: str) -> tuple[Database, CopyInfo]:
    """The local copy of server ``url``, opened read-only, with what it holds.

    Raises:
        EnvironmentProblem: no copy was ever made of this server.
    """
    from guichet.services.bootstrap import attach

    path = copy_path(data_dir, url)
    info = read_info(path)
    if info is None:
        raise EnvironmentProblem(
            f"Le serveur « {public_url(url)} » est injoignable, et aucune copie locale de "
            "l'annuaire n'a encore été faite sur ce poste (elle se fait à chaque connexion "
            "au serveur). Vérifiez le réseau, puis relancez Guichet."
        )
    db = Database(f"sqlite:///{path}")
    event.listen(db.engine, "connect", _query_only)
    event.remove(db.engine, "begin", _begin)
    event.listen(db.engine, "begin", _read_begin)
    _OFFLINE[db] = info
    _SERVER[db] = url  # in memory only: the password is never written down
    return attach(db), info


def offline_info(db: Database) -> CopyInfo | None:
    """The copy ``db`` is, when the app runs without its server."""
    return _OFFLINE.get(db)


def dated_title(info: CopyInfo) -> str:
    """« Annuaire du 4 décembre 2026 à 17 h 52 » (French dates through Babel)."""
    from babel.dates import format_date

    day = format_date(info.copied_at.date(), "d MMMM y", locale="fr_FR")
    return f"Annuaire du {day} à {info.copied_at.hour} h {info.copied_at.minute:02d}"


def server_url(db: Database) -> str:
    """The server ``db`` stands for: itself online, its server when it is the local copy."""
    return _SERVER.get(db, db.url)


def open_copy_if_unreachable(url: str, data_dir: Path) -> Database | None:
    """At start: the local copy when ``url`` is a server that does not answer, else None."""
    if make_url(url).get_backend_name() != "postgresql" or server_reachable(url):
        return None
    log.info("Serveur injoignable au démarrage : ouverture de la copie locale")
    return open_copy(data_dir, url)[0]
