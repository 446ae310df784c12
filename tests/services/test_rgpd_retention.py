"""Retention: who is past the period (boundaries), the purge, the monthly proposal, roles."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from guichet.db import Database
from guichet.models import Contact, Counsellor, Inquiry, InquiryStatus, Organization, Role
from guichet.services.permissions import PermissionDenied
from guichet.services.personal_data.retention import RetentionService
from guichet.services.settings import SettingsService

TODAY = date(2026, 12, 5)


def _person(db: Database, name: str, last: datetime, *, inquiry: bool = False) -> int:
    """A contact created long ago whose latest contact coming from them is ``last``."""
    with db.unit_of_work() as s:
        org = Organization(legal_name=f"Atelier {name}")
        s.add(org)
        s.flush()
        contact = Contact(
            organization_id=org.id, last_name=name, created_at=datetime(2015, 1, 1, 9, 0)
        )
        s.add(contact)
        s.flush()
        if inquiry:
            s.add(
                Inquiry(
                    reference=f"D-{name}",
                    received_at=last,
                    contact_id=contact.id,
                    organization_id=org.id,
                )
            )
        else:
            contact.last_inbound_at = last
        return contact.id


def _closed_inquiry(db: Database, reference: str, closed: datetime) -> int:
    with db.unit_of_work() as s:
        inquiry = Inquiry(
            reference=reference,
            received_at=datetime(2015, 1, 1, 9, 0),
            status=InquiryStatus.CLOSED,
            closed_at=closed,
            summary="Reprise d'un atelier",
        )
        s.add(inquiry)
        s.flush()
        return inquiry.id


def test_boundaries_three_years_minus_a_day_is_kept(portable_db: Database) -> None:
    db = portable_db
    kept = _person(db, "Gardé", datetime(2023, 12, 6, 17, 0))  # 3 years minus a day
    due = _person(db, "Échu", datetime(2023, 12, 5, 9, 0))  # 3 years to the day
    via_inquiry = _person(db, "Demandeur", datetime(2022, 6, 1, 9, 0), inquiry=True)
    recent_inquiry = _person(db, "Récent", datetime(2026, 6, 1, 9, 0), inquiry=True)
    old_closed = _closed_inquiry(db, "D-ANCIENNE", datetime(2023, 12, 5, 12, 0))
    young_closed = _closed_inquiry(db, "D-RECENTE", datetime(2023, 12, 6, 8, 0))

    listed = RetentionService(db).due(as_of=TODAY)

    assert listed.contacts_before == date(2023, 12, 5)
    ids = {c.id for c in listed.contacts}
    assert due in ids and via_inquiry in ids
    assert kept not in ids and recent_inquiry not in ids
    assert {i.id for i in listed.inquiries} == {old_closed}
    assert young_closed not in {i.id for i in listed.inquiries}


def test_the_settings_decide_the_periods(portable_db: Database) -> None:
    db = portable_db
    person = _person(db, "Quatre", datetime(2022, 12, 1, 9, 0))
    SettingsService(db).update({"retention.inactive_years": 5})
    assert RetentionService(db).due(as_of=TODAY).contacts == ()
    SettingsService(db).update({"retention.inactive_years": 3})
    assert [c.id for c in RetentionService(db).due(as_of=TODAY).contacts] == [person]


def test_purge_dry_run_writes_nothing_then_purges(portable_db: Database) -> None:
    db = portable_db
    person = _person(db, "Ancien", datetime(2020, 1, 1, 9, 0))
    closed = _closed_inquiry(db, "D-VIEILLE", datetime(2020, 1, 1, 9, 0))
    service = RetentionService(db)
    listed, result = service.purge(dry_run=True, as_of=TODAY)
    assert result is None and [c.id for c in listed.contacts] == [person]
    with db.unit_of_work(write=False) as s:
        assert s.get(Contact, person).last_name == "Ancien"  # type: ignore[union-attr]
    listed, result = service.purge(as_of=TODAY)
    assert result is not None and (result.contacts, result.inquiries) == (1, 1)
    with db.unit_of_work(write=False) as s:
        assert s.get(Contact, person).last_name == "Anonymisé"  # type: ignore[union-attr]
        inquiry = s.get(Inquiry, closed)
        assert inquiry is not None and inquiry.summary == "Anonymisé"
    assert service.due(as_of=TODAY).empty


def test_purge_before_a_date(portable_db: Database) -> None:
    db = portable_db
    older = _person(db, "Avant", datetime(2019, 5, 1, 9, 0))
    _person(db, "Après", datetime(2021, 5, 1, 9, 0))
    listed, _ = RetentionService(db).purge(before=date(2020, 1, 1), dry_run=True, as_of=TODAY)
    assert [c.id for c in listed.contacts] == [older]


def test_an_inquiry_anonymised_alone_keeps_its_persons_last_contact(portable_db: Database) -> None:
    db = portable_db
    person = _person(db, "Fidèle", datetime(2026, 11, 1, 9, 0))
    with db.unit_of_work() as s:
        inquiry = Inquiry(
            reference="D-OLD",
            received_at=datetime(2026, 10, 1, 9, 0),
            contact_id=person,
            status=InquiryStatus.CLOSED,
            closed_at=datetime(2020, 1, 1, 9, 0),
        )
        s.add(inquiry)
        s.flush()
        inquiry_id = inquiry.id
    RetentionService(db).anonymise([], [inquiry_id])
    with db.unit_of_work(write=False) as s:
        stored = s.get(Inquiry, inquiry_id)
        contact = s.get(Contact, person)
        assert stored is not None and contact is not None
        assert stored.contact_id is None and stored.anonymized_at is not None
        assert contact.last_name == "Fidèle"
        assert contact.last_inbound_at == datetime(2026, 11, 1, 9, 0)


def _act_as(db: Database, role: Role) -> None:
    with db.unit_of_work() as s:
        boss = Counsellor(name="Nadia Responsable", initials="NR", role=Role.RESPONSABLE)
        actor = Counsellor(name="Paul Conseiller", initials="PC", role=role)
        s.add_all([boss, actor])
        s.flush()
        db.counsellor_id = actor.id


def test_a_conseiller_is_refused_in_french(portable_db: Database) -> None:
    db = portable_db
    person = _person(db, "Protégé", datetime(2019, 1, 1, 9, 0))
    _act_as(db, Role.CONSEILLER)
    service = RetentionService(db)
    with pytest.raises(PermissionDenied, match=r"Votre rôle .* ne permet pas"):
        service.anonymise([person], [])
    with pytest.raises(PermissionDenied):
        service.purge(as_of=TODAY)
    assert service.proposal_due(TODAY) is False
    with db.unit_of_work(write=False) as s:
        assert s.get(Contact, person).last_name == "Protégé"  # type: ignore[union-attr]


def test_the_monthly_proposal_is_remembered(portable_db: Database) -> None:
    db = portable_db
    _person(db, "Oublié", datetime(2019, 1, 1, 9, 0))
    _act_as(db, Role.RESPONSABLE)
    service = RetentionService(db)
    assert service.proposal_due(TODAY) is True
    service.remember_proposal(TODAY)
    assert service.proposal_due(date(2026, 12, 28)) is False
    assert service.proposal_due(date(2027, 1, 2)) is True


def test_without_accounts_nothing_is_proposed(portable_db: Database) -> None:
    _person(portable_db, "Sans compte", datetime(2019, 1, 1, 9, 0))
    assert RetentionService(portable_db).proposal_due(TODAY) is False


def test_an_imported_history_counts_not_the_day_of_the_import(portable_db: Database) -> None:
    db = portable_db
    with db.unit_of_work() as s:
        imported = Contact(
            last_name="Importé",
            created_at=datetime(2026, 11, 30, 9, 0),  # the import, last week
            last_inbound_at=datetime(2021, 3, 1, 9, 0),  # what the spreadsheet said
        )
        fresh = Contact(last_name="Nouveau", created_at=datetime(2026, 11, 30, 9, 0))
        s.add_all([imported, fresh])
        s.flush()
        ids = (imported.id, fresh.id)
    due = {c.id for c in RetentionService(db).due(as_of=TODAY).contacts}
    assert ids[0] in due and ids[1] not in due


def test_a_purge_of_hundreds_of_people_in_one_transaction(db: Database) -> None:
    """Many people at once: the statements stay within SQLite's limits."""
    with db.unit_of_work() as s:
        org = Organization(legal_name="Atelier des anciens")
        s.add(org)
        s.flush()
        s.add_all(
            Contact(
                organization_id=org.id,
                first_name=f"Prénom{n}",
                last_name=f"Ancien{n:04d}",
                email=f"ancien{n}@exemple.fr",
                phone=f"+3361234{n:04d}",
                created_at=datetime(2015, 1, 1, 9, 0),
            )
            for n in range(600)
        )
    _, result = RetentionService(db).purge(as_of=TODAY)
    assert result is not None and result.contacts == 600
    assert RetentionService(db).due(as_of=TODAY).empty


def test_the_page_gets_the_oldest_and_the_counts_and_all_is_anonymised(
    portable_db: Database,
) -> None:
    """``due(limit=N)``: the N oldest of each list and how many are due in all (the page);
    « Tout anonymiser » takes everything due by the listed cut-offs, listed or not."""
    db = portable_db
    people = [_person(db, f"P{year}", datetime(year, 3, 1, 9, 0)) for year in (2019, 2017, 2021)]
    closed = [_closed_inquiry(db, f"D-{y}", datetime(y, 5, 1, 9, 0)) for y in (2020, 2018)]
    service = RetentionService(db)
    listed = service.due(as_of=TODAY, limit=2)
    assert [c.id for c in listed.contacts] == [people[1], people[0]]  # 2017, 2019: the oldest
    assert [i.id for i in listed.inquiries] == [closed[1], closed[0]]
    assert (listed.contacts_total, listed.inquiries_total) == (3, 2)
    assert not listed.complete and service.due(as_of=TODAY).complete
    result = service.anonymise_due(listed)
    assert (result.contacts, result.inquiries) == (3, 2)
    assert service.due(as_of=TODAY).empty
