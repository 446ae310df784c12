"""A throw-away PostgreSQL server on 127.0.0.1 (TCP, so that ``tc netem`` on the loopback can
slow it down), stopped and removed at the end."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0 and shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextmanager
def tcp_server() -> Iterator[tuple[str, int]]:
    """Yields (SQLAlchemy URL of an empty database, port)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("pas de serveur PostgreSQL sur cette machine")
    binaries = Path(found[-1]).parent
    folder = Path(tempfile.mkdtemp(prefix="guichet-bench-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", _free_port()

    def run(*args: str) -> None:
        subprocess.run(_as_server_user(list(args)), check=True, capture_output=True, timeout=120)

    run(str(binaries / "initdb"), "-D", str(data), "-U", "guichet", "--auth=trust", "-E", "UTF8")
    options = f"-k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -p {port}"
    run(
        str(binaries / "pg_ctl"),
        "-D",
        str(data),
        "-o",
        options,
        "-w",
        "-l",
        str(folder / "log"),
        "start",
    )
    try:
        run(
            str(binaries / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "guichet",
            "guichet",
        )
        yield f"postgresql+psycopg://guichet@127.0.0.1:{port}/guichet", port
    finally:
        run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)
