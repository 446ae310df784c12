"""A private PostgreSQL cluster on this machine: ``make run-team``, the tests and the benchmarks.

It uses the server binaries of the machine (Debian's ``postgresql`` package), listens only on a
Unix socket in its own folder (no TCP port, nothing another program can reach by accident), and
trusts the local user ``guichet``, its superuser. Run as root, the server runs as the
``postgres`` system user (PostgreSQL refuses root), which then owns the folder.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

#: The superuser of the cluster.
SUPERUSER = "guichet"
SERVER_USER = "postgres"


def server_binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0 and shutil.which("runuser"):
        return ["runuser", "-u", SERVER_USER, "--", *command]
    return command


@dataclass(frozen=True)
class LocalCluster:
    """A cluster whose data, socket and log live in ``folder``."""

    folder: Path
    port: int = 5499
    durable: bool = True  # False: fsync off (tests, benchmarks)
    #: Server settings for ``-c`` (``{"shared_buffers": "1GB"}``).
    settings: tuple[tuple[str, str], ...] = ()

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        binaries = server_binaries()
        if binaries is None:
            raise RuntimeError(
                "Serveur PostgreSQL introuvable : installez le paquet « postgresql »."
            )
        command = [str(binaries / args[0]), *args[1:]]
        return subprocess.run(
            _as_server_user(command), check=True, capture_output=True, text=True, timeout=120
        )

    def url(self, database: str = SUPERUSER, user: str = SUPERUSER) -> str:
        return f"postgresql+psycopg://{user}@/{database}?host={self.folder}&port={self.port}"

    @property
    def initialised(self) -> bool:
        return (self.data / "PG_VERSION").exists()

    @property
    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def init(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, SERVER_USER, SERVER_USER)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )

    def start(self) -> None:
        options = f"-k {self.folder} -c listen_addresses='' -p {self.port}"
        if not self.durable:
            options += " -c fsync=off"
        options += "".join(f" -c {name}={value}" for name, value in self.settings)
        log = self.folder / "log"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-w", "-l", str(log), "start")

    def stop(self, *, immediate: bool = False) -> None:
        mode = "immediate" if immediate else "fast"
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def create_database(self, name: str, *, owner: str = SUPERUSER) -> str:
        """Creates database ``name`` (letters, digits, underscores) and returns its URL."""
        self._run(
            "createdb", "-h", str(self.folder), "-p", str(self.port), "-U", SUPERUSER,
            "-O", owner, name,
        )  # fmt: skip
        return self.url(name)

    def has_database(self, name: str) -> bool:
        found = self._run(
            "psql", "-h", str(self.folder), "-p", str(self.port), "-U", SUPERUSER, "-d",
            "postgres", "-Atc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
        )  # fmt: skip
        return found.stdout.strip() == "1"


@contextmanager
def temporary_server(
    port: int = 5499, settings: tuple[tuple[str, str], ...] = ()
) -> Iterator[LocalCluster]:
    """A fresh cluster in a temporary folder, stopped and removed at the end."""
    folder = Path(tempfile.mkdtemp(prefix="guichet-pg-"))
    cluster = LocalCluster(folder, port, durable=False, settings=settings)
    try:
        cluster.init()
        cluster.start()
        try:
            yield cluster
        finally:
            cluster.stop(immediate=True)
    finally:
        shutil.rmtree(cluster.folder, ignore_errors=True)
