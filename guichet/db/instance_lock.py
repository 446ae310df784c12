"""One Guichet at a time on a database file: a lock file beside it.

Two windows on the same SQLite file would each write the log, each make the automatic backup on
closing, each offer the same unsaved intake back. So the application holds
``<base>.verrou`` (e.g. ``guichet.sqlite3.verrou``) while it runs, and a second one is told who
has it (« Guichet est déjà ouvert sur cette base (PID …, depuis …) ») and stops.

The lock is a real operating-system lock on that file (``fcntl.flock`` on Linux and macOS,
``msvcrt.locking`` on Windows), not the file's presence: the system drops it when the process
ends, however it ends, so a ``kill -9``, a crash or a power cut never leaves a false lock, and
a file left behind by a dead process (same host or not) is simply taken over. The file's text
(pid, host, user, start time, role) only serves the message. The lock is released and the file
removed at exit (:meth:`InstanceLock.release`, also registered with :mod:`atexit`).

PostgreSQL needs none of this (the server arbitrates); commands that only read (search, check,
relances) do not take the lock and work while the window is open; ``restore`` takes it.
"""

from __future__ import annotations

import atexit
import contextlib
import getpass
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from guichet.db.network import refuse_network_location
from guichet.errors import EnvironmentProblem

SUFFIX = ".verrou"
#: Windows locks byte ranges (and refuses to read a locked one): lock one byte past the text.
_WINDOWS_LOCK_OFFSET = 1 << 16
_MAX_TEXT = 4096


class Role(StrEnum):
    APPLICATION = "application"
    RESTORE = "restauration"


@dataclass(frozen=True)
class LockOwner:
    """Who holds the lock, as its file says (any field may be missing from a torn file)."""

    pid: int | None = None
    host: str = ""
    user: str = ""
    since: datetime | None = None
    role: str = Role.APPLICATION

    def text(self) -> str:
        stamp = self.since.isoformat(timespec="seconds") if self.since else ""
        return (
            f"pid={self.pid or ''}\nhost={self.host}\nuser={self.user}\n"
            f"since={stamp}\nrole={self.role}\n"
        )

    @classmethod
    def parse(cls, text: str) -> LockOwner:
        fields = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
        pid = fields.get("pid", "")
        try:
            since = datetime.fromisoformat(fields.get("since", ""))
        except ValueError:
            since = None
        return cls(
            pid=int(pid) if pid.isdigit() else None,
            host=fields.get("host", ""),
            user=fields.get("user", ""),
            since=since,
            role=fields.get("role", Role.APPLICATION),
        )

    @classmethod
    def me(cls, role: Role) -> LockOwner:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):  # no name for this uid (a container)
            user = str(os.getuid()) if hasattr(os, "getuid") else ""
        return cls(os.getpid(), socket.gethostname(), user, datetime.now().astimezone(), role)


class AlreadyOpen(EnvironmentProblem):
    """The lock is held: the message says by whom and since when."""

    def __init__(self, path: Path, owner: LockOwner) -> None:
        self.owner = owner
        super().__init__(already_open_message(owner), detail=f"{lock_path(path)}\n{owner.text()}")


def already_open_message(owner: LockOwner) -> str:
    details = [f"PID {owner.pid}" if owner.pid else "PID inconnu"]
    if owner.host and owner.host != socket.gethostname():
        details.append(f"sur le poste {owner.host}")
    if owner.user:
        details.append(f"par {owner.user}")
    if owner.since:
        details.append(f"depuis le {owner.since:%d/%m/%Y à %H:%M}")
    who = ", ".join(details)
    if owner.role == Role.RESTORE:
        return (
            f"Une restauration est en cours sur cette base ({who}). Attendez qu'elle se "
            "termine, puis relancez Guichet."
        )
    return (
        f"Guichet est déjà ouvert sur cette base ({who}). Utilisez la fenêtre déjà ouverte, "
        "ou fermez-la avant d'en ouvrir une autre."
    )


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + SUFFIX)


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def _read(fd: int) -> LockOwner:
    os.lseek(fd, 0, os.SEEK_SET)
    return LockOwner.parse(os.read(fd, _MAX_TEXT).decode("utf-8", errors="replace"))


def _same_file(fd: int, path: Path) -> bool:
    """Still the file at ``path`` (not one a releasing process unlinked meanwhile)?"""
    if sys.platform == "win32":
        return True  # an open file cannot be removed there
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


class InstanceLock:
    """The held lock of one database file; :meth:`acquire` takes it or raises AlreadyOpen."""

    def __init__(self, database: Path, fd: int) -> None:
        self.database = database
        self.path = lock_path(database)
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, database: Path, role: Role = Role.APPLICATION) -> InstanceLock:
        refuse_network_location(database)  # a share's locks are not to be trusted either
        path = lock_path(database)
        for _attempt in range(10):
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
            if not _try_lock(fd):
                owner = _read(fd)
                os.close(fd)
                raise AlreadyOpen(database, owner)
            if _same_file(fd, path):
                break
            _unlock(fd)
            os.close(fd)
        else:  # pragma: no cover - ten releases racing ten takes
            raise EnvironmentProblem(f"Impossible de verrouiller « {path} ».")
        data = LockOwner.me(role).text().encode("utf-8")
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, data)
        lock = cls(database, fd)
        atexit.register(lock.release)
        return lock

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Removes the file and drops the lock (idempotent)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        atexit.unregister(self.release)
        if sys.platform != "win32":
            with contextlib.suppress(OSError):
                self.path.unlink()  # before unlocking: a waiting taker then sees a new file
        _unlock(fd)
        os.close(fd)
        if sys.platform == "win32":
            with contextlib.suppress(OSError):
                self.path.unlink()

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()
