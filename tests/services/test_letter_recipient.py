"""Where a letter goes: the company, or the person at their own address; what is missing."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from guichet.cli import main
from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import Contact, Inquiry, LetterKind, Organization, Referral
from guichet.services.contacts import ContactData, ContactService
from guichet.services.letters import LetterService
from guichet.services.referrals import ReferralChoice, ReferralService
from tests.services.referral_setup import build_scene


def _text(pdf: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


def _referral(db: Database) -> tuple[int, int]:
    scene = build_scene(db)
    referral = ReferralService(db).create(
        scene.need_id, [ReferralChoice(scene.partner_id, scene.contact_id)]
    )[0]
    return referral.id, scene.inquiry_id


def test_a_person_without_company_gets_the_letter_at_home(portable_db: Database) -> None:
    db = portable_db
    referral_id, inquiry_id = _referral(db)
    with db.unit_of_work() as s:
        inquiry = s.get(Inquiry, inquiry_id)
        assert inquiry is not None and inquiry.contact is not None
        inquiry.organization_id = None
        inquiry.contact.organization_id = None
        contact_id = inquiry.contact.id
    service = LetterService(db)
    problems = service.delivery_problems(referral_id, LetterKind.TO_COMPANY)
    assert problems == [
        "Lettre à l'entreprise : adresse de « M. Jean Dupont » incomplète : ni rue ni lieu-dit "
        "ou boîte postale, pas de code postal, pas de commune"
    ]
    contacts = ContactService(db)
    info = contacts.get(contact_id)
    contacts.update(
        contact_id,
        replace(
            info.data, address_street="4 impasse des Lilas", postal_code="76 170", city="Lillebonne"
        ),
        version=info.version,
    )
    assert service.delivery_problems(referral_id) == []
    text = _text(service.render(referral_id, LetterKind.TO_COMPANY))
    assert "M. Jean Dupont 4 IMPASSE DES LILAS 76170 LILLEBONNE" in text


def test_a_project_holder_without_premises_is_written_to_at_home(portable_db: Database) -> None:
    db = portable_db
    referral_id, inquiry_id = _referral(db)
    with db.unit_of_work() as s:
        inquiry = s.get(Inquiry, inquiry_id)
        assert inquiry is not None and inquiry.organization and inquiry.contact
        inquiry.organization.legal_name = "Projet de création — M. Dupont"
        inquiry.organization.address_street = None
        person = inquiry.contact
        person.address_street, person.postal_code, person.city = "7 rue Verte", "76400", "Fécamp"
    service = LetterService(db)
    assert service.delivery_problems(referral_id) == []
    company = _text(service.render(referral_id, LetterKind.TO_COMPANY))
    assert "M. Jean Dupont 7 RUE VERTE 76400 FECAMP" in company
    assert "Projet de création" not in company.split("Objet")[0]  # not in the address block
    partner = _text(service.render(referral_id, LetterKind.TO_PARTNER))
    assert "adresse : 7 rue Verte, 76400 Fécamp" in partner


def test_the_company_address_wins_when_it_has_a_street(db: Database) -> None:
    referral_id, inquiry_id = _referral(db)
    with db.unit_of_work() as s:
        inquiry = s.get(Inquiry, inquiry_id)
        assert inquiry is not None and inquiry.contact
        inquiry.contact.address_street, inquiry.contact.city = "7 rue Verte", "Fécamp"
    text = _text(LetterService(db).render(referral_id, LetterKind.TO_COMPANY))
    assert "Dupont Mécanique M. Jean Dupont 12 B RUE DE L'EGLISE 76170 LILLEBONNE" in text


def test_contact_address_is_checked(db: Database) -> None:
    scene = build_scene(db)
    contacts = ContactService(db)
    with pytest.raises(ValidationError, match="5 chiffres") as caught:
        contacts.create(scene.company_id, ContactData(last_name="Roux", postal_code="7617"))
    assert caught.value.field == "postal_code"
    saved = contacts.create(
        scene.company_id,
        ContactData(last_name="Roux", address_street="  3 rue\nHaute ", city="Bolbec"),
    )
    assert (saved.data.address_street, saved.data.city) == ("3 rue Haute", "Bolbec")


def test_every_demo_letter_can_be_delivered(demo_db: Database) -> None:
    service = LetterService(demo_db)
    with demo_db.unit_of_work() as s:
        referrals = s.scalars(select(Referral)).all()
        holders = [
            r.id
            for r in referrals
            if r.need.inquiry.organization is not None
            and r.need.inquiry.organization.legal_name.startswith("Projet de")
        ]
        ids = [r.id for r in referrals]
        people = s.scalars(select(Contact).where(Contact.organization_id.is_(None))).all()
        assert people and all(p.address_street and p.postal_code for p in people)
        assert (
            not s.scalars(
                select(Organization).where(Organization.legal_name.startswith("Projet de"))
            )
            .all()[0]
            .address_street
        )
    assert len(holders) >= 10
    assert [p for rid in ids for p in service.delivery_problems(rid)] == []
    text = _text(service.render(holders[0], LetterKind.TO_COMPANY))
    block = text.split("Dossier suivi")[1].split("Objet")[0]
    assert "Projet de" not in block
    assert re.search(r"\d+ [A-Z ]+ \d{5} [A-Z]", block), block  # street, postal code, town


def test_guichet_letter_warns_in_french(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scene = build_scene(db)
    referral = ReferralService(db).create(scene.need_id, [ReferralChoice(scene.other_partner_id)])
    assert db.path is not None
    code = main(
        [
            "--db",
            str(db.path),
            "letter",
            referral[0].reference,
            "--to",
            "partenaire",
            "-o",
            str(tmp_path / "x.pdf"),
        ]
    )
    assert code == 0
    err = capsys.readouterr().err
    assert "Attention : Lettre au partenaire : adresse de « CCI Rouen Métropole » incomplète" in err
    assert "pas de code postal" in err
