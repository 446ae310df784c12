"""« Effacer » and the purge leave the person nowhere: tables, audit, index, PDFs, backups."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from guichet.db import Database
from guichet.models import AuditAction, AuditEntry, Inquiry, Letter, Need
from guichet.services.backups import BackupService
from guichet.services.personal_data.retention import RetentionService
from tests.services.rgpd_setup import (
    FIRST,
    LAST,
    build_person,
    found_in_file,
    found_in_rows,
    person_row,
    search_terms,
    vacuum,
)


def test_anonymising_a_person_leaves_her_nowhere(portable_db: Database, tmp_path: Path) -> None:
    db = portable_db
    person = build_person(db)
    assert len(found_in_rows(db)) >= 6  # she is in the tables, the audit, the letters
    draft = tmp_path / "demande.json"
    draft.write_text(f'{{"contact_text": "{FIRST} {LAST}"}}', encoding="utf-8")
    other_draft = tmp_path / "autre.json"
    other_draft.write_text('{"contact_text": "Paul Martin"}', encoding="utf-8")

    result = RetentionService(db, [draft, other_draft]).anonymise([person.contact_id], [])

    assert (result.contacts, result.inquiries, result.letters) == (1, 1, 2)
    assert found_in_rows(db) == []
    assert not draft.exists() and other_draft.exists()
    contact = person_row(db, person.contact_id)
    assert contact.last_name == "Anonymisé" and contact.email is None
    assert contact.anonymized_at is not None
    with db.unit_of_work(write=False) as s:
        inquiry = s.get(Inquiry, person.inquiry_id)
        assert inquiry is not None and inquiry.anonymized_at is not None
        assert inquiry.summary == "Anonymisé" and inquiry.received_at is not None
        need = s.scalars(select(Need).where(Need.inquiry_id == inquiry.id)).one()
        assert need.subject_id is not None  # statistics keep the subject
        letters = s.scalars(select(Letter).where(Letter.id.in_(person.letter_ids))).all()
        assert all(x.erased_at is not None and x.generated_at for x in letters)
        logged = s.scalars(
            select(AuditEntry).where(AuditEntry.action == AuditAction.ANONYMISE)
        ).all()
        assert {(e.entity, e.record_id) for e in logged} >= {("contact", person.contact_id)}
        assert all(e.old_value is None and e.new_value is None for e in logged)
    if db.dialect == "sqlite":
        assert not [t for t in search_terms(db) if "quillebeuf" in t or "zephyrine" in t]
        backup = BackupService(db, tmp_path / "sauvegardes").backup_to(tmp_path / "apres.sqlite3")
        path = vacuum(db)
        assert found_in_file(path) == []
        assert found_in_file(backup) == []


def test_before_anonymising_the_raw_file_does_hold_her(db: Database) -> None:
    """The raw-bytes check can fail: on the same scene, untouched, it finds her."""
    build_person(db)
    assert "quillebeuf" in found_in_file(vacuum(db))
