"""20 ms of added latency between the app and the server.

First choice: ``tc qdisc add dev lo root netem delay 20ms`` (root; removed in a ``finally``).
Where the kernel has no netem (containers), the latency is EMULATED instead: every round trip of
the psycopg driver (a statement, a commit, a rollback, a connection) sleeps 20 ms in the thread
that makes it — the GUI thread when the app runs it there, a worker when it does not.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg

DELAY_S = 0.020


def _tc(*args: str) -> bool:
    done = subprocess.run(["tc", *args], capture_output=True, text=True, check=False)
    return done.returncode == 0


class SlowCursor(psycopg.Cursor):
    def execute(self, *args: Any, **kwargs: Any) -> Any:
        time.sleep(DELAY_S)
        return super().execute(*args, **kwargs)

    def executemany(self, *args: Any, **kwargs: Any) -> Any:
        time.sleep(DELAY_S)
        return super().executemany(*args, **kwargs)


class SlowConnection(psycopg.Connection):
    def commit(self) -> None:
        time.sleep(DELAY_S)
        super().commit()

    def rollback(self) -> None:
        time.sleep(DELAY_S)
        super().rollback()


def _slow_connect(*args: Any, **kwargs: Any) -> Any:
    time.sleep(3 * DELAY_S)  # start-up, authentication, parameters
    kwargs.setdefault("cursor_factory", SlowCursor)
    return SlowConnection.connect(*args, **kwargs)


@contextmanager
def added_latency(enabled: bool = True) -> Iterator[str]:
    """Yields how the latency is added: "netem", "emulated" or "none"."""
    if not enabled:
        yield "none"
        return
    if _tc("qdisc", "add", "dev", "lo", "root", "netem", "delay", "20ms"):
        try:
            yield "netem"
        finally:
            _tc("qdisc", "del", "dev", "lo", "root")
        return
    original = psycopg.connect
    psycopg.connect = _slow_connect
    try:
        yield "emulated"
    finally:
        psycopg.connect = original
