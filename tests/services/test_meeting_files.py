"""A meeting's files from the database: sheet and badges of who holds a seat, invitations by
channel with opposed contacts left out and counted, .eml drafts read back with ``email``."""

from __future__ import annotations

import io
from datetime import date, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage

import icalendar
import pytest
from pypdf import PdfReader

import guichet.models as m
from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import Channel, RegistrationStatus
from guichet.services.meeting_files import MeetingFiles
from guichet.services.meeting_registrations import register, set_status
from guichet.services.meetings import get_meeting
from tests.services.intake_helpers import make_company
from tests.services.meeting_helpers import make_meeting, make_people

PEOPLE = [
    ("Zénith Usinage", "Léa", "Roux"),
    ("Atelier <b>Dupont</b> & Fils", "Marc", "Dupont"),
    ("Atelier <b>Dupont</b> & Fils", "Anne", "Bernard"),
    ("", "Paul", "Sansorg"),
    ("Ébénisterie Lebrun", "Jules", "Lebrun"),
]


def _text(pdf: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )


def _meeting_with_people(db: Database) -> tuple[int, list[int]]:
    hall = make_company(
        db,
        "Maison de l'entreprise",
        address_street="3 rue Verte",
        postal_code="76170",
        city="Lillebonne",
    )
    meeting_id = make_meeting(db, place_organization_id=hall, description="Ordre du jour")
    contacts = make_people(db, PEOPLE, email=None)
    return meeting_id, contacts


def _invite(db: Database, meeting_id: int, contact_ids: list[int], channel: Channel) -> None:
    with db.unit_of_work() as s:
        for contact_id in contact_ids:
            s.add(
                m.Invitation(
                    meeting_id=meeting_id,
                    contact_id=contact_id,
                    channel=channel,
                    sent_on=date(2026, 11, 20),
                )
            )


def test_the_sheet_lists_seated_people_by_organisation_then_name(portable_db: Database) -> None:
    db = portable_db
    meeting_id, contacts = _meeting_with_people(db)
    for contact_id in contacts:
        register(db, meeting_id, contact_id=contact_id, at=datetime(2026, 11, 20, 10))
    excused = next(r for r in get_meeting(db, meeting_id).registrations if r.last_name == "Lebrun")
    set_status(db, excused.registration_id, RegistrationStatus.EXCUSED)
    made = MeetingFiles(db).sign_in_sheet(meeting_id)
    assert made.count == 4 and made.file_name.startswith("emargement-2026-12-10-")
    text = _text(made.data)
    order = [text.index(name) for name in ("Anne Bernard", "Marc Dupont", "Léa Roux", "Paul")]
    assert order == sorted(order)  # Atelier… (Bernard, Dupont), Zénith…, no organisation last
    assert "Atelier <b>Dupont</b> & Fils" in text  # markup printed as text
    assert "Lebrun" not in text  # excused: not on the sheet
    assert "Maison de l'entreprise, 3 rue Verte, 76170 Lillebonne" in text
    badges = MeetingFiles(db).badges(meeting_id)
    assert badges.count == 4 and "Anne Bernard" in _text(badges.data)


def test_no_badges_without_registrants(portable_db: Database) -> None:
    meeting_id, _ = _meeting_with_people(portable_db)
    with pytest.raises(ValidationError, match="Aucun inscrit"):
        MeetingFiles(portable_db).badges(meeting_id)
    assert MeetingFiles(portable_db).sign_in_sheet(meeting_id).count == 0  # walk-in lines only


def test_invitation_letters_go_to_contacts_invited_by_post_minus_opposition(
    portable_db: Database,
) -> None:
    db = portable_db
    meeting_id, contacts = _meeting_with_people(db)
    with pytest.raises(ValidationError, match="par courrier"):
        MeetingFiles(db).invitations(meeting_id)
    _invite(db, meeting_id, contacts[:4], Channel.MAIL)
    _invite(db, meeting_id, contacts[4:], Channel.EMAIL)
    with db.unit_of_work() as s:
        opposed = s.get(m.Contact, contacts[0])
        assert opposed is not None
        opposed.opposed_on = date(2026, 1, 5)
        org = s.get(m.Contact, contacts[1]).organization  # type: ignore[union-attr]
        assert org is not None
        org.do_not_contact = True  # both Atelier Dupont contacts are left out
    made = MeetingFiles(db).invitations(meeting_id, day=date(2026, 11, 20))
    assert (made.count, made.excluded) == (1, 3)
    [warning] = made.warnings  # no address at all: named before anything is printed
    assert warning.startswith("adresse de « Paul Sansorg » incomplète : ")
    assert "pas de code postal" in warning
    reader = PdfReader(io.BytesIO(made.data))
    assert len(reader.pages) == 1
    text = _text(made.data)
    assert "Paul Sansorg" in text and "Hydrogène : les marchés de la filière" in text
    assert "jeudi 10 décembre 2026 à 9 h" in text
    assert "Roux" not in text and "Dupont" not in text


def test_email_drafts_one_with_bcc_or_one_per_contact(portable_db: Database) -> None:
    db = portable_db
    meeting_id, contacts = _meeting_with_people(db)
    with db.unit_of_work() as s:
        for number, contact_id in enumerate(contacts):
            contact = s.get(m.Contact, contact_id)
            assert contact is not None
            contact.email = f"personne{number}@exemple.fr" if number != 2 else None
    _invite(db, meeting_id, contacts, Channel.EMAIL)
    moment = datetime(2026, 11, 20, 10, 0).astimezone()
    drafts, left_out = MeetingFiles(db).email_drafts(
        meeting_id, one_per_contact=False, moment=moment
    )
    assert left_out == 1 and len(drafts) == 1  # the contact without an address
    message = message_from_bytes(drafts[0].data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    bcc = [a.strip() for a in str(message["Bcc"]).split(",")]
    assert sorted(bcc) == [f"personne{n}@exemple.fr" for n in (0, 1, 3, 4)]
    assert "personne" not in str(message["To"])  # nobody sees the others
    assert message["X-Unsent"] == "1"
    assert "Hydrogène" in str(message["Subject"])
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert str(attachment.get_filename()).endswith(".ics")
    payload = attachment.get_payload(decode=True)
    assert isinstance(payload, bytes)
    calendar = icalendar.Calendar.from_ical(payload)
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart").replace(tzinfo=None) == datetime(2026, 12, 10, 9, 0)
    drafts, _ = MeetingFiles(db).email_drafts(meeting_id, one_per_contact=True, moment=moment)
    assert len(drafts) == 4 and len({d.file_name for d in drafts}) == 4
    first = message_from_bytes(drafts[0].data, policy=policy.default)
    assert first["Bcc"] is None and str(first["To"]).endswith("@exemple.fr")
    assert isinstance(first, EmailMessage)
    body = first.get_body(preferencelist=("plain",))
    assert body is not None and body.get_content().startswith("Madame, Monsieur,")
