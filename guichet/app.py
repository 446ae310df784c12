"""Composition root: paths, logging, database, then the window.

Nothing here is built at import time; the CLI calls :func:`run_gui` with the database it chose.
The window is shown first; the database (SQLAlchemy, migrations, demo data) opens right after,
off the GUI thread, so the counsellor sees the app at once.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from guichet.config import LOG_FILE, AppPaths

if TYPE_CHECKING:
    from guichet.db import Database

log = logging.getLogger("guichet")


def setup_file_logging(paths: AppPaths) -> None:
    """A rotating log in the user log folder (5 files of 1 MB)."""
    import logging.handlers

    paths.log_dir.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        paths.log_dir / LOG_FILE, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)


def database_opener(
    url: str, paths: AppPaths, *, demo_if_empty: bool, create: bool = False
) -> Database:
    """Opens (migrates, seeds) the database, and fills it with the demo data if asked and empty.

    Runs on the thread pool once the window is painted; the log file is set up here, once the
    database's instance lock is held (:mod:`guichet.db.instance_lock`).
    ``create`` (the first start on the default database, or ``--demo``) makes a missing one,
    and says so on stderr (the window says it in its status bar).
    """
    import sys

    from guichet.config import sqlite_path
    from guichet.db.instance_lock import InstanceLock
    from guichet.services.bootstrap import open_database
    from guichet.services.offline_copy import open_copy_if_unreachable

    offline = open_copy_if_unreachable(url, paths.data_dir)  # the server away: its local copy
    if offline is not None:
        setup_file_logging(paths)
        return offline
    path = sqlite_path(url)
    # Held while the window is open (released by db.dispose() or at exit): a second Guichet
    # on this file is refused before it logs, migrates, seeds or backs up anything.
    lock = InstanceLock.acquire(path) if path is not None and path.parent.is_dir() else None
    setup_file_logging(paths)
    try:
        db = open_database(url, backup_dir=paths.backup_dir, create=create or demo_if_empty)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    if lock is None and path is not None:  # its folder was just made: lock it now
        try:
            lock = InstanceLock.acquire(path)
        except BaseException:
            db.dispose()
            raise
    if lock is not None:
        db.on_dispose.append(lock.release)
    # openpyxl costs ~120 ms to import: checked here, once the window is painted
    from guichet.importers.xml_safety import require_safe_xml

    try:
        require_safe_xml()
    except BaseException:
        db.dispose()
        raise
    if db.created:
        print(f"Nouvelle base créée : {db.path or url}", file=sys.stderr)
    if demo_if_empty:
        from guichet.services.demo import generate_demo, is_empty

        if is_empty(db):
            log.info("Base vide : création des données de démonstration")
            generate_demo(db)
    return db


def run_gui(url: str, paths: AppPaths, *, demo_if_empty: bool = False, create: bool = False) -> int:
    """The window; non-zero when the database could not be opened (a French dialog said why)."""
    from guichet.ui.application import run

    paths.ensure()
    return run(
        url,
        paths,
        lambda: database_opener(url, paths, demo_if_empty=demo_if_empty, create=create),
    )
