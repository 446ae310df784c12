"""The database handle: engine, session factory and the unit of work of one user action."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from guichet.config import sqlite_path
from guichet.db import cipher
from guichet.db.audit import install_audit_hook
from guichet.db.changes import note_flushed_tables, note_statement_table, notify_before_commit
from guichet.db.problems import environment_problem
from guichet.errors import ConcurrentEditError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000


#: Execution option a write unit of work puts on its connection (see :func:`_begin`).
WRITE_OPTION = "guichet_write"
#: Key of PostgreSQL's transaction-level advisory lock that serialises write units of work.
PG_WRITE_LOCK = 0x47554943


def _sqlite_pragmas(busy_timeout_ms: int) -> Callable[[object, object], None]:
    def on_connect(dbapi_connection: object, _record: object) -> None:
        # SQLAlchemy's pysqlite recipe: the driver no longer opens transactions itself (it would
        # run SELECTs outside any transaction and commit DDL statement by statement); the
        # "begin" event below emits BEGIN, so every transaction is a real one, DDL included.
        dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    return on_connect


def _keyed(passphrase: str) -> Callable[[object, object], None]:
    def on_connect(dbapi_connection: object, _record: object) -> None:
        cipher.apply_key(dbapi_connection, passphrase)

    return on_connect


def _begin(conn: Connection) -> None:
    """BEGIN IMMEDIATE for a write unit of work (takes the write lock first, waiting up to the
    busy timeout), a plain deferred BEGIN for reads."""
    immediate = conn.get_execution_options().get(WRITE_OPTION)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _pg_write_lock(conn: Connection, busy_timeout_ms: int) -> None:
    """PostgreSQL's counterpart of BEGIN IMMEDIATE: one writer at a time, the next one waits
    up to the busy timeout (then ``lock_not_available``)."""
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = {int(busy_timeout_ms)}")
    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")


def _pg_session_settings(dbapi_connection: object, _record: object) -> None:
    """No JIT compilation: a desk's queries are short, and compiling one that PostgreSQL merely
    estimates expensive (a search reading the table in order, stopped after a page) costs
    50 to 200 ms."""
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("SET jit = off")
    cursor.close()
    dbapi_connection.commit()  # type: ignore[attr-defined]


def make_engine(url: str, *, echo: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys, WAL and a busy timeout."""
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    passphrase = cipher.passphrase_for(path) if path is not None else None
    if passphrase is not None:
        # SQLCipher: the same dialect through the sqlcipher3 DB-API module, keyed first.
        engine = create_engine(url, echo=echo, module=cipher.dbapi())
        event.listen(engine, "connect", _keyed(passphrase))
    else:
        # a server restarted meanwhile: a dead pooled connection is replaced, not handed out
        engine = create_engine(url, echo=echo, pool_pre_ping=not url.startswith("sqlite"))
    if engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _pg_session_settings)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout_ms))
        event.listen(engine, "begin", _begin)
    return engine


def _note_write(session: Session, _context: object) -> None:
    session.info["wrote"] = True


def _note_bulk_write(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info["wrote"] = True


class Database:
    """Owns the engine; hands out one session per user action."""

    def __init__(
        self, url: str, *, echo: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS
    ) -> None:
        self.url = url
        self.busy_timeout_ms = busy_timeout_ms
        self.engine = make_engine(url, echo=echo, busy_timeout_ms=busy_timeout_ms)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.counsellor_id: int | None = None
        #: True when opening created this database (the caller says so to the counsellor).
        self.created = False
        #: Called on every new session (e.g. the search index hook); db never imports them.
        self.session_hooks: list[Callable[[Session], None]] = []
        #: How many units of work committed a change: a page compares it with the value it last
        #: showed to know whether it must reload when it comes back on screen.
        self.writes = 0
        #: Run by :meth:`dispose` (the application's instance lock is released there).
        self.on_dispose: list[Callable[[], None]] = []
        event.listen(self._sessions, "after_flush", _note_write)
        event.listen(self._sessions, "do_orm_execute", _note_bulk_write)
        #: Names this handle in the change notifications it sends (guichet.db.changes).
        self.origin = uuid.uuid4().hex[:12]
        #: Write units of work begun or ended, and those running: the SQLite change watcher
        #: does not report an interval in which this handle wrote itself.
        self.local_writes = 0
        self.writing = 0
        event.listen(self._sessions, "after_flush", note_flushed_tables)
        event.listen(self._sessions, "do_orm_execute", note_statement_table)
        if self.dialect == "postgresql":
            event.listen(self._sessions, "before_commit", notify_before_commit(self.origin))

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def session(self) -> Session:
        session = self._sessions()
        session.info["counsellor_id"] = self.counsellor_id
        install_audit_hook(session)
        for hook in self.session_hooks:
            hook(session)
        return session

    @contextmanager
    def unit_of_work(self, *, write: bool = True) -> Iterator[Session]:
        """One user action: commits whole on success, rolls back whole on any error.

        A write unit of work holds the database's write lock from its first statement (SQLite
        ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock), so what it reads to decide a write
        (the next id, the next reference, "does this SIRET exist") cannot change under it; a
        second writer waits up to the busy timeout, then gets a French message. ``write=False``
        is for pure reads (searches, checks): they never wait for a writer.
        """
        session = self.session()
        if write:
            self.local_writes += 1
            self.writing += 1
        try:
            connection = session.connection(execution_options={WRITE_OPTION: write})
            if write and self.dialect == "postgresql":
                _pg_write_lock(connection, self.busy_timeout_ms)
            yield session
            session.commit()
            if session.info.pop("wrote", False):
                self.writes += 1
        except StaleDataError as exc:
            session.rollback()
            raise ConcurrentEditError(
                "Cette fiche a été modifiée par quelqu'un d'autre depuis son ouverture. "
                "Rechargez-la pour voir les changements."
            ) from exc
        except (DBAPIError, OSError) as exc:
            session.rollback()
            problem = environment_problem(exc)
            if problem is not None:
                log.info("%s (%s)", problem.message, exc)
                raise problem from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
            if write:
                self.writing -= 1
                self.local_writes += 1

    @contextmanager
    def write_transaction(self) -> Iterator[Connection]:
        """A Core connection in a write transaction (the write lock taken first, as a write unit
        of work does), committed on success: migrations run in one of these."""
        with self.engine.connect() as connection:
            connection.execution_options(**{WRITE_OPTION: True})
            with connection.begin():
                if self.dialect == "postgresql":
                    _pg_write_lock(connection, self.busy_timeout_ms)
                yield connection

    def dispose(self) -> None:
        self.engine.dispose()
        while self.on_dispose:
            self.on_dispose.pop()()
