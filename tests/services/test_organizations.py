"""Organizations: validation with French messages, optimistic locking, delete, freshness."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

import guichet.models as m
from guichet.db import Database
from guichet.errors import ConcurrentEditError, NotFoundError, ValidationError
from guichet.reference.text import clean_text
from guichet.services.contacts import ContactData, ContactService
from guichet.services.organization_rules import OrganizationData, check_organization
from guichet.services.organizations import OrganizationService, months_before

VALID = OrganizationData(
    legal_name="Usinage de la Vallée",
    trade_name="UVA",
    siret="732 829 320 00074",
    naf_code="2562b",
    headcount_band="11",
    address_street="12 bis, rue de l'Église",
    postal_code="76170",
    city="Lillebonne",
    phone="02 35 12 34 56",
    email="Contact@USINAGE-VALLEE.fr",
)


def _ids(db: Database, model: type[m.Base], *names: str) -> frozenset[int]:
    with db.unit_of_work() as s:
        rows = s.scalars(select(model).where(model.name.in_(names)))  # type: ignore[attr-defined]
        return frozenset(r.id for r in rows)  # type: ignore[attr-defined]


def test_create_normalises_and_loads_the_full_detail(db: Database) -> None:
    caps = _ids(db, m.Capability, "Tournage CN", "Fraisage 5 axes")
    certs = _ids(db, m.Certification, "ISO 9001")
    service = OrganizationService(db)
    saved = service.create(replace(VALID, capability_ids=caps, certification_ids=certs))
    detail = service.get(saved.organization_id)
    assert detail.data.siret == "73282932000074"
    assert detail.siren == "732829320"
    assert detail.data.naf_code == "25.62B"
    assert detail.naf_version == "NAFRev2"
    assert detail.data.phone == "+33235123456"
    assert detail.data.email == "Contact@usinage-vallee.fr"
    assert detail.data.commune_insee == "76384"  # Lillebonne found from the postal code
    assert detail.address_lines == ("12 B RUE DE L'EGLISE", "76170 LILLEBONNE")
    assert [c.name for c in detail.capabilities] == ["Fraisage 5 axes", "Tournage CN"]
    assert [c.name for c in detail.certifications] == ["ISO 9001"]
    assert detail.display_name == "UVA (Usinage de la Vallée)"
    assert saved.warnings == ()


def test_siret_is_optional(db: Database) -> None:
    saved = OrganizationService(db).create(OrganizationData(legal_name="Projet Hydrogène Bolbec"))
    assert OrganizationService(db).get(saved.organization_id).data.siret is None


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"siret": "732 829 320 00075"}, "siret", "clé de contrôle"),
        ({"siret": "12345"}, "siret", "14 chiffres"),
        ({"email": "contact@usinage"}, "email", "Adresse e-mail invalide"),
        ({"phone": "02 35 12"}, "phone", "Numéro de téléphone invalide"),
        ({"naf_code": "99.99Z"}, "naf_code", "n'existe pas"),
        ({"legal_name": "   "}, "legal_name", "obligatoire"),
        ({"legal_name": "A" * 10_000}, "legal_name", "250 caractères (10\u202f000 saisis)"),
        ({"headcount_band": "99"}, "headcount_band", "inconnue"),
        ({"do_not_refer": True}, "do_not_refer_reason", "pourquoi"),
    ],
)
def test_bad_input_is_refused_with_a_french_message(
    db: Database, change: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        OrganizationService(db).create(replace(VALID, **change))  # type: ignore[arg-type]
    assert caught.value.field == field
    assert words in caught.value.message
    with db.unit_of_work() as s:
        assert s.scalar(select(m.Organization.id)) is None


def test_la_poste_siret_follows_its_own_rule(db: Database) -> None:
    saved = OrganizationService(db).create(replace(VALID, siret="356 000 000 00048"))
    assert OrganizationService(db).get(saved.organization_id).siren == "356000000"


def test_markup_is_kept_literally(db: Database) -> None:
    saved = OrganizationService(db).create(replace(VALID, legal_name="<b>Gras</b> & Fils"))
    assert (
        OrganizationService(db).get(saved.organization_id).data.legal_name == "<b>Gras</b> & Fils"
    )


def test_postal_code_not_serving_the_commune_warns_without_blocking(db: Database) -> None:
    saved = OrganizationService(db).create(replace(VALID, postal_code="76210"))
    assert any("76210" in w and "Lillebonne" in w for w in saved.warnings)


def test_siret_already_in_the_directory_is_refused(db: Database) -> None:
    service = OrganizationService(db)
    service.create(VALID)
    with pytest.raises(ValidationError, match="déjà celui de « UVA"):
        service.create(replace(VALID, legal_name="Autre"))


def test_concurrent_edit_is_detected_with_what_changed(db: Database) -> None:
    service = OrganizationService(db)
    saved = service.create(VALID)
    opened = service.get(saved.organization_id)
    service.update(
        saved.organization_id,
        replace(opened.data, phone="02 35 99 88 77"),
        version=opened.version,
        opened=opened.opened_values(),
    )
    with pytest.raises(ConcurrentEditError) as caught:
        service.update(
            saved.organization_id,
            replace(opened.data, trade_name="Nouveau nom"),
            version=opened.version,
            opened=opened.opened_values(),
        )
    assert caught.value.changes == {"phone": ("+33235123456", "+33235998877")}
    assert service.get(saved.organization_id).data.trade_name == "UVA"


def test_delete_refused_when_referrals_point_to_it(db: Database) -> None:
    service = OrganizationService(db)
    partner = service.create(
        OrganizationData(legal_name="Bpifrance", kind=m.OrganizationKind.PARTNER)
    )
    with db.unit_of_work() as s:
        subject = s.scalars(select(m.Subject)).first()
        inquiry = m.Inquiry(reference="D-2026-0001", received_at=datetime(2026, 11, 2, 9))
        need = m.Need(subject=subject)
        inquiry.needs.append(need)
        s.add(inquiry)
        s.flush()
        s.add(
            m.Referral(
                need=need, partner_id=partner.organization_id, proposed_at=datetime(2026, 11, 2)
            )
        )
    with pytest.raises(ValidationError, match="1 mise\\(s\\) en relation"):
        service.delete(partner.organization_id)
    assert service.get(partner.organization_id).display_name == "Bpifrance"


def test_delete_removes_the_organization_and_its_contacts(db: Database) -> None:
    service = OrganizationService(db)
    saved = service.create(VALID)
    ContactService(db).create(saved.organization_id, ContactData(last_name="Martin"))
    service.delete(saved.organization_id)
    with pytest.raises(NotFoundError):
        service.get(saved.organization_id)
    with db.unit_of_work() as s:
        assert s.scalar(select(m.Contact.id)) is None


def test_unverified_lists_old_and_never_verified_and_mark_verified(db: Database) -> None:
    service = OrganizationService(db)
    fresh = service.create(OrganizationData(legal_name="Fraîche"))
    old = service.create(OrganizationData(legal_name="Ancienne"))
    never = service.create(OrganizationData(legal_name="Jamais"))
    today = date(2026, 11, 20)
    service.mark_verified([fresh.organization_id], on=date(2026, 1, 5))
    service.mark_verified([old.organization_id], on=date(2025, 11, 19))
    stale = service.unverified(today=today)
    assert [s.name for s in stale] == ["Jamais", "Ancienne"]
    assert service.mark_verified([old.organization_id, never.organization_id], on=today) == 2
    assert service.unverified(today=today) == []
    assert service.get(never.organization_id).verified_on == today


def test_months_before_handles_month_ends() -> None:
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2028, 2, 29), 12) == date(2027, 2, 28)
    assert months_before(date(2026, 1, 15), 12) == date(2025, 1, 15)


@given(st.text(max_size=300))
def test_check_never_crashes_on_any_name(name: str) -> None:
    try:
        checked = check_organization(OrganizationData(legal_name=name))
    except ValidationError as exc:
        assert exc.field == "legal_name"
    else:
        assert checked.data.legal_name == clean_text(name).strip()


def test_contacts_are_validated_and_listed(db: Database) -> None:
    org = OrganizationService(db).create(VALID).organization_id
    contacts = ContactService(db)
    with pytest.raises(ValidationError) as caught:
        contacts.create(org, ContactData(last_name="Durand", email="durand@"))
    assert caught.value.field == "email"
    with pytest.raises(ValidationError, match="consentement"):
        contacts.create(org, ContactData(last_name="Durand", legal_basis=m.LegalBasis.CONSENT))
    created = contacts.create(
        org,
        ContactData(
            last_name="Durand",
            first_name="Léa",
            civility="Mme",
            mobile="06 12 34 56 78",
            legal_basis=m.LegalBasis.CONSENT,
            consent_on=date(2026, 1, 2),
        ),
    )
    assert created.data.mobile == "+33612345678"
    detail = OrganizationService(db).get(org)
    assert [c.full_name for c in detail.contacts] == ["Mme Léa Durand"]
    changed = contacts.update(
        created.id,
        replace(created.data, role="Directrice"),
        version=created.version,
        opened=created.opened_values(),
    )
    assert changed.data.role == "Directrice"
    with pytest.raises(ConcurrentEditError):
        contacts.update(
            created.id, created.data, version=created.version, opened=created.opened_values()
        )
    contacts.delete(created.id)
    assert OrganizationService(db).get(org).contacts == ()
