"""A person who reached the desk everywhere Guichet can hold her, and how to look for her."""

from __future__ import annotations

import io
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import text

from guichet.db import Database
from guichet.models import (
    Base,
    Contact,
    Inquiry,
    InquiryNote,
    Meeting,
    MeetingSpeaker,
    Organization,
    Registration,
    RegistrationStatus,
)
from guichet.services import letter_archive
from guichet.services.contacts import ContactData, ContactService
from guichet.services.letter_archive import archive_path
from guichet.services.letters import LetterService
from guichet.services.referrals import ReferralChoice, ReferralService
from tests.services.referral_setup import build_scene

FIRST, LAST = "Zéphyrine", "Quillebeuf"
EMAIL = "zephyrine.quillebeuf@exemple.fr"
PHONE = "+33612345678"
#: Every form in which she could remain (folded forms too: the search index folds words).
NEEDLES = (
    "quillebeuf",
    "zéphyrine",
    "zephyrine",
    EMAIL,
    PHONE,
    "0612345678",
    "06 12 34 56 78",
)
NOW = datetime(2026, 11, 29, 10, 0)


@dataclass(frozen=True)
class Person:
    contact_id: int
    inquiry_id: int
    company_id: int
    letter_ids: tuple[int, ...]


def build_person(db: Database) -> Person:
    scene = build_scene(db, company_name="Tournage Caux")
    with db.unit_of_work() as s:
        inquiry = s.get(Inquiry, scene.inquiry_id)
        assert inquiry is not None and inquiry.contact_id is not None
        person_id = inquiry.contact_id
    service = ContactService(db)
    info = service.get(person_id)
    service.update(  # through the form: the old values go into the audit trail
        person_id,
        ContactData(civility="Mme", first_name=FIRST, last_name=LAST, email=EMAIL, phone=PHONE),
        version=info.version,
    )
    with db.unit_of_work() as s:
        inquiry = s.get(Inquiry, scene.inquiry_id)
        assert inquiry is not None
        inquiry.summary = f"Mme {LAST} reprend l'atelier de son père ; rappeler au 06 12 34 56 78."
        s.add(InquiryNote(inquiry_id=inquiry.id, text=f"Écrit par {EMAIL}"))
        meeting = Meeting(
            title="Petit-déjeuner hydrogène",
            start_at=datetime(2026, 10, 1, 8, 30),
            end_at=datetime(2026, 10, 1, 10, 0),
        )
        s.add(meeting)
        s.flush()
        s.add(
            Registration(
                meeting_id=meeting.id,
                contact_id=person_id,
                registered_at=datetime(2026, 9, 20, 11, 0),
                status=RegistrationStatus.PRESENT,
            )
        )
        s.add(MeetingSpeaker(meeting_id=meeting.id, name=f"{FIRST} {LAST}", contact_id=person_id))
        partner = s.get(Organization, scene.other_partner_id)
        assert partner is not None
        partner.description = f"Connaît bien {FIRST} {LAST} (voir {EMAIL})."
    referral = ReferralService(db).create(
        scene.need_id, [ReferralChoice(scene.partner_id, scene.contact_id)], now=NOW
    )[0]
    letters = LetterService(db).generate([referral.id], now=NOW)
    return Person(person_id, scene.inquiry_id, scene.company_id, tuple(x.id for x in letters))


def pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def found_in_rows(db: Database) -> list[str]:
    """Every needle found in any text of any table, any engine (archived PDFs read as text)."""
    hits = []
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for row in conn.execute(table.select()):
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        raw = bytes(value)
                        value = (
                            pdf_text(raw)
                            if raw.startswith(b"%PDF")
                            else raw.decode("utf-8", "replace")
                        )
                    if isinstance(value, str):
                        low = value.casefold()
                        hits += [f"{table.name}: {n}" for n in NEEDLES if n.casefold() in low]
        for index_table in ("organization_search", "search_term"):  # the search index
            for row in conn.execute(text(f"SELECT * FROM {index_table}")):
                for value in row:
                    if isinstance(value, str):
                        low = value.casefold()
                        hits += [f"{index_table}: {n}" for n in NEEDLES if n.casefold() in low]
        archive = letter_archive.archive_connection(db, conn)
        try:
            for batch in letter_archive.iter_pdfs(archive):
                for stored in batch:
                    low = pdf_text(stored["pdf"]).casefold()  # type: ignore[arg-type]
                    hits += [f"letter_pdf: {n}" for n in NEEDLES if n.casefold() in low]
        finally:
            if archive is not conn:
                archive.close()
    return hits


def found_in_file(path: Path) -> list[str]:
    """Needles in the raw bytes of a SQLite file and of its letter archive file (after VACUUM),
    and in the text of every PDF still archived (PDF text streams are compressed)."""
    archive = archive_path(path)
    files = [path] + ([archive] if archive.exists() else [])
    hits = []
    for file in files:
        raw = file.read_bytes().lower()
        hits += [n for n in NEEDLES if n.casefold().encode() in raw]
    if archive.exists():
        connection = sqlite3.connect(archive)
        try:
            for (pdf,) in connection.execute("SELECT pdf FROM letter_pdf"):
                low = pdf_text(bytes(pdf)).casefold()
                hits += [f"pdf: {n}" for n in NEEDLES if n.casefold() in low]
        finally:
            connection.close()
    return hits


def vacuum(db: Database) -> Path:
    path = db.path
    assert path is not None
    db.dispose()
    for file in (path, archive_path(path)):
        if file.exists():
            connection = sqlite3.connect(file)
            connection.execute("VACUUM")
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.close()
    return path


def person_row(db: Database, contact_id: int) -> Contact:
    with db.unit_of_work(write=False) as s:
        contact = s.get(Contact, contact_id)
        assert contact is not None
        return contact


def search_terms(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        return list(conn.execute(text("SELECT term FROM search_term")).scalars())
