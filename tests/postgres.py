"""A throw-away PostgreSQL server for the tests that prove the code is portable.

The server is :mod:`guichet.db.local_cluster`'s (Debian's binaries, the ``postgres`` user when
the tests run as root, a Unix socket in a temporary folder), stopped at the end of the run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from guichet.db import local_cluster
from guichet.db.local_cluster import server_binaries

__all__ = ["fresh_database", "server_binaries", "temporary_server"]


@contextmanager
def temporary_server() -> Iterator[str]:
    """Yields a SQLAlchemy URL to an empty database on a fresh server."""
    with local_cluster.temporary_server() as cluster:
        yield cluster.create_database("guichet")


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
