"""A company created from the intake form: SIRET checked, or none for a project holder."""

from __future__ import annotations

import pytest

import guichet.models as m
from guichet.db import Database
from guichet.errors import ValidationError
from guichet.services.quick_company import QuickCompanyDraft, create_quick_company


def test_company_with_siret_postal_code_and_naf(db: Database) -> None:
    created = create_quick_company(
        db,
        QuickCompanyDraft(
            legal_name="  Mécanique   de Précision ",
            siret="732 829 320 00074",
            postal_code="76170",
            commune_insee="76384",
            naf_code="2562b",
        ),
    )
    with db.unit_of_work() as s:
        org = s.get(m.Organization, created.id)
        assert org is not None
        assert org.legal_name == "Mécanique de Précision"
        assert (org.siret, org.siren) == ("73282932000074", "732829320")
        assert (org.commune_insee, org.city, org.postal_code) == ("76384", "Lillebonne", "76170")
        assert (org.naf_code, org.naf_version) == ("25.62B", "NAFRev2")


def test_company_without_siret(db: Database) -> None:
    created = create_quick_company(
        db,
        QuickCompanyDraft(
            legal_name="Projet de création — M. Durand", without_siret=True, postal_code="76170"
        ),
    )
    with db.unit_of_work() as s:
        org = s.get(m.Organization, created.id)
        assert org is not None and org.siret is None and org.siren is None
        assert org.kind == m.OrganizationKind.COMPANY
    assert created.siret == ""


@pytest.mark.parametrize(
    ("draft", "field", "text"),
    [
        (QuickCompanyDraft(legal_name="X", siret="732 829 320 00075"), "siret", "clé de contrôle"),
        (QuickCompanyDraft(legal_name="X", siret=""), "siret", "sans SIRET"),
        (QuickCompanyDraft(legal_name=" ", without_siret=True), "legal_name", "obligatoire"),
        (QuickCompanyDraft(legal_name="X" * 300, without_siret=True), "legal_name", "trop longue"),
        (
            QuickCompanyDraft(legal_name="X", without_siret=True, postal_code="7617"),
            "postal_code",
            "5 chiffres",
        ),
        (
            QuickCompanyDraft(legal_name="X", without_siret=True, naf_code="99.99Z"),
            "naf_code",
            "n'existe pas",
        ),
    ],
)
def test_bad_input_gives_a_french_message(
    db: Database, draft: QuickCompanyDraft, field: str, text: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        create_quick_company(db, draft)
    assert raised.value.field == field and text in raised.value.message


def test_a_known_siret_points_to_the_existing_company(db: Database) -> None:
    create_quick_company(db, QuickCompanyDraft(legal_name="Première", siret="73282932000074"))
    with pytest.raises(ValidationError, match="déjà celui de « Première »"):
        create_quick_company(db, QuickCompanyDraft(legal_name="Seconde", siret="732 829 320 00074"))


def test_markup_in_a_name_is_kept_as_text(db: Database) -> None:
    created = create_quick_company(
        db, QuickCompanyDraft(legal_name="<b>Gras</b> SAS", without_siret=True)
    )
    assert created.name == "<b>Gras</b> SAS"
