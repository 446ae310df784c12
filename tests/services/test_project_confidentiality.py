"""Confidentiality: with the default settings, no list, export or CLI output carries the real
name of a confidential project (the written files are searched); « avec les noms » is audited."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from guichet.cli import main
from guichet.db import Database
from guichet.models import AuditEntry, Counsellor, ImplantationProject
from guichet.services.project_exports import EXPORT_ENTITY, export_projects
from guichet.services.projects import get_project, list_projects, real_name
from guichet.services.settings import SettingsService
from tests.services.project_setup import SECRET, a_project


def _secrets(db: Database) -> list[str]:
    with db.unit_of_work(write=False) as s:
        projects = s.scalars(
            select(ImplantationProject).where(ImplantationProject.confidential.is_(True))
        ).all()
        names = [real_name(p) for p in projects]
    assert len(names) >= 15 and all(names)
    return names


def _text(path: Path) -> str:
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as z:
            return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return path.read_text(encoding="utf-8-sig")


def _audited(db: Database) -> list[AuditEntry]:
    with db.unit_of_work(write=False) as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.entity == EXPORT_ENTITY)).all()
        s.expunge_all()
        return list(rows)


def test_no_output_names_a_confidential_project_by_default(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secrets = _secrets(demo_db)
    written = [
        export_projects(demo_db, tmp_path / "projets.csv").path,
        export_projects(demo_db, tmp_path / "projets.xlsx").path,
    ]
    demo_db.dispose()
    db_arg = str(demo_db.path)
    assert main(["--db", db_arg, "export", "projets", "-o", str(tmp_path / "cli.csv")]) == 0
    written.append(tmp_path / "cli.csv")
    for argv in (["projets"], ["projets", "--json"], ["sites"], ["sites", "--json"]):
        assert main(["--db", db_arg, *argv]) == 0
    out = capsys.readouterr().out
    assert "Projet Zéphyr" in out
    texts = [_text(p) for p in written] + [out]
    assert all("Projet Zéphyr" in t for t in texts)
    for secret in secrets:
        for text in texts:
            assert secret not in text
    assert not _audited(demo_db)
    rows = list_projects(demo_db, with_names=True)  # no counsellor acting: names stay hidden
    assert not {r.name for r in rows} & set(secrets)


def test_names_on_request_are_written_in_the_audit_trail(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secrets = _secrets(demo_db)
    demo_db.dispose()
    db_arg = str(demo_db.path)
    target = tmp_path / "noms.csv"
    assert main(["--db", db_arg, "export", "projets", "-o", str(target), "--noms"]) == 0
    text = _text(target)
    assert all(secret in text for secret in secrets)
    capsys.readouterr()
    assert main(["--db", db_arg, "projets", "--json", "--noms"]) == 0
    names = {row["projet"] for row in json.loads(capsys.readouterr().out)}
    assert all(any(secret in name for name in names) for secret in secrets)
    entries = _audited(demo_db)
    assert len(entries) == 2
    assert str(target) in (entries[0].new_value or "")
    assert "Projet Zéphyr" in (entries[0].new_value or "")
    assert not any(secret in (e.new_value or "") for e in entries for secret in secrets)


def test_the_company_is_shown_only_to_allowed_counsellors(portable_db: Database) -> None:
    db = portable_db
    with db.unit_of_work() as s:
        owner = Counsellor(name="Claire Martin", initials="CM")
        other = Counsellor(name="Paul Roux", initials="PR")
        s.add_all([owner, other])
        s.flush()
        owner_id, other_id = owner.id, other.id
    pid = a_project(db, counsellor_id=owner_id)
    db.counsellor_id = other_id
    assert get_project(db, pid).company_name == ""
    assert list_projects(db, with_names=True)[0].name == "Projet Zéphyr"
    SettingsService(db).update({"implantation.cleared_counsellors": ["pr"]})
    assert get_project(db, pid).company_name == SECRET
    assert SECRET in list_projects(db, with_names=True)[0].name
    assert list_projects(db)[0].name == "Projet Zéphyr"  # still the code name by default
    SettingsService(db).update({"implantation.cleared_counsellors": []})
    db.counsellor_id = owner_id
    detail = get_project(db, pid)
    assert detail.company_visible and detail.company_name == SECRET
