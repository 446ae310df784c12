"""A database locked by another desk: a French message, and nothing lost on either side."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

import guichet.models as m
from guichet.db import Database
from guichet.errors import EnvironmentProblem


def test_a_write_while_another_desk_holds_the_lock(tmp_path: Path, migrated_template: Path) -> None:
    path = tmp_path / "partagee.sqlite3"
    shutil.copyfile(migrated_template, path)
    db = Database(f"sqlite:///{path}", busy_timeout_ms=100)
    other_desk = sqlite3.connect(path, timeout=0.1, isolation_level=None)
    other_desk.execute("BEGIN IMMEDIATE")
    other_desk.execute(
        "INSERT INTO counsellor (name, initials, active, version) VALUES ('Autre poste', 'AP', 1, 1)"
    )
    try:
        with pytest.raises(EnvironmentProblem) as refused, db.unit_of_work() as s:
            s.add(m.Organization(legal_name="Usinage Lefebvre"))
        assert "occupée par un autre poste" in refused.value.message
        assert "rien n'a été perdu" in refused.value.message
    finally:
        other_desk.execute("COMMIT")
        other_desk.close()
    with db.unit_of_work() as s:  # the other desk's work is kept, ours can be done again
        assert s.scalar(select(func.count()).select_from(m.Counsellor)) == 1
        assert s.scalar(select(func.count()).select_from(m.Organization)) == 0
        s.add(m.Organization(legal_name="Usinage Lefebvre"))
    with db.unit_of_work() as s:
        assert s.scalar(select(m.Organization.legal_name)) == "Usinage Lefebvre"
    db.dispose()
