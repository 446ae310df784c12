"""A throw-away PostgreSQL server of one test's own, that the test stops and starts again."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from guichet.db.local_cluster import _as_server_user, server_binaries


class RestartableServer:
    def __init__(self) -> None:
        binaries = server_binaries()
        assert binaries is not None
        self.binaries = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="guichet-pg-restart-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self.data = self.folder / "data"
        self._run("initdb", "-D", str(self.data), "-U", "guichet", "--auth=trust", "-E", "UTF8")
        self.start()
        self._run("createdb", "-h", str(self.folder), "-p", "5498", "-U", "guichet", "guichet")
        self.url = f"postgresql+psycopg://guichet@/guichet?host={self.folder}&port=5498"

    def _run(self, tool: str, *args: str) -> None:
        command = _as_server_user([str(self.binaries / tool), *args])
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        options = f"-k {self.folder} -c listen_addresses='' -c fsync=off -p 5498"
        log = str(self.folder / "log")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-w", "-l", log, "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        subprocess.run(
            _as_server_user(
                [str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]
            ),
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.folder, ignore_errors=True)
