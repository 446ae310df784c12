"""Logging an inquiry: one transaction, references per year, validation, warnings."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

import guichet.models as m
from guichet.db import Database
from guichet.errors import ValidationError
from guichet.services import intake as intake_module
from guichet.services.inquiry_reference import format_reference, next_reference, parse_reference
from guichet.services.intake import IntakeDraft, NeedDraft, NewContact, create_inquiry
from tests.services.intake_helpers import (
    NOW,
    make_company,
    make_counsellor,
    make_resource,
    subject_ids,
    theme_of,
)


def _draft(db: Database, org_id: int | None, **changes: object) -> IntakeDraft:
    first, second = subject_ids(db)
    values: dict[str, object] = {
        "received_at": NOW,
        "needs": (
            NeedDraft(first, "Besoin de trésorerie"),
            NeedDraft(second, "Recruter 2 tourneurs"),
        ),
        "organization_id": org_id,
    }
    values.update(changes)
    return IntakeDraft(**values)  # type: ignore[arg-type]


def _count(db: Database, model: type[m.Base]) -> int:
    with db.unit_of_work() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_inquiry_with_new_contact_and_two_needs_is_stored_whole(db: Database) -> None:
    org = make_company(db)
    counsellor = make_counsellor(db)
    contact = NewContact(
        last_name="Martin",
        first_name="Claire",
        phone="02 35 38 12 34",
        email="Claire.Martin@Lefebvre.FR",
    )
    created = create_inquiry(
        db,
        _draft(db, org, counsellor_id=counsellor, new_contact=contact, consent_to_share=True),
        now=NOW,
    )
    assert created.reference == "D-2026-0001"
    with db.unit_of_work() as s:
        inquiry = s.get(m.Inquiry, created.id)
        assert inquiry is not None
        assert inquiry.organization_id == org and inquiry.counsellor_id == counsellor
        assert [n.description for n in inquiry.needs] == [
            "Besoin de trésorerie",
            "Recruter 2 tourneurs",
        ]
        assert inquiry.status == m.InquiryStatus.NEW and inquiry.first_action_at is None
        assert inquiry.consent_to_share and inquiry.consent_at == NOW
        person = inquiry.contact
        assert person is not None and person.organization_id == org
        assert (person.first_name, person.last_name) == ("Claire", "Martin")
        assert person.phone == "+33235381234"
        assert person.email == "Claire.Martin@lefebvre.fr"
        assert person.legal_basis == m.LegalBasis.CONSENT and person.last_inbound_at == NOW


@pytest.mark.parametrize(
    ("contact", "field", "words"),
    [
        (NewContact(last_name="Martin", phone="02 35"), "contact_phone", "téléphone invalide"),
        (NewContact(last_name="Martin", email="claire@"), "contact_email", "e-mail invalide"),
        (NewContact(last_name="  "), "contact_last_name", "obligatoire"),
    ],
)
def test_bad_contact_details_store_nothing(
    db: Database, contact: NewContact, field: str, words: str
) -> None:
    org = make_company(db)
    with pytest.raises(ValidationError) as raised:
        create_inquiry(db, _draft(db, org, new_contact=contact), now=NOW)
    assert raised.value.field == field and words in raised.value.message.lower()
    assert _count(db, m.Inquiry) == 0 and _count(db, m.Contact) == 0


def test_an_inquiry_needs_a_need_and_someone(db: Database) -> None:
    with pytest.raises(ValidationError, match="au moins un besoin"):
        create_inquiry(db, _draft(db, make_company(db), needs=()), now=NOW)
    with pytest.raises(ValidationError, match="l'entreprise ou la personne"):
        create_inquiry(db, _draft(db, None), now=NOW)
    with pytest.raises(ValidationError, match="futur"):
        create_inquiry(
            db,
            _draft(db, make_company(db, "Bêta SARL"), received_at=NOW + timedelta(hours=2)),
            now=NOW,
        )


def test_inactive_subject_is_refused(db: Database) -> None:
    first, _ = subject_ids(db)
    with db.unit_of_work() as s:
        subject = s.get(m.Subject, first)
        assert subject is not None
        subject.active = False
    with pytest.raises(ValidationError, match="plus proposé"):
        create_inquiry(db, _draft(db, make_company(db)), now=NOW)


def test_references_count_per_year_and_survive_past_9999(db: Database) -> None:
    org = make_company(db)
    refs = [
        create_inquiry(
            db, _draft(db, org, received_at=NOW - timedelta(minutes=i)), now=NOW
        ).reference
        for i in range(3)
    ]
    assert refs == ["D-2026-0001", "D-2026-0002", "D-2026-0003"]
    last_year = create_inquiry(db, _draft(db, org, received_at=datetime(2025, 12, 31, 17)), now=NOW)
    assert last_year.reference == "D-2025-0001"
    with db.unit_of_work() as s:
        s.add(m.Inquiry(reference="D-2026-9999", received_at=NOW))
    assert create_inquiry(db, _draft(db, org), now=NOW).reference == "D-2026-10000"
    assert create_inquiry(db, _draft(db, org), now=NOW).reference == "D-2026-10001"


def test_a_reference_taken_meanwhile_is_retried(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = make_company(db)
    first = create_inquiry(db, _draft(db, org), now=NOW)
    calls: list[int] = []

    def stale(session: object, year: int) -> str:  # another desk took the number first
        calls.append(year)
        return first.reference if len(calls) == 1 else next_reference(session, year)  # type: ignore[arg-type]

    monkeypatch.setattr(intake_module, "next_reference", stale)
    second = create_inquiry(db, _draft(db, org), now=NOW)
    assert len(calls) == 2 and second.reference == "D-2026-0002"
    assert _count(db, m.Inquiry) == 2 and _count(db, m.Need) == 4


@given(st.integers(1, 9999), st.integers(1, 10**7))
def test_reference_format_and_parse_round_trip(year: int, number: int) -> None:
    text = format_reference(year, number)
    assert parse_reference(text) == (year, number)
    assert parse_reference(text.lower()) == (year, number)


@given(st.text(max_size=20))
def test_parse_reference_never_raises(text: str) -> None:
    parsed = parse_reference(text)
    assert parsed is None or format_reference(*parsed).lower() == text.strip().lower()


def test_repeat_request_warning_by_company_or_email(db: Database) -> None:
    org = make_company(db)
    first, second = subject_ids(db)
    contact = NewContact(last_name="Martin", email="c.martin@lefebvre.fr")
    earlier = create_inquiry(
        db, _draft(db, org, received_at=NOW - timedelta(days=20), new_contact=contact), now=NOW
    )
    again = create_inquiry(db, _draft(db, org, needs=(NeedDraft(first),)), now=NOW)
    assert [w.kind for w in again.warnings] == ["repeat"]
    assert (
        again.warnings[0].inquiry_id == earlier.id
        and earlier.reference in again.warnings[0].message
    )
    other_org = make_company(db, "Autre SARL")
    by_mail = create_inquiry(
        db,
        _draft(
            db,
            other_org,
            needs=(NeedDraft(second),),
            new_contact=NewContact(last_name="M", email="C.Martin@lefebvre.fr"),
        ),
        now=NOW,
    )
    assert earlier.id in {w.inquiry_id for w in by_mail.warnings}


def test_no_repeat_warning_after_21_days_or_on_another_subject(db: Database) -> None:
    org = make_company(db)
    first, _second = subject_ids(db)
    create_inquiry(db, _draft(db, org, received_at=NOW - timedelta(days=22)), now=NOW)
    assert create_inquiry(db, _draft(db, org, needs=(NeedDraft(first),)), now=NOW).warnings == ()
    third = subject_ids(db, 3)[2]
    assert create_inquiry(db, _draft(db, org, needs=(NeedDraft(third),)), now=NOW).warnings == ()


def test_do_not_refer_company_is_warned_not_blocked(db: Database) -> None:
    org = make_company(
        db, "Chaudronnerie Dupont", do_not_refer=True, do_not_refer_reason="litige en cours"
    )
    created = create_inquiry(db, _draft(db, org), now=NOW)
    assert created.id and [w.kind for w in created.warnings] == ["do_not_refer"]
    assert (
        "ne pas orienter" in created.warnings[0].message and "litige" in created.warnings[0].message
    )


def test_resource_handed_over_at_intake_informs_the_need(db: Database) -> None:
    first, second = subject_ids(db)
    resource = make_resource(db, theme_of(db, first))
    created = create_inquiry(
        db,
        _draft(db, make_company(db), needs=(NeedDraft(first, "", (resource,)), NeedDraft(second))),
        now=NOW,
    )
    with db.unit_of_work() as s:
        inquiry = s.get(m.Inquiry, created.id)
        assert inquiry is not None
        informed, other = inquiry.needs
        assert [g.resource_id for g in informed.information_given] == [resource]
        assert informed.outcome == m.NeedOutcome.INFORMED and other.outcome is None
        assert inquiry.first_action_at == NOW and inquiry.status == m.InquiryStatus.IN_PROGRESS


def test_labels_of_enums_sharing_a_value_do_not_collide() -> None:
    assert m.label(m.Channel.MEETING) == "Réunion"
    assert m.label(m.ResourceKind.MEETING) == "Réunion à venir"
