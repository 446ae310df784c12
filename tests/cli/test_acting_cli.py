"""Who acts on the command line: ``--conseiller INITIALES`` (or the mapped operating-system
user) is named in the audit trail; roles apply; a team database refuses writes by nobody."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, update

import guichet.models as m
from guichet.cli import main
from guichet.db import Database
from guichet.services.bootstrap import open_database
from tests.postgres import fresh_database


def _ids(db: Database) -> dict[str, int]:
    with db.unit_of_work(write=False) as s:
        return {c.initials: c.id for c in s.scalars(select(m.Counsellor))}


def _exports(db: Database) -> list[tuple[int | None, str | None]]:
    with db.unit_of_work(write=False) as s:
        query = select(m.AuditEntry.counsellor_id, m.AuditEntry.new_value).where(
            m.AuditEntry.action == m.AuditAction.EXPORT
        )
        return [tuple(row) for row in s.execute(query)]  # type: ignore[misc]


def test_the_trail_names_the_counsellor_given_on_the_command_line_and_roles_apply(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(demo_db.path)
    ids = _ids(demo_db)
    out = tmp_path / "contacts.csv"
    assert main(["--db", path, "--conseiller", "sd", "export", "contacts", "-o", str(out)]) == 2
    assert (
        "Votre rôle (conseiller) ne permet pas d'exporter des données nominatives"
        in capsys.readouterr().err
    )
    assert not out.exists()
    assert main(["--db", path, "--conseiller", "CL", "export", "contacts", "-o", str(out)]) == 0
    [(who, what)] = _exports(demo_db)
    assert who == ids["CL"] and what is not None and what.startswith("Contacts → contacts.csv")
    assert main(["--db", path, "--conseiller", "ZZ", "export", "contacts", "-o", str(out)]) == 2
    assert "Aucun conseiller actif n'a les initiales ZZ" in capsys.readouterr().err


def test_the_mapped_operating_system_user_acts_when_no_initials_are_given(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("guichet.services.accounts.os_user", lambda: "sophie")
    with demo_db.unit_of_work() as s:
        s.execute(update(m.Counsellor).values(os_user=None))
        s.execute(
            update(m.Counsellor).where(m.Counsellor.initials == "CL").values(os_user="sophie")
        )
    out = tmp_path / "organisations.csv"
    assert main(["--db", str(demo_db.path), "export", "organisations", "-o", str(out)]) == 0
    assert [who for who, _ in _exports(demo_db)] == [_ids(demo_db)["CL"]]


def test_a_team_database_refuses_a_command_by_nobody(
    postgres_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.setattr("guichet.services.accounts.os_user", lambda: "")
    url = fresh_database(postgres_server)
    db = open_database(url, create=True)
    with db.unit_of_work() as s:
        s.add(m.Counsellor(name="Claire Martin", initials="CM"))
    db.dispose()
    out = tmp_path / "organisations.csv"
    assert main(["--db", url, "export", "organisations", "-o", str(out)]) == 2
    assert "Sur une base d'équipe, indiquez qui agit" in capsys.readouterr().err
    assert not out.exists()  # refused before doing anything
    assert main(["--db", url, "--conseiller", "CM", "export", "organisations", "-o", str(out)]) == 0
    db = open_database(url)
    try:
        assert [who for who, _ in _exports(db)] == [_ids(db)["CM"]]
    finally:
        db.dispose()
