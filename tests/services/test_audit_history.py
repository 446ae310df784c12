"""The audit trail read back (one record's history, the global view with its filters and
export), the access log and the export log — on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

import guichet.models as m
from guichet.db import Database
from guichet.models import AuditAction, Role
from guichet.services.audit_history import (
    AuditFilter,
    audit_entities,
    export_audit,
    record_history,
    search_audit,
)
from guichet.services.audit_log import log_opened
from guichet.services.duplicates import merge_organizations
from guichet.services.exports import export
from guichet.services.organizations import OrganizationData, OrganizationService
from guichet.services.permissions import PermissionDenied
from guichet.services.settings import SettingsService


def _people(db: Database) -> dict[str, int]:
    with db.unit_of_work() as s:
        people = {
            "RE": m.Counsellor(name="Rémi Responsable", initials="RE", role=Role.RESPONSABLE),
            "CO": m.Counsellor(name="Coralie Conseil", initials="CO", role=Role.CONSEILLER),
        }
        s.add_all(people.values())
        s.flush()
        return {k: c.id for k, c in people.items()}


def _entries(db: Database, action: AuditAction) -> list[m.AuditEntry]:
    with db.unit_of_work(write=False) as s:
        rows = list(s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == action)))
        s.expunge_all()
        return rows


def test_a_record_history_says_who_when_which_field_old_new_merges_and_status(
    portable_db: Database,
) -> None:
    db = portable_db
    ids = _people(db)
    service = OrganizationService(db)
    db.counsellor_id = ids["CO"]
    kept = service.create(OrganizationData(legal_name="Usinage Lefebvre")).organization_id
    other = service.create(OrganizationData(legal_name="Usinage Lefèbvre SARL")).organization_id
    with db.unit_of_work() as s:
        s.add(m.Contact(organization_id=kept, first_name="Anne", last_name="Morel"))
        inquiry = m.Inquiry(
            reference="D-2026-0001", received_at=datetime(2026, 11, 2, 9, 15), organization_id=kept
        )
        s.add(inquiry)
        s.flush()
        inquiry_id = inquiry.id
    detail = service.get(kept)
    service.update(
        kept, OrganizationData(legal_name="Usinage Lefebvre et fils"), version=detail.version
    )
    db.counsellor_id = ids["RE"]
    merge_organizations(db, kept, other, {})
    with db.unit_of_work() as s:
        found = s.get(m.Inquiry, inquiry_id)
        assert found is not None
        found.status = m.InquiryStatus.CLOSED
    rows = record_history(db, "organization", kept)
    renamed = next(r for r in rows if r.field == "Raison sociale")
    assert (renamed.counsellor, renamed.action) == ("Coralie Conseil (CO)", "Modification")
    assert (renamed.old, renamed.new) == ("Usinage Lefebvre", "Usinage Lefebvre et fils")
    merge = next(r for r in rows if r.action == "Fusion")
    assert merge.counsellor == "Rémi Responsable (RE)" and merge.old == str(other)
    assert any(r.entity == "Contact" and r.action == "Création" for r in rows)  # its contacts
    assert rows == sorted(rows, key=lambda r: (r.at, r.id), reverse=True)
    status = next(r for r in record_history(db, "inquiry", inquiry_id) if r.field == "Statut")
    assert (status.old, status.new, status.counsellor) == (
        "Nouvelle",
        "Close",
        "Rémi Responsable (RE)",
    )


def test_the_global_view_filters_and_is_a_responsables(portable_db: Database) -> None:
    db = portable_db
    ids = _people(db)
    service = OrganizationService(db)
    for who, name in (("CO", "Atelier Caux"), ("RE", "Forge Seine")):
        db.counsellor_id = ids[who]
        service.create(OrganizationData(legal_name=name))
    today = date.today()
    everything = AuditFilter(entity="organization", action=AuditAction.INSERT)
    assert len(search_audit(db, everything)) == 2
    mine = search_audit(db, AuditFilter(counsellor_id=ids["CO"], entity="organization"))
    assert {r.counsellor for r in mine} == {"Coralie Conseil (CO)"}
    assert search_audit(db, AuditFilter(start=today, end=today, entity="organization"))
    assert not search_audit(db, AuditFilter(end=today - timedelta(days=1)))
    assert ("organization", "Organisation") in audit_entities(db)
    db.counsellor_id = ids["CO"]
    with pytest.raises(PermissionDenied, match="consulter l'historique"):
        search_audit(db, everything)


def test_the_audit_export_is_written_and_logged_as_an_export(
    portable_db: Database, tmp_path: Path
) -> None:
    db = portable_db
    ids = _people(db)
    db.counsellor_id = ids["RE"]
    OrganizationService(db).create(OrganizationData(legal_name="Atelier =cmd|' /C calc'!A0"))
    result = export_audit(db, AuditFilter(entity="organization"), tmp_path / "historique.csv")
    with result.path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:3] == ["Date", "Conseiller", "Fiche"]
    assert result.count == len(rows) - 1 >= 1
    logged = _entries(db, AuditAction.EXPORT)
    assert [(e.counsellor_id, e.new_value) for e in logged] == [
        (ids["RE"], f"Historique → historique.csv ({result.count} lignes)")
    ]


def test_exports_with_personal_data_are_always_logged_with_who_and_how_many(
    portable_db: Database, tmp_path: Path
) -> None:
    db = portable_db
    ids = _people(db)
    db.counsellor_id = ids["RE"]
    org = OrganizationService(db).create(OrganizationData(legal_name="Atelier Caux"))
    with db.unit_of_work() as s:
        s.add(m.Contact(organization_id=org.organization_id, first_name="Anne", last_name="Morel"))
    export(db, "contacts", tmp_path / "contacts.xlsx")
    export(db, "organisations", tmp_path / "organisations.csv")
    logged = sorted((e.new_value or "", e.counsellor_id) for e in _entries(db, AuditAction.EXPORT))
    assert logged == [
        ("Contacts → contacts.xlsx (1 lignes)", ids["RE"]),
        ("Organisations de l'annuaire → organisations.csv (1 lignes)", ids["RE"]),
    ]


def test_reading_a_record_is_logged_only_when_the_setting_asks_and_stays_out_of_its_history(
    portable_db: Database,
) -> None:
    db = portable_db
    ids = _people(db)
    db.counsellor_id = ids["RE"]
    org = OrganizationService(db).create(OrganizationData(legal_name="Atelier Caux"))
    assert not log_opened(db, "organization", org.organization_id)
    assert _entries(db, AuditAction.READ) == []
    SettingsService(db).update({"audit.log_reads": True})
    db.counsellor_id = ids["CO"]
    assert log_opened(db, "organization", org.organization_id)
    [read] = _entries(db, AuditAction.READ)
    assert (read.counsellor_id, read.entity, read.record_id) == (
        ids["CO"],
        "organization",
        org.organization_id,
    )
    assert all(
        r.action != "Consultation" for r in record_history(db, "organization", read.record_id or 0)
    )
    db.counsellor_id = ids["RE"]
    reads = search_audit(db, AuditFilter(action=AuditAction.READ))
    assert [r.counsellor for r in reads] == ["Coralie Conseil (CO)"]
