"""The index follows every change in the same transaction, however the change is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text, update

import guichet.models as m
from guichet.db import Database
from guichet.db.migrate import alembic_config
from guichet.search import DirectorySearch
from guichet.services.bootstrap import attach
from tests.search.helpers import add_org


def names(db: Database, typed: str) -> list[str]:
    return [h.legal_name for h in DirectorySearch(db).search(typed)]


def pending(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(
            conn.exec_driver_sql("SELECT count(*) FROM organization_search_pending").scalar_one()
        )


def test_create_edit_delete(db: Database) -> None:
    org_id = add_org(db, "Mécanique Vasseur", city="Bolbec")
    assert pending(db) == 0  # indexed before the commit, not later
    assert names(db, "vasseur") == ["Mécanique Vasseur"]
    with db.unit_of_work() as s:
        org = s.get(m.Organization, org_id)
        assert org is not None
        org.legal_name = "Mécanique Thibault"
        org.city = "Fécamp"
    assert names(db, "vasseur") == []
    assert names(db, "thibault fecamp") == ["Mécanique Thibault"]
    assert names(db, "bolbec") == []
    with db.unit_of_work() as s:
        s.delete(s.get(m.Organization, org_id))
    assert names(db, "thibault") == []
    assert DirectorySearch(db).count("") == 0


def test_capability_links_and_contacts(db: Database) -> None:
    org_id = add_org(db, "Ateliers Roussel", contacts=[("Jeanne", "Poulain")])
    assert names(db, "poulain") == ["Ateliers Roussel"]
    with db.unit_of_work() as s:
        org = s.get(m.Organization, org_id)
        assert org is not None
        org.capabilities.append(s.query(m.Capability).filter_by(name="Câblage").one())
        org.contacts[0].last_name = "Marchand"
    assert names(db, "electronique") == ["Ateliers Roussel"]  # parent of Câblage
    assert names(db, "poulain") == [] and names(db, "marchand") == ["Ateliers Roussel"]
    with db.unit_of_work() as s:
        org = s.get(m.Organization, org_id)
        assert org is not None
        org.capabilities.clear()
        s.delete(org.contacts[0])
    assert names(db, "electronique") == [] and names(db, "marchand") == []


def test_a_merge_moving_contacts_in_bulk_reindexes_both(db: Database) -> None:
    kept = add_org(db, "Soudure Leclerc")
    removed = add_org(db, "Leclerc Soudage", contacts=[("Paul", "Bertin")])
    with db.unit_of_work() as s:
        s.execute(
            update(m.Contact)
            .where(m.Contact.organization_id == removed)
            .values(organization_id=kept)
        )
        s.execute(text("DELETE FROM organization WHERE id = :id"), {"id": removed})
    assert names(db, "bertin") == ["Soudure Leclerc"]
    assert names(db, "leclerc") == ["Soudure Leclerc"]


def test_a_rolled_back_change_leaves_the_index_as_it_was(db: Database) -> None:
    add_org(db, "Peinture Colin")
    with pytest.raises(RuntimeError), db.unit_of_work() as s:
        s.query(m.Organization).one().legal_name = "Peinture Morel"
        s.flush()
        raise RuntimeError
    assert names(db, "colin") == ["Peinture Colin"] and names(db, "morel") == []


def test_renaming_a_capability_reindexes_its_organizations(db: Database) -> None:
    add_org(db, "Atelier Noël", capabilities=["Tournage CN"])
    with db.unit_of_work() as s:
        usinage = s.query(m.Capability).filter_by(name="Usinage").one()
        usinage.synonyms = (usinage.synonyms or "") + "|taillage"
    assert names(db, "taillage") == ["Atelier Noël"]  # through the parent of Tournage CN


def test_changes_made_without_the_hook_are_caught_up_at_the_next_search(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO organization (kind, legal_name, do_not_refer, version) "
            "VALUES ('company', 'Garage Hamel', false, 1)"
        )
    assert pending(db) == 1
    assert names(db, "hamel") == ["Garage Hamel"]
    assert pending(db) == 0


def test_rebuild_gives_the_same_answers(db: Database) -> None:
    add_org(db, "Électricité Perrin", capabilities=["Armoires électriques"], city="Bolbec")
    search = DirectorySearch(db)
    before = search.search("armoires bolbec")
    assert search.rebuild() == 1
    assert search.search("armoires bolbec") == before != []
    assert names(db, "perin") == ["Électricité Perrin"]  # the typo vocabulary is rebuilt too


def test_migration_0003_makes_existing_organizations_searchable(tmp_path: Path) -> None:
    db = attach(Database(f"sqlite:///{tmp_path / 'old.sqlite3'}"))
    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql(
            "INSERT INTO capability (id, name, synonyms) VALUES (1, 'Plasturgie', 'plastique')"
        )
        conn.exec_driver_sql(
            "INSERT INTO capability (id, parent_id, name) VALUES (2, 1, 'Injection')"
        )
        conn.exec_driver_sql(
            "INSERT INTO organization (id, kind, legal_name, siret, city, do_not_refer, version) "
            "VALUES (1, 'member', 'Usinage Lefèbvre', '73282932000074', 'Bolbec', 0, 1)"
        )
        conn.exec_driver_sql(
            "INSERT INTO organization (id, kind, legal_name, do_not_refer, version) "
            "VALUES (2, 'company', 'Moulages Picard', 0, 1)"
        )
        conn.exec_driver_sql(
            "INSERT INTO organization_capability (organization_id, capability_id) VALUES (2, 2)"
        )
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
    assert pending(db) == 0
    assert names(db, "lefebvre bolbec") == ["Usinage Lefèbvre"]
    assert names(db, "732 829 320 00074") == ["Usinage Lefèbvre"]
    assert names(db, "plastique") == ["Moulages Picard"]
    db.dispose()


def test_an_organization_without_any_long_word_is_indexed(db: Database) -> None:
    add_org(db, "A")
    assert names(db, "a") == ["A"]


def test_deleting_organizations_with_contacts_and_links_in_bulk(db: Database) -> None:
    add_org(db, "Ateliers Lemoine", capabilities=["TIG"], contacts=[("Luc", "Huet")])
    add_org(
        db, "Forges Lemoine", certifications=["MASE"], contacts=[("Ana", "Roy"), ("Eva", "Roy")]
    )
    with db.unit_of_work() as s:  # contacts set to NULL and links cascaded by the database
        s.execute(text("DELETE FROM organization"))
    assert names(db, "lemoine") == [] and DirectorySearch(db).count("") == 0
