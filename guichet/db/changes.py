"""Who else wrote: the tables a commit touched, told to every other window on the database.

PostgreSQL: each unit of work that wrote sends ``NOTIFY guichet, '<origin>:<tables>'`` inside its
transaction (delivered at commit, never for a rolled-back one); a :class:`ChangeWatcher` listens
on its own connection, in a thread of its own. SQLite: the watcher reads ``PRAGMA data_version``
every half second on its own connection; it changes when another connection commits, so the
tables are unknown (``None``). Writes of this process are not reported (its pages reload after
their own saves): on PostgreSQL by the origin in the payload, on SQLite by skipping an interval
in which this :class:`~guichet.db.database.Database` wrote itself.

The watcher also tells whether the server answers: a lost listening connection is retried with
a growing delay (0.5 s up to 5 s), and a reconnection reports "everything may have changed".
No Qt here: the callbacks run on the watcher's thread; the interface forwards them.
"""

from __future__ import annotations

import logging
import select
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.orm import ORMExecuteState, Session

if TYPE_CHECKING:
    from guichet.db.database import Database

log = logging.getLogger(__name__)

CHANNEL = "guichet"
SQLITE_POLL_S = 0.5  # also how often the PostgreSQL listener looks at its socket
#: Without traffic, the PostgreSQL listener checks its connection this often.
KEEPALIVE_S = 2.0
BACKOFF_S = (0.5, 1.0, 2.0, 4.0, 5.0)

Tables = frozenset[str] | None  # None: unknown (SQLite, or after a reconnection)


def note_flushed_tables(session: Session, _context: object) -> None:
    """``after_flush``: the tables of the objects this flush wrote."""
    tables: set[str] = session.info.setdefault("tables", set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        mapper = getattr(obj, "__mapper__", None)
        if mapper is not None:
            tables.update(t.name for t in mapper.tables)


def note_statement_table(state: ORMExecuteState) -> None:
    """``do_orm_execute``: the table of a bulk INSERT/UPDATE/DELETE."""
    if state.is_insert or state.is_update or state.is_delete:
        name = getattr(getattr(state.statement, "table", None), "name", None)
        if isinstance(name, str):
            state.session.info.setdefault("tables", set()).add(name)


def payload(origin: str, tables: set[str]) -> str:
    listed = ",".join(sorted(tables))
    return f"{origin}:{listed if len(listed) < 7000 else '*'}"


def parse_payload(text_: str) -> tuple[str, Tables]:
    origin, _, listed = text_.partition(":")
    if not listed or listed == "*":
        return origin, None
    return origin, frozenset(listed.split(","))


def notify_before_commit(origin: str) -> Callable[[Session], None]:
    """``before_commit`` on PostgreSQL: one NOTIFY for what the unit of work wrote."""

    def before_commit(session: Session) -> None:
        session.flush()  # the tables of what is still pending count too
        tables = session.info.pop("tables", None)
        if tables:
            session.execute(
                text("SELECT pg_notify(:channel, :payload)"),
                {"channel": CHANNEL, "payload": payload(origin, tables)},
            )

    return before_commit


class ChangeWatcher:
    """Runs ``on_change(tables)`` when another process commits, ``on_connection(ok)`` when the
    server stops or starts answering. Both are called on the watcher's own thread."""

    def __init__(
        self,
        db: Database,
        on_change: Callable[[Tables], None],
        on_connection: Callable[[bool], None] = lambda _ok: None,
    ) -> None:
        self._db = db
        self._on_change = on_change
        self._on_connection = on_connection
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="guichet-changes", daemon=True)
        self.connected = True
        self._attempt = 0

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=3)

    # -- the thread ------------------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if self._db.dialect == "postgresql":
                    self._listen()
                else:
                    self._poll_sqlite()
                return
            except Exception as exc:  # the server went away: say so, retry with a growing delay
                log.info("Écoute des changements interrompue : %s", exc)
                self._set_connected(False)
                self._stop.wait(BACKOFF_S[min(self._attempt, len(BACKOFF_S) - 1)])
                self._attempt += 1

    def _connected_again(self) -> None:
        self._attempt = 0
        if not self.connected:
            self._set_connected(True)
            self._on_change(None)  # notifications may have been missed meanwhile

    def _set_connected(self, ok: bool) -> None:
        if ok != self.connected:
            self.connected = ok
            self._on_connection(ok)

    def _raw_connection(self) -> Any:
        dialect = self._db.engine.dialect
        args, kwargs = dialect.create_connect_args(self._db.engine.url)
        kwargs.setdefault("connect_timeout", 3)
        return dialect.loaded_dbapi.connect(*args, **kwargs)

    def _listen(self) -> None:
        connection = self._raw_connection()
        received: list[str] = []
        try:
            connection.autocommit = True
            connection.add_notify_handler(lambda note: received.append(note.payload))
            connection.execute(f"LISTEN {CHANNEL}")
            self._connected_again()
            checked = time.monotonic()
            while not self._stop.is_set():
                # a notification (or the server closing) makes the socket readable; without
                # traffic, a query checks now and then that the server still answers
                ready, _, _ = select.select([connection.fileno()], [], [], SQLITE_POLL_S)
                if ready or time.monotonic() - checked > KEEPALIVE_S:
                    connection.execute("SELECT 1")  # delivers the notifications; raises if gone
                    checked = time.monotonic()
                    self._report(received)
                    received.clear()
        finally:
            connection.close()

    def _report(self, payloads: list[str]) -> None:
        changed: set[str] | None = set()
        for sent in payloads:
            sender, tables = parse_payload(sent)
            if sender == self._db.origin:
                continue
            changed = None if tables is None or changed is None else changed | tables
        if changed is None or changed:
            self._on_change(None if changed is None else frozenset(changed))

    def _poll_sqlite(self) -> None:
        path = self._db.path
        if path is None:  # an in-memory database has no other writer
            return
        connection = sqlite3.connect(str(path), check_same_thread=False)
        try:
            version = connection.execute("PRAGMA data_version").fetchone()[0]
            own = self._db.local_writes
            while not self._stop.wait(SQLITE_POLL_S):
                now = connection.execute("PRAGMA data_version").fetchone()[0]
                own_now = self._db.local_writes
                ours = own_now != own or self._db.writing > 0
                if now != version and not ours:
                    self._on_change(None)
                version, own = now, own_now
        finally:
            connection.close()
