"""A person's rights in one action: the export ZIP (PDF + JSON + letters, logged) and erase."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import AuditAction, AuditEntry, Counsellor, Inquiry, Role
from guichet.services.contacts import ContactService
from guichet.services.letters import LetterService
from guichet.services.permissions import PermissionDenied
from guichet.services.personal_data.rights import erase_person, export_person, find_contact
from tests.services.rgpd_setup import (
    EMAIL,
    FIRST,
    LAST,
    build_person,
    found_in_file,
    found_in_rows,
    pdf_text,
    vacuum,
)


def test_export_holds_everything_about_the_person_and_is_logged(
    portable_db: Database, tmp_path: Path
) -> None:
    db = portable_db
    person = build_person(db)
    target = tmp_path / "export.zip"
    result = export_person(db, person.contact_id, target)
    assert (result.inquiries, result.letters) == (1, 2)
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        data = json.loads(archive.read("donnees.json"))
        summary = pdf_text(archive.read("synthese.pdf"))
    assert len([n for n in names if n.startswith("courriers/")]) == 2
    assert data["personne"]["email"] == EMAIL and data["personne"]["nom"] == LAST
    assert data["personne"]["base_legale"] == "Intérêt légitime"
    [inquiry] = data["demandes"]
    assert inquiry["besoins"][0]["mises_en_relation"][0]["partenaire"]
    assert {m.get("statut") for m in data["reunions"]} >= {"Présent"}
    assert any(e["champ"] == "email" for e in data["historique"])
    assert FIRST in summary and LAST in summary and "D-2026-0042" in summary
    with db.unit_of_work(write=False) as s:
        logged = s.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)).all()
    assert len(logged) == 1 and LAST not in (logged[0].new_value or "")


def test_erase_a_person_named_in_an_inquiry(portable_db: Database, tmp_path: Path) -> None:
    db = portable_db
    person = build_person(db)
    with pytest.raises(ValidationError, match="Effacer"):
        ContactService(db).delete(person.contact_id)  # deleting is refused, erasing is the way
    result = erase_person(db, person.contact_id)
    assert result.contacts == 1 and result.inquiries == 1
    assert found_in_rows(db) == []
    with db.unit_of_work(write=False) as s:
        assert s.get(Inquiry, person.inquiry_id) is not None  # the inquiry stays, anonymised
    with pytest.raises(NotFoundError, match="effacé le"):
        LetterService(db).pdf(person.letter_ids[0])
    with pytest.raises(ValidationError, match="déjà anonymisé"):
        erase_person(db, person.contact_id)
    if db.dialect == "sqlite":
        assert found_in_file(vacuum(db)) == []


def test_rights_are_refused_to_a_conseiller(portable_db: Database, tmp_path: Path) -> None:
    db = portable_db
    person = build_person(db)
    with db.unit_of_work() as s:
        actor = Counsellor(name="Paul Conseiller", initials="PCX", role=Role.CONSEILLER)
        s.add(actor)
        s.flush()
        db.counsellor_id = actor.id
    with pytest.raises(PermissionDenied, match="ne permet pas"):
        export_person(db, person.contact_id, tmp_path / "x.zip")
    with pytest.raises(PermissionDenied, match="ne permet pas"):
        erase_person(db, person.contact_id)
    assert not (tmp_path / "x.zip").exists()
    assert found_in_rows(db)


def test_find_contact_by_number_email_or_name(portable_db: Database) -> None:
    db = portable_db
    person = build_person(db)
    assert find_contact(db, str(person.contact_id)) == person.contact_id
    assert find_contact(db, EMAIL.upper()) == person.contact_id
    assert find_contact(db, "quillebeuf") == person.contact_id
    with pytest.raises(NotFoundError, match="Aucun contact"):
        find_contact(db, "Personne Inconnue")
