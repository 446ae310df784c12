"""Guessing which column holds what, from French and English headers."""

from __future__ import annotations

from guichet.importers.mapping import (
    guess_mapping,
    header_signature,
    mapping_from_json,
    mapping_to_json,
    missing_required,
)


def test_french_headers_as_people_write_them() -> None:
    headers = [
        "RAISON SOCIALE",
        "N° SIRET",
        "Adresse",
        "Code Postal",
        "Ville",
        "Tél.",
        "E-mail",
        "Site",
        "NAF/APE",
        "Contact",
        "Fonction",
        "Remarque perso",
    ]
    assert guess_mapping(headers) == (
        "legal_name",
        "siret",
        "address_street",
        "postal_code",
        "city",
        "phone",
        "email",
        "website",
        "naf_code",
        "contact_name",
        "contact_role",
        None,
    )


def test_english_headers() -> None:
    assert guess_mapping(["Company name", "Zip code", "City", "Phone", "Email", "Website"]) == (
        "legal_name",
        "postal_code",
        "city",
        "phone",
        "email",
        "website",
    )


def test_nom_is_the_company_unless_there_is_a_first_name() -> None:
    assert guess_mapping(["Nom", "Ville"]) == ("legal_name", "city")
    assert guess_mapping(["Raison sociale", "Prénom", "Nom", "Email du contact", "Portable"]) == (
        "legal_name",
        "contact_first_name",
        "contact_last_name",
        "contact_email",
        "contact_phone",
    )


def test_each_field_is_used_once() -> None:
    mapping = guess_mapping(["Ville", "Ville (bis)", "Raison sociale"])
    assert mapping.count("city") == 1


def test_signature_ignores_case_accents_and_punctuation() -> None:
    assert header_signature(["Raison sociale", "Téléphone"]) == header_signature(
        ["RAISON SOCIALE", "telephone "]
    )
    assert header_signature(["Raison sociale"]) != header_signature(["Raison sociale", "Ville"])


def test_remembered_mapping_round_trip_and_misfits() -> None:
    mapping = ("legal_name", None, "city")
    assert mapping_from_json(mapping_to_json(mapping), 3) == mapping
    assert mapping_from_json(mapping_to_json(mapping), 4) is None
    assert mapping_from_json('["pas_un_champ"]', 1) is None
    assert mapping_from_json("{pas du json", 1) is None
    assert [f.key for f in missing_required((None, "city"))] == ["legal_name"]
