"""A throw-away PostgreSQL server for the tests that prove the code is portable.

It uses the server binaries of the machine (Debian's postgresql package), runs as the
``postgres`` user when the tests run as root, listens only on a Unix socket in a temporary
folder, and is stopped at the end of the run.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def server_binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0 and shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextmanager
def temporary_server() -> Iterator[str]:
    """Yields a SQLAlchemy URL to an empty database on a fresh server."""
    binaries = server_binaries()
    if binaries is None:
        raise RuntimeError("PostgreSQL server binaries not found")
    folder = Path(tempfile.mkdtemp(prefix="guichet-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    run = lambda *args: subprocess.run(  # noqa: E731
        _as_server_user(list(args)), check=True, capture_output=True, text=True, timeout=120
    )
    run(
        str(binaries / "initdb"),
        "-D",
        str(data),
        "-U",
        "guichet",
        "--auth=trust",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
    )
    options = f"-k {folder} -c listen_addresses='' -c fsync=off -p 5499"
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
        run(str(binaries / "createdb"), "-h", str(folder), "-p", "5499", "-U", "guichet", "guichet")
        yield f"postgresql+psycopg://guichet@/guichet?host={folder}&port=5499"
    finally:
        run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


_counter = iter(range(1, 1_000_000))


def fresh_database(server_url: str, template: str | None = None) -> str:
    """Creates an empty database on the server (or a copy of the database ``template``, which
    nobody may be connected to) and returns its URL."""
    from sqlalchemy import create_engine, make_url

    name = f"test_{next(_counter)}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        copy = f" TEMPLATE {make_url(template).database}" if template else ""
        conn.exec_driver_sql(f"CREATE DATABASE {name}{copy}")
    admin.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)
