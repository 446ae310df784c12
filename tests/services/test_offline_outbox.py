"""The desk away from its server: the local copy of the directory and the outbox, sent once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

import guichet.models as m
from guichet.db import Database
from guichet.errors import EnvironmentProblem, ValidationError
from guichet.search.directory import DirectorySearch
from guichet.services.intake import IntakeDraft, NeedDraft, NewContact, create_inquiry
from guichet.services.offline_copy import (
    copy_path,
    dated_title,
    open_copy,
    public_url,
    read_info,
    refresh_copy,
    server_reachable,
)
from guichet.services.outbox import Outbox, outbox_path
from tests.services.intake_helpers import NOW, make_company, subject_ids


def _draft(db: Database, org_id: int | None, **changes: object) -> IntakeDraft:
    values: dict[str, object] = {
        "received_at": NOW,
        "needs": (NeedDraft(subject_ids(db, 1)[0], "Financer un tour CN"),),
        "organization_id": org_id,
    }
    values.update(changes)
    return IntakeDraft(**values)  # type: ignore[arg-type]


def _inquiries(db: Database, key: str | None = None) -> int:
    with db.unit_of_work(write=False) as s:
        query = select(func.count()).select_from(m.Inquiry)
        if key is not None:
            query = query.where(m.Inquiry.offline_key == key)
        return s.scalar(query) or 0


def test_the_copy_holds_the_directory_searchable_read_only_and_dated(
    portable_db: Database, tmp_path: Path
) -> None:
    org = make_company(portable_db, "Électronique Maillard", city="Fécamp")
    with portable_db.unit_of_work() as s:
        s.add(m.Contact(organization_id=org, last_name="Hébert", first_name="Anne"))
    info = refresh_copy(portable_db, tmp_path, now=datetime(2026, 12, 4, 17, 52, 31))
    assert info.path == copy_path(tmp_path, portable_db.url)
    assert info.organizations == 1 and info.server == public_url(portable_db.url)
    assert dated_title(info) == "Annuaire du 4 décembre 2026 à 17 h 52"
    copy, opened = open_copy(tmp_path, portable_db.url)
    try:
        assert opened == info
        found = DirectorySearch(copy).search("electronique")
        assert [hit.id for hit in found] == [org]
        with copy.unit_of_work(write=False) as s:
            assert s.scalar(select(func.count()).select_from(m.Subject))
            assert s.scalar(select(m.Contact.last_name)) == "Hébert"
            assert s.scalar(select(func.count()).select_from(m.Inquiry)) == 0  # not copied
        with (
            pytest.raises(EnvironmentProblem, match="lecture seule"),
            copy.unit_of_work() as s,
        ):
            s.add(m.Organization(legal_name="Refusée"))
    finally:
        copy.dispose()
    # refreshed again: replaced whole, nothing left beside it
    refresh_copy(portable_db, tmp_path)
    assert sorted(p.name for p in info.path.parent.iterdir()) == [info.path.name]


def test_no_password_in_the_copy_and_one_file_per_server(tmp_path: Path) -> None:
    a = "postgresql+psycopg://guichet:secret@serveur/agence"
    b = "postgresql+psycopg://guichet:other@serveur/agence"
    assert copy_path(tmp_path, a) == copy_path(tmp_path, b)
    assert copy_path(tmp_path, a) != copy_path(tmp_path, "postgresql+psycopg://guichet@x/agence")
    assert "secret" not in public_url(a)


def test_the_copy_carries_no_password_hash_but_keeps_who_works(
    portable_db: Database, tmp_path: Path
) -> None:
    from guichet.services.passwords import make_hash

    with portable_db.unit_of_work() as s:
        s.add(
            m.Counsellor(
                name="Claire Martin",
                initials="CMA",
                role=m.Role.ADMINISTRATEUR,
                password_hash=make_hash("correct horse battery"),
            )
        )
    with portable_db.unit_of_work(write=False) as s:  # the server keeps it
        assert str(s.scalar(select(m.Counsellor.password_hash))).startswith("$argon2")
    info = refresh_copy(portable_db, tmp_path)
    assert b"$argon2" not in info.path.read_bytes()
    copy, _opened = open_copy(tmp_path, portable_db.url)
    try:
        with copy.unit_of_work(write=False) as s:
            (row,) = s.execute(
                select(m.Counsellor.name, m.Counsellor.role, m.Counsellor.password_hash)
            ).all()
        assert tuple(row) == ("Claire Martin", m.Role.ADMINISTRATEUR, None)
    finally:
        copy.dispose()


def test_without_a_copy_the_start_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(EnvironmentProblem, match="aucune copie locale"):
        open_copy(tmp_path, "postgresql+psycopg://guichet@serveur/agence")
    assert read_info(tmp_path / "absent.sqlite3") is None


def test_an_unreachable_server_is_reported_quickly(postgres_server: str) -> None:
    assert not server_reachable("postgresql+psycopg://guichet@127.0.0.1:1/agence", timeout=1)
    assert server_reachable(postgres_server)
    # the server answers, refusing a missing database: that is not « away » (no copy opened)
    assert server_reachable(postgres_server.replace("/guichet?", "/absente?"))


def test_outbox_items_survive_reopening_and_are_sent_once(
    portable_db: Database, tmp_path: Path
) -> None:
    org = make_company(portable_db)
    outbox = Outbox(outbox_path(tmp_path, portable_db.url))
    first = outbox.add(_draft(portable_db, org), "Usinage Lefebvre", now=NOW)
    second = outbox.add(
        _draft(portable_db, None, new_contact=NewContact("Durand", "Léa", email="lea@exemple.fr")),
        "Léa Durand",
        now=NOW,
    )
    assert [i.key for i in Outbox(outbox.path).items()] == [first.key, second.key]
    result = outbox.send(portable_db)
    assert [s.key for s in result.sent] == [first.key, second.key] and not result.refused
    assert _inquiries(portable_db, first.key) == 1 and _inquiries(portable_db) == 2
    assert outbox.pending_count() == 0
    assert outbox.send(portable_db).sent == ()  # nothing sent twice
    assert _inquiries(portable_db) == 2
    assert len(outbox.items(pending_only=False)) == 2  # kept as the record


def test_a_crash_between_the_server_commit_and_the_outbox_update_sends_nothing_twice(
    portable_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = make_company(portable_db)
    outbox = Outbox(tmp_path / "envois.sqlite3")
    item = outbox.add(_draft(portable_db, org), "Usinage Lefebvre", now=NOW)

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt  # the app is killed right after the server's commit

    monkeypatch.setattr(Outbox, "_mark_sent", crash)
    with pytest.raises(KeyboardInterrupt):
        outbox.send(portable_db)
    assert _inquiries(portable_db, item.key) == 1
    assert outbox.pending_count() == 1
    monkeypatch.undo()
    result = outbox.send(portable_db)
    assert [(s.key, s.already_sent) for s in result.sent] == [(item.key, True)]
    assert _inquiries(portable_db) == 1 and outbox.pending_count() == 0


def test_the_server_refuses_a_second_inquiry_with_the_same_key(portable_db: Database) -> None:
    org = make_company(portable_db)
    create_inquiry(portable_db, _draft(portable_db, org, offline_key="k-1"))
    with pytest.raises(IntegrityError):
        create_inquiry(portable_db, _draft(portable_db, org, offline_key="k-1"))
    assert _inquiries(portable_db) == 1


def test_warnings_come_back_and_refused_items_stay(portable_db: Database, tmp_path: Path) -> None:
    org = make_company(portable_db, do_not_refer=True)
    gone = make_company(portable_db, "Disparue")
    create_inquiry(portable_db, _draft(portable_db, org))
    outbox = Outbox(tmp_path / "envois.sqlite3")
    repeat = outbox.add(_draft(portable_db, org), "Usinage Lefebvre", now=NOW)
    refused = outbox.add(_draft(portable_db, gone), "Disparue", now=NOW)
    with portable_db.unit_of_work() as s:
        s.delete(s.get(m.Organization, gone))
    result = outbox.send(portable_db)
    (sent,) = result.sent
    assert sent.key == repeat.key
    assert any("ne pas orienter" in w for w in sent.warnings)
    assert any("déjà" in w or "récente" in w or "demande" in w for w in sent.warnings)
    (kept,) = result.refused
    assert kept.key == refused.key and "n'existe plus" in (kept.problem or "")
    assert [i.problem for i in outbox.items()] == [kept.problem]
    outbox.discard(refused.key)
    assert outbox.items() == []


def test_a_bad_draft_never_enters_the_outbox(db: Database, tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "envois.sqlite3")
    with pytest.raises(ValidationError):
        outbox.add(_draft(db, None), "Personne", now=NOW)
    assert outbox.items() == [] and outbox.pending_count() == 0


def test_the_app_opens_the_copy_when_its_server_is_stopped(
    postgres_server: str, tmp_path: Path
) -> None:
    from guichet.app import database_opener
    from guichet.config import AppPaths
    from guichet.services.bootstrap import open_database
    from guichet.services.offline_copy import offline_info
    from tests.postgres import temporary_server

    paths = AppPaths(data_dir=tmp_path / "data", log_dir=tmp_path / "logs")
    with temporary_server() as url:  # a server of its own: this one is stopped below
        server = open_database(url, create=True)
        make_company(server, "Électronique Maillard")
        online = database_opener(url, paths, demo_if_empty=False)
        assert online.url == url and offline_info(online) is None  # online: the server itself
        online.dispose()
        refresh_copy(server, paths.data_dir)
        server.dispose()
    db = database_opener(url, paths, demo_if_empty=False)  # stopped: its local copy
    try:
        info = offline_info(db)
        assert info is not None and info.organizations == 1
        assert [h.legal_name for h in DirectorySearch(db).search("maillard")] == [
            "Électronique Maillard"
        ]
    finally:
        db.dispose()
