"""A second window on a database another Guichet has open: a French dialog, then it leaves."""

from __future__ import annotations

from pathlib import Path

from guichet.app import database_opener
from guichet.config import AppPaths
from guichet.db import Database
from guichet.db.instance_lock import LockOwner, lock_path
from tests.lock_holder import holding

from guichet.ui.application import run


def test_the_second_guichet_is_told_and_exits(
    demo_db: Database, paths: AppPaths, message_boxes: list[str]
) -> None:
    path = demo_db.path
    assert path is not None
    demo_db.dispose()
    before = path.read_bytes()
    url = f"sqlite:///{path}"
    with holding(path) as first:
        status = run(url, paths, lambda: database_opener(url, paths, demo_if_empty=False))
        assert LockOwner.parse(lock_path(path).read_text(encoding="utf-8")).pid == first.pid
    assert status == 2
    assert len(message_boxes) == 1
    assert message_boxes[0].startswith(f"Guichet est déjà ouvert sur cette base (PID {first.pid}, ")
    assert path.read_bytes() == before
    assert not list(Path(paths.backup_dir).glob("*.sqlite3"))  # no automatic backup either
