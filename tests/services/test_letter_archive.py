"""The letter archive's API on both engines: a PDF stored once per content, a replaced draft's
PDF deleted with it, and ``guichet check`` seeing a PDF gone from the archive."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from guichet.db import Database
from guichet.models import Letter
from guichet.services import letter_archive
from guichet.services.letters import LetterService
from guichet.services.maintenance import check_database
from guichet.services.referrals import ReferralChoice, ReferralService
from tests.services.referral_setup import build_scene

NOW = datetime(2026, 11, 29, 10, 0)


def _stored(db: Database) -> set[str]:
    with db.engine.connect() as main:
        conn = letter_archive.archive_connection(db, main)
        try:
            return set(conn.execute(select(letter_archive.letter_pdf.c.sha256)).scalars())
        finally:
            if conn is not main:
                conn.close()


def _referral(db: Database) -> int:
    scene = build_scene(db)
    choice = [ReferralChoice(scene.partner_id, scene.contact_id)]
    return ReferralService(db).create(scene.need_id, choice, now=NOW)[0].id


def test_a_redrafted_letter_takes_its_old_pdf_away(portable_db: Database) -> None:
    db = portable_db
    service = LetterService(db)
    referral_id = _referral(db)
    first = service.generate([referral_id], now=NOW)
    with db.unit_of_work(write=False) as s:
        old = set(s.scalars(select(Letter.pdf_sha256)))
    assert old == _stored(db) and len(old) == 2
    service.generate([referral_id], now=datetime(2026, 11, 30, 9, 0))  # unsent: replaced
    with db.unit_of_work(write=False) as s:
        new = set(s.scalars(select(Letter.pdf_sha256)))
    assert _stored(db) == new and not (old & new)
    assert [service.pdf(i.id)[:5] for i in service.letters([referral_id])] == [b"%PDF-"] * 2
    assert all(i.id not in {x.id for x in service.letters([referral_id])} for i in first)


def test_the_same_pdf_is_stored_once(portable_db: Database) -> None:
    db = portable_db
    with db.unit_of_work() as s:
        keys = {letter_archive.store(db, s, b"%PDF-1.4 identique") for _ in range(3)}
    assert len(keys) == 1 and keys <= _stored(db)
    assert letter_archive.sweep(db) == 1  # no letter names it


def test_check_reports_a_pdf_missing_from_the_archive(portable_db: Database) -> None:
    db = portable_db
    LetterService(db).generate([_referral(db)], now=NOW)
    assert check_database(db).integrity == "ok"
    with db.engine.begin() as main:
        conn = letter_archive.archive_connection(db, main)
        if conn is main:
            conn.execute(delete(letter_archive.letter_pdf))
        else:
            with conn, conn.begin():
                conn.execute(delete(letter_archive.letter_pdf))
    report = check_database(db)
    assert "2 PDF de courriers manquent" in report.integrity and report.damaged
