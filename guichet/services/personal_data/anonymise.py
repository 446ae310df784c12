"""Anonymise people and inquiries inside one session (the caller owns the transaction).

What goes: names, phones, e-mails, addresses and free-text notes (replaced by « Anonymisé » or
emptied), the old and new values of those rows in the audit trail, any remaining occurrence of
the person's name, e-mail or phone in free text and audit values, the archived letters that
name them (the row stays: a letter went out, and when), and their words in the search index.
What stays: dates, channel, theme and subject, outcomes, statuses, the organisation (commune,
NAF, headcount band) — what statistics need. One ``AuditAction.ANONYMISE`` line per record
says that it happened, never what was removed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.models import (
    Contact,
    Inquiry,
    Letter,
    MeetingSpeaker,
    Need,
    Referral,
    Relay,
    Visit,
)
from guichet.services import letter_archive
from guichet.services.letter_archive import ERASED_PDF
from guichet.services.personal_data.scrub import (
    clear_audit_values,
    person_needles,
    record_anonymised,
    scrub_free_text,
    scrub_search_index,
)

ANONYMISED = "Anonymisé"

#: Contact columns emptied (the last name becomes « Anonymisé »).
CONTACT_CLEARED = (
    "civility",
    "first_name",
    "role",
    "phone",
    "mobile",
    "email",
    "address_building",
    "address_street",
    "address_locality",
    "postal_code",
    "city",
    "legal_basis_source",
)


@dataclass(frozen=True)
class Anonymised:
    contacts: int
    inquiries: int
    letters: int
    contact_ids: frozenset[int] = frozenset()
    #: what identified the people (to find the files outside the database that name them)
    pattern: re.Pattern[str] | None = None


def _text(value: str | None) -> str | None:
    return ANONYMISED if value else value


def _inquiries(session: Session, ids: Collection[int]) -> list[Inquiry]:
    if not ids:
        return []
    return list(
        session.scalars(
            select(Inquiry).where(Inquiry.id.in_(list(ids)), Inquiry.anonymized_at.is_(None))
        )
    )


def _anonymise_inquiry(inquiry: Inquiry, now: datetime, touched: dict[str, set[int]]) -> None:
    inquiry.summary = _text(inquiry.summary)
    inquiry.anonymized_at = now
    touched["inquiry"].add(inquiry.id)
    for need in inquiry.needs:
        need.description = _text(need.description)
        need.orientation_note = _text(need.orientation_note)
        touched["need"].add(need.id)
        for given in need.information_given:
            given.note = _text(given.note)
        for referral in need.referrals:
            referral.reason = _text(referral.reason)
            referral.refusal_reason = _text(referral.refusal_reason)
            referral.outcome_note = _text(referral.outcome_note)
            touched["referral"].add(referral.id)
            for event in referral.events:
                event.note = _text(event.note)
    for note in inquiry.notes:
        note.text = ANONYMISED


def _anonymise_contact(contact: Contact, now: datetime, touched: dict[str, set[int]]) -> None:
    for name in CONTACT_CLEARED:
        setattr(contact, name, None)
    contact.last_name = ANONYMISED
    contact.anonymized_at = now
    touched["contact"].add(contact.id)


def _letters(session: Session, inquiry_ids: set[int], contact_ids: set[int]) -> list[Letter]:
    """Archived letters that name these people or belong to these inquiries."""
    conditions = []
    if inquiry_ids:
        conditions.append(Letter.inquiry_id.in_(inquiry_ids))
        conditions.append(
            Letter.referral_id.in_(
                select(Referral.id).join(Need).where(Need.inquiry_id.in_(inquiry_ids))
            )
        )
    if contact_ids:
        conditions.append(
            Letter.referral_id.in_(
                select(Referral.id).where(Referral.partner_contact_id.in_(contact_ids))
            )
        )
        conditions.append(
            Letter.id.in_(select(Relay.letter_id).where(Relay.contact_id.in_(contact_ids)))
        )
    if not conditions:
        return []
    return list(session.scalars(select(Letter).where(or_(*conditions), Letter.erased_at.is_(None))))


def erase_letter(letter: Letter, now: datetime) -> str:
    """The PDF goes; kind, dates and links stay (a letter went out, and when). Returns the key
    of the PDF it named, for the archive to discard."""
    key = letter.pdf_sha256
    letter.pdf_sha256 = ERASED_PDF
    letter.erased_at = now
    letter.file_name = f"courrier-{letter.id}-efface.pdf"
    return key


def anonymise(
    db: Database,
    session: Session,
    *,
    contact_ids: Iterable[int] = (),
    inquiry_ids: Iterable[int] = (),
    now: datetime | None = None,
) -> Anonymised:
    """Anonymise these people everywhere (their inquiries included) and these inquiries.

    An inquiry anonymised for its own retention period keeps no link to a person who is not
    anonymised with it; that person's ``last_inbound_at`` keeps the date it brought.
    """
    moment = now or datetime.now()
    touched: dict[str, set[int]] = {
        k: set() for k in ("contact", "inquiry", "need", "referral", "visit", "meeting_speaker")
    }
    people = list(
        session.scalars(
            select(Contact).where(
                Contact.id.in_(sorted(set(contact_ids))), Contact.anonymized_at.is_(None)
            )
        )
    )
    person_ids = {c.id for c in people}
    needles = person_needles(people)
    named = session.scalars(
        select(Inquiry.id).where(
            Inquiry.contact_id.in_(person_ids), Inquiry.anonymized_at.is_(None)
        )
    ).all()
    inquiries = _inquiries(session, set(inquiry_ids) | set(named))
    for inquiry in inquiries:
        contact = inquiry.contact
        if contact is not None and contact.id not in person_ids:
            if contact.last_inbound_at is None or contact.last_inbound_at < inquiry.received_at:
                contact.last_inbound_at = inquiry.received_at
            inquiry.contact_id = None
        _anonymise_inquiry(inquiry, moment, touched)
    for contact in people:
        _anonymise_contact(contact, moment, touched)
    if person_ids:
        for speaker in session.scalars(
            select(MeetingSpeaker).where(MeetingSpeaker.contact_id.in_(person_ids))
        ):
            speaker.name = ANONYMISED
            touched["meeting_speaker"].add(speaker.id)
        for visit in session.scalars(select(Visit).where(Visit.contact_id.in_(person_ids))):
            visit.notes = _text(visit.notes)
            touched["visit"].add(visit.id)
    letters = _letters(session, {i.id for i in inquiries}, person_ids)
    letter_archive.discard(db, session, [erase_letter(letter, moment) for letter in letters])
    session.flush()
    clear_audit_values(session, touched)
    if needles is not None:
        scrub_free_text(session, needles, ANONYMISED)
    scrub_search_index(session, needles)
    record_anonymised(session, touched, moment)
    return Anonymised(
        len(people),
        len(inquiries),
        len(letters),
        frozenset(person_ids),
        needles.pattern if needles is not None else None,
    )
