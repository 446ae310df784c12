"""Letters generated from referrals: merged, archived, reopened byte for byte, marked sent."""

from __future__ import annotations

import email
import email.policy
import email.utils
import io
from datetime import datetime

import pytest
from pypdf import PdfReader

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import LetterKind, ReferralStatus
from guichet.services.letters import LetterService
from guichet.services.referrals import ReferralChoice, ReferralService
from guichet.services.settings import SettingsService
from tests.services.referral_setup import build_scene

NOW = datetime(2026, 11, 29, 10, 0)
HOSTILE = '<b>Dupont & Fils</b> <img src="/etc/passwd"> œ € 😀'


def _referral(db: Database, **scene_args: object) -> int:
    scene = build_scene(db, **scene_args)  # type: ignore[arg-type]
    return (
        ReferralService(db)
        .create(scene.need_id, [ReferralChoice(scene.partner_id, scene.contact_id)], now=NOW)[0]
        .id
    )


def _text(pdf: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )


def test_pair_is_merged_and_archived(db: Database) -> None:
    referral_id = _referral(db)
    service = LetterService(db)
    letters = service.generate([referral_id], now=NOW)
    assert [letter.kind for letter in letters] == [LetterKind.TO_COMPANY, LetterKind.TO_PARTNER]
    company = _text(service.pdf(letters[0].id))
    assert "Lillebonne, le 29 novembre 2026" in company
    assert "Initiative Seine-Maritime" in company and "Mme Anne Leroux" in company
    assert "Dupont Mécanique" in company and "12 B RUE DE L'EGLISE" in company
    partner = _text(service.pdf(letters[1].id))
    assert f"D-2026-0042-{referral_id}" in partner
    assert "Financer la reprise d'un atelier de tournage." in partner
    assert "Claire Lemonnier" in partner and "02 35 00 00 01" in partner
    assert "3 PLACE DE LA GARE" in partner and "76000 ROUEN" in partner


def test_hostile_company_name_through_the_whole_chain(db: Database) -> None:
    referral_id = _referral(db, company_name=HOSTILE)
    service = LetterService(db)
    text = _text(service.pdf(service.generate([referral_id], now=NOW)[1].id))
    assert '<b>Dupont & Fils</b> <img src="/etc/passwd"> œ €' in text


def test_reopens_byte_for_byte_and_marks_sent(db: Database) -> None:
    referral_id = _referral(db)
    service = LetterService(db)
    letters = service.ensure_letters([referral_id], now=NOW)
    first = [service.pdf(letter.id) for letter in letters]
    SettingsService(db).update({"agency.name": "Autre nom"})  # later changes never alter them
    again = service.ensure_letters([referral_id], now=NOW)
    assert [letter.id for letter in again] == [letter.id for letter in letters]
    assert [service.pdf(letter.id) for letter in again] == first
    sent_at = datetime(2026, 11, 29, 11, 0)
    service.mark_sent([letter.id for letter in letters], at=sent_at)
    row = ReferralService(db).get(referral_id)
    assert (row.status, row.sent_at) == (ReferralStatus.SENT, sent_at)
    assert all(letter.sent_at == sent_at for letter in service.letters([referral_id]))


def test_regenerating_replaces_only_unsent_drafts(db: Database) -> None:
    referral_id = _referral(db)
    service = LetterService(db)
    sent = service.generate([referral_id], now=NOW)
    service.mark_sent([sent[0].id], at=NOW)
    service.generate([referral_id], now=NOW)
    everything = service.letters([referral_id], latest_only=False)
    assert sent[0].id in {letter.id for letter in everything}  # a sent letter is kept
    assert sent[1].id not in {letter.id for letter in everything}  # a draft is replaced
    assert len(everything) == 3


def test_templates_are_validated_before_saving(db: Database) -> None:
    settings = SettingsService(db)
    with pytest.raises(
        ValidationError, match=r"texte — Ligne 2 : champ inconnu \{entreprise\.nam\}"
    ):
        settings.update({"letters.company_body": "Bonjour,\n{entreprise.nam}"})
    settings.update(
        {"letters.company_body": "Bonjour {entreprise.contact}, voir {partenaire.nom}."}
    )
    referral_id = _referral(db)
    service = LetterService(db)
    text = _text(service.pdf(service.generate([referral_id], now=NOW)[0].id))
    assert "Bonjour M. Jean Dupont, voir Initiative Seine-Maritime." in text


