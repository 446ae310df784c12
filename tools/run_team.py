"""``make run-team``: the app on a local PostgreSQL server, as a team would use it.

Starts a private PostgreSQL cluster in ``.pg/`` (made the first time; Unix socket in that folder,
no TCP port; run as root, the server runs as the ``postgres`` user), prepares the ``guichet``
database with ``guichet init-server``, fills it with the demo data when it is empty and opens the
window on it. A second ``make run-team`` while the first window is open opens a second window on
the same database (two desks of one team); the server stops when the window that started it
closes. ``GUICHET_ARGS`` adds options to the window's command line.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from guichet.db.local_cluster import LocalCluster

FOLDER = Path(os.environ.get("GUICHET_PG_DIR", ".pg")).resolve()
PORT = int(os.environ.get("GUICHET_PG_PORT", "5433"))
DATABASE = "guichet"


def _server_up(cluster: LocalCluster) -> bool:
    try:
        cluster._run("pg_ctl", "-D", str(cluster.data), "status")
    except subprocess.CalledProcessError:
        return False
    return True


def main() -> int:
    cluster = LocalCluster(FOLDER, PORT)
    if not cluster.initialised:
        print(f"Nouveau serveur PostgreSQL local dans {FOLDER}", file=sys.stderr)
        cluster.init()
    started = not _server_up(cluster)
    if started:
        cluster.start()
    try:
        url = cluster.url(DATABASE)
        if not cluster.has_database(DATABASE):
            cluster.create_database(DATABASE)
            subprocess.run([sys.executable, "-m", "guichet", "init-server", url], check=True)
        print(f"Base de l'équipe : {url}", file=sys.stderr)
        extra = shlex.split(os.environ.get("GUICHET_ARGS", ""))
        return subprocess.call([sys.executable, "-m", "guichet", "--db", url, "--demo", *extra])
    finally:
        if started:
            cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
