"""The database refuses what the domain forbids, and records who changed what."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

import guichet.models as m
from guichet.db import Database
from guichet.errors import ConcurrentEditError


def _inquiry_with_referral(db: Database) -> tuple[int, int]:
    with db.unit_of_work() as s:
        partner = m.Organization(legal_name="Bpifrance Normandie", kind=m.OrganizationKind.PARTNER)
        subject = s.scalars(select(m.Subject)).first()
        assert subject is not None
        inquiry = m.Inquiry(reference="D-2026-0001", received_at=datetime(2026, 11, 2, 9, 0))
        need = m.Need(subject=subject, description="Prêt de développement")
        inquiry.needs.append(need)
        s.add_all([partner, inquiry])
        s.flush()
        s.add(m.Referral(need=need, partner=partner, proposed_at=datetime(2026, 11, 2, 9, 30)))
        return partner.id, inquiry.id


def test_siret_is_unique(portable_db: Database) -> None:
    db = portable_db
    with db.unit_of_work() as s:
        s.add(m.Organization(legal_name="A", siret="73282932000074"))
    with pytest.raises(IntegrityError), db.unit_of_work() as s:
        s.add(m.Organization(legal_name="B", siret="73282932000074"))


def test_enum_values_are_checked_by_the_database(portable_db: Database) -> None:
    db = portable_db
    with pytest.raises(IntegrityError), db.unit_of_work() as s:
        s.execute(
            text(
                "INSERT INTO organization (kind, legal_name, do_not_refer, version) "
                "VALUES ('pirate', 'X', false, 1)"
            )
        )


def test_foreign_keys_are_enforced(portable_db: Database) -> None:
    db = portable_db
    partner_id, _ = _inquiry_with_referral(db)
    with pytest.raises(IntegrityError), db.unit_of_work() as s:
        s.execute(text("DELETE FROM organization WHERE id = :id"), {"id": partner_id})
    with db.unit_of_work() as s:
        assert s.get(m.Organization, partner_id) is not None


def test_deleting_an_inquiry_removes_its_needs_and_referrals(portable_db: Database) -> None:
    db = portable_db
    _, inquiry_id = _inquiry_with_referral(db)
    with db.unit_of_work() as s:
        s.execute(text("DELETE FROM inquiry WHERE id = :id"), {"id": inquiry_id})
    with db.unit_of_work() as s:
        assert s.scalars(select(m.Need)).all() == []
        assert s.scalars(select(m.Referral)).all() == []


def test_a_stale_update_is_refused(portable_db: Database) -> None:
    db = portable_db
    with db.unit_of_work() as s:
        org = m.Organization(legal_name="Plastiques du Caux")
        s.add(org)
    first, second = db.session(), db.session()
    try:
        mine = first.get(m.Organization, org.id)
        theirs = second.get(m.Organization, org.id)
        assert mine is not None and theirs is not None
        theirs.phone = "+33235000000"
        second.commit()
    finally:
        second.close()
    first.close()
    with pytest.raises(ConcurrentEditError), db.unit_of_work() as s:
        stale = s.merge(mine, load=False)
        stale.phone = "+33235111111"
    with db.unit_of_work() as s:
        fresh = s.get(m.Organization, org.id)
        assert fresh is not None
        assert fresh.phone == "+33235000000"
        assert fresh.version == 2


def test_changes_are_written_to_the_audit_trail(portable_db: Database) -> None:
    db = portable_db
    db.counsellor_id = None
    with db.unit_of_work() as s:
        counsellor = m.Counsellor(name="Claire Martin", initials="CM")
        s.add(counsellor)
    db.counsellor_id = counsellor.id
    with db.unit_of_work() as s:
        org = m.Organization(legal_name="Soudure Duval")
        s.add(org)
    with db.unit_of_work() as s:
        found = s.get(m.Organization, org.id)
        assert found is not None
        found.legal_name = "Soudure Duval & Fils"
        found.city = "Bolbec"
    with db.unit_of_work() as s:
        entries = s.scalars(
            select(m.AuditEntry)
            .where(m.AuditEntry.entity == "organization")
            .order_by(m.AuditEntry.id)
        ).all()
        assert [e.action for e in entries] == [
            m.AuditAction.INSERT,
            m.AuditAction.UPDATE,
            m.AuditAction.UPDATE,
        ]
        assert all(e.counsellor_id == counsellor.id and e.record_id == org.id for e in entries)
        changes = {e.field: (e.old_value, e.new_value) for e in entries[1:]}
        assert changes == {
            "legal_name": ("Soudure Duval", "Soudure Duval & Fils"),
            "city": (None, "Bolbec"),
        }


def test_a_failed_action_leaves_nothing_behind(portable_db: Database) -> None:
    db = portable_db
    with pytest.raises(RuntimeError), db.unit_of_work() as s:
        s.add(m.Organization(legal_name="Moitié d'action"))
        s.flush()
        raise RuntimeError("interrompu")
    with db.unit_of_work() as s:
        assert s.scalars(select(m.Organization)).all() == []
        assert s.scalars(select(m.AuditEntry)).all() == []