def test_email_draft_is_a_crlf_message_from_the_template(db: Database) -> None:
    referral_id = _referral(db)
    service = LetterService(db)
    SettingsService(db).update(
        {
            "letters.email_object": "Courrier {mise_en_relation.reference}",
            "letters.email_body": "{destinataire.formule},\n\nCi-joint le courrier pour "
            "{destinataire.nom}.\n{% si conseiller.nom %}\n{conseiller.nom}\n{% fin %}",
        }
    )
    partner_letter = service.generate([referral_id], now=NOW)[1]
    name, data = service.email_draft(partner_letter.id, now=NOW)
    assert name.endswith(".eml")
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")  # CRLF only
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert message["To"] == "anne.leroux@example.org"
    assert message["Subject"] == f"Courrier D-2026-0042-{referral_id}"
    assert message["Message-ID"].startswith("<") and message["Message-ID"].endswith(">")
    assert email.utils.parsedate_to_datetime(message["Date"]).date() == NOW.date()
    assert message["X-Unsent"] == "1"
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content().replace("\r\n", "\n")
    assert "Madame,\n\nCi-joint le courrier pour Initiative Seine-Maritime." in text
    assert "Claire Lemonnier" in text
    attachments = [part for part in message.walk() if part.get_filename()]
    assert attachments[0].get_payload(decode=True) == service.pdf(partner_letter.id)
    company_letter = service.generate([referral_id], now=NOW)[0]
    company_message = email.message_from_bytes(
        service.email_draft(company_letter.id)[1], policy=email.policy.default
    )
    company_body = company_message.get_body(("plain",))
    assert company_body is not None
    assert "Monsieur,\r\n\r\nCi-joint le courrier pour Dupont Mécanique." in (
        company_body.get_content()
    )


def test_the_default_email_template_is_valid_and_used(db: Database) -> None:
    referral_id = _referral(db)
    service = LetterService(db)
    letter = service.generate([referral_id], now=NOW)[1]
    message = email.message_from_bytes(
        service.email_draft(letter.id)[1], policy=email.policy.default
    )
    assert message["Subject"].startswith(f"Mise en relation D-2026-0042-{referral_id}")
    body = message.get_body(("plain",))
    assert body is not None and body.get_content().startswith("Madame,")
    with pytest.raises(ValidationError, match="Brouillon d'e-mail : texte"):
        SettingsService(db).update({"letters.email_body": "{destinataire.nam}"})


def test_sending_archives_and_marks_in_one_transaction(db: Database) -> None:
    referral_id = _referral(db)
    service = LetterService(db)

    def broken_printer(_pdfs: list[bytes]) -> None:
        raise OSError("imprimante débranchée")

    with pytest.raises(OSError):
        service.send(referral_id, deliver=broken_printer, at=NOW)
    assert service.letters([referral_id]) == []  # nothing archived
    assert ReferralService(db).get(referral_id).status == ReferralStatus.PROPOSED
    delivered: list[bytes] = []
    sent = service.send(referral_id, deliver=delivered.extend, at=NOW)
    assert [service.pdf(info.id) for info in sent] == delivered
    assert all(info.sent_at == NOW for info in service.letters([referral_id]))
    assert ReferralService(db).get(referral_id).status == ReferralStatus.SENT


def test_marking_sent_is_all_or_nothing(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    referral_id = _referral(db)
    service = LetterService(db)
    letters = service.generate([referral_id], now=NOW)

    def crash(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("coupure")

    monkeypatch.setattr("guichet.services.letters.apply_status", crash)
    with pytest.raises(RuntimeError):
        service.mark_sent([letter.id for letter in letters], at=NOW)
    assert all(letter.sent_at is None for letter in service.letters([referral_id]))
    monkeypatch.undo()
    service.mark_sent([letter.id for letter in letters], at=NOW)
    assert all(letter.sent_at == NOW for letter in service.letters([referral_id]))
    assert ReferralService(db).get(referral_id).status == ReferralStatus.SENT


def test_calibration_uses_the_envelope_settings(db: Database) -> None:
    SettingsService(db).update({"envelope.x_mm": 100.0})
    assert "marge gauche 100 mm" in _text(LetterService(db).calibration_pdf())
