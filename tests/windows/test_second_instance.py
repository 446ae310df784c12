"""One Guichet per database file: the lock, with two real processes."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from guichet.app import database_opener
from guichet.cli import main
from guichet.config import AppPaths
from guichet.db import Database
from guichet.db.instance_lock import AlreadyOpen, InstanceLock, LockOwner, Role, lock_path
from guichet.errors import EnvironmentProblem
from tests.lock_holder import holding


def test_a_second_holder_is_told_who_has_the_database(tmp_path: Path) -> None:
    database = tmp_path / "guichet.sqlite3"
    with holding(database) as other:
        assert lock_path(database).name == "guichet.sqlite3.verrou"
        with pytest.raises(AlreadyOpen) as caught:
            InstanceLock.acquire(database)
        owner = caught.value.owner
        assert owner.pid == other.pid and owner.since is not None and owner.user
        assert caught.value.message.startswith(
            f"Guichet est déjà ouvert sur cette base (PID {other.pid}, "
        )
        assert f"depuis le {owner.since:%d/%m/%Y à %H:%M}" in caught.value.message
    assert other.returncode == 0
    assert not lock_path(database).exists()  # removed when the other one left
    with InstanceLock.acquire(database) as mine:
        assert mine.held
    assert not lock_path(database).exists()


def test_a_killed_holder_leaves_no_false_lock(tmp_path: Path) -> None:
    database = tmp_path / "guichet.sqlite3"
    with holding(database) as other:
        os.kill(other.pid, signal.SIGKILL)
        other.wait(timeout=60)
        left = LockOwner.parse(lock_path(database).read_text(encoding="utf-8"))
        assert left.pid == other.pid  # the file stays behind…
        lock = InstanceLock.acquire(database)  # …and is taken over
    try:
        now = LockOwner.parse(lock_path(database).read_text(encoding="utf-8"))
        assert now.pid == os.getpid() and now.role == Role.APPLICATION
    finally:
        lock.release()


def test_a_restore_in_progress_is_named(tmp_path: Path) -> None:
    database = tmp_path / "guichet.sqlite3"
    with holding(database, "restauration"), pytest.raises(AlreadyOpen) as caught:
        InstanceLock.acquire(database)
    assert caught.value.message.startswith("Une restauration est en cours sur cette base (PID ")


def test_a_torn_lock_file_still_gives_a_message() -> None:
    owner = LockOwner.parse("pid=\nsince=pas une date\n")
    assert owner == LockOwner()
    from guichet.db.instance_lock import already_open_message

    assert already_open_message(owner).startswith(
        "Guichet est déjà ouvert sur cette base (PID inconnu)"
    )


def test_the_application_takes_the_lock_and_gives_it_back(db: Database, paths: AppPaths) -> None:
    path = db.path
    assert path is not None
    db.dispose()
    url = f"sqlite:///{path}"
    opened = database_opener(url, paths, demo_if_empty=False)
    try:
        assert lock_path(path).exists()
        with pytest.raises(AlreadyOpen):
            database_opener(url, paths, demo_if_empty=False)  # a second window, same user
    finally:
        opened.dispose()
    assert not lock_path(path).exists()


def test_while_the_application_runs_reads_work_and_a_restore_is_refused(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = demo_db
    path = db.path
    assert path is not None
    backup = tmp_path / "copie.sqlite3"
    assert main(["--db", str(path), "backup", str(backup)]) == 0
    db.dispose()
    before = path.read_bytes()
    with holding(path) as app:
        assert main(["--db", str(path), "search", "usinage"]) == 0
        assert main(["--db", str(path), "check"]) == 0
        assert main(["--db", str(path), "relances"]) == 0
        capsys.readouterr()
        assert main(["--db", str(path), "restore", str(backup)]) == 2
        err = capsys.readouterr().err
        assert f"Guichet est déjà ouvert sur cette base (PID {app.pid}, " in err
        assert path.read_bytes() == before
        assert LockOwner.parse(lock_path(path).read_text(encoding="utf-8")).pid == app.pid
    assert main(["--db", str(path), "restore", str(backup)]) == 0
    assert not lock_path(path).exists()


def test_no_lock_file_is_made_for_a_database_on_a_share(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(EnvironmentProblem, match="partage réseau"):
        InstanceLock.acquire(Path("\\\\serveur\\partage\\guichet.sqlite3"))
    assert list(tmp_path.iterdir()) == []
