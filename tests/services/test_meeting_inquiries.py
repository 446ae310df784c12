"""« Besoin exprimé »: an attendee's need enters the desk as an inquiry from the meeting."""

from __future__ import annotations

from datetime import datetime

import pytest

import guichet.models as m
from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import Channel, RegistrationStatus
from guichet.services.intake import IntakeDraft, NeedDraft, create_inquiry
from guichet.services.meeting_inquiries import attendee_prefill, meeting_inquiries
from guichet.services.meeting_registrations import register, set_status
from guichet.services.meetings import delete_meeting, get_meeting
from tests.services.intake_helpers import make_company, subject_ids
from tests.services.meeting_helpers import START, make_meeting, make_people


def test_a_need_heard_at_a_meeting_becomes_an_inquiry_with_its_referral(
    portable_db: Database,
) -> None:
    db = portable_db
    meeting_id = make_meeting(db)
    (person,) = make_people(db, [("Forges de Normandie", "Jean", "Vasseur")])
    reg = register(db, meeting_id, contact_id=person)
    set_status(db, reg.registration_id, RegistrationStatus.PRESENT)
    prefill = attendee_prefill(db, reg.registration_id, now=datetime(2026, 12, 11, 14))
    assert (prefill.channel, prefill.received_at, prefill.contact, prefill.organization) == (
        Channel.MEETING,
        START,
        "Jean Vasseur",
        "Forges de Normandie",
    )
    (subject,) = subject_ids(db, 1)
    created = create_inquiry(
        db,
        IntakeDraft(
            received_at=prefill.received_at,
            needs=(NeedDraft(subject, "Certification des réservoirs"),),
            channel=prefill.channel,
            organization_id=prefill.organization_id,
            contact_id=prefill.contact_id,
            meeting_id=prefill.meeting_id,
        ),
        now=datetime(2026, 12, 11, 14),
    )
    partner = make_company(db, "CCI Seine Estuaire", kind=m.OrganizationKind.PARTNER)
    with db.unit_of_work() as s:
        need = s.get(m.Inquiry, created.id).needs[0]  # type: ignore[union-attr]
        need.referrals.append(m.Referral(partner_id=partner, proposed_at=START))
    (row,) = meeting_inquiries(db, meeting_id)
    assert (row.reference, row.contact, row.organization) == (
        created.reference,
        "Jean Vasseur",
        "Forges de Normandie",
    )
    assert row.referrals == ("CCI Seine Estuaire (proposée)",)
    assert get_meeting(db, meeting_id).counts.inquiries == 1
    with db.unit_of_work() as s:
        inquiry = s.get(m.Inquiry, created.id)
        assert inquiry is not None
        assert (inquiry.channel, inquiry.meeting_id) == (Channel.MEETING, meeting_id)
    delete_meeting(db, meeting_id)  # the inquiry stays, without its source
    with db.unit_of_work() as s:
        inquiry = s.get(m.Inquiry, created.id)
        assert inquiry is not None and inquiry.meeting_id is None


def test_an_upcoming_meeting_dates_the_need_now(db: Database) -> None:
    meeting_id = make_meeting(db)
    (person,) = make_people(db, [("", "Léa", "Roux")])
    reg = register(db, meeting_id, contact_id=person)
    now = datetime(2026, 12, 1, 10)
    prefill = attendee_prefill(db, reg.registration_id, now=now)
    assert (prefill.received_at, prefill.organization_id) == (now, None)


def test_an_inquiry_from_a_deleted_meeting_is_refused(db: Database) -> None:
    meeting_id = make_meeting(db)
    delete_meeting(db, meeting_id)
    (subject,) = subject_ids(db, 1)
    company = make_company(db)
    with pytest.raises(ValidationError, match="réunion n'existe plus"):
        create_inquiry(
            db,
            IntakeDraft(
                received_at=START,
                needs=(NeedDraft(subject),),
                organization_id=company,
                meeting_id=meeting_id,
            ),
            now=datetime(2026, 12, 11),
        )
