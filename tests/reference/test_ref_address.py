"""Postal addresses per AFNOR NF Z10-011."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from guichet.reference.address import MAX_LINE_LENGTH, PostalAddress, address_lines


def test_full_domestic_address() -> None:
    result = address_lines(
        PostalAddress(
            name="Sotraban",
            person="M. Jean Dupont, directeur",
            building="ZI Port-Jérôme, bâtiment B",
            street="3 ter, av. du Général-de-Gaulle",
            locality="BP 12",
            postal_code="76 330",
            town="Port-Jérôme-sur-Seine Cedex",
        )
    )
    assert result.lines == [
        "Sotraban",
        "M. Jean Dupont, directeur",
        "ZI Port-Jérôme, bâtiment B",
        "3 T AV DU GENERAL-DE-GAULLE",
        "BP 12",
        "76330 PORT JEROME SUR SEINE CEDEX",
    ]
    assert result.warnings == []


def test_empty_lines_dropped_and_bis() -> None:
    result = address_lines(
        PostalAddress(
            "Mairie", street="12 bis rue de l’Église", postal_code="76170", town="Lillebonne"
        )
    )
    assert result.lines == ["Mairie", "12 B RUE DE L'EGLISE", "76170 LILLEBONNE"]
    assert result.text == "Mairie\n12 B RUE DE L'EGLISE\n76170 LILLEBONNE"
    for typed, expected in [
        ("4ter; chemin", "4 T CHEMIN"),
        ("12B, rue", "12 B RUE"),
        ("7 quater rue", "7 Q RUE"),
        ("RN13B", "RN13B"),
    ]:
        address = PostalAddress("X", street=typed, postal_code="76170", town="A")
        assert address_lines(address).lines[1] == expected


def test_long_line_warning() -> None:
    street = "45 avenue du Maréchal-de-Lattre-de-Tassigny prolongée"
    result = address_lines(
        PostalAddress("Sotraban", street=street, postal_code="76170", town="Lillebonne")
    )
    assert len(result.lines[1]) > MAX_LINE_LENGTH
    assert result.warnings == [f"Ligne 2 : {len(result.lines[1])} caractères (38 au plus)."]


def test_postal_code_warnings() -> None:
    missing = address_lines(PostalAddress("Sotraban", street="1 rue Thiers", town="Bolbec"))
    assert "Code postal manquant." in missing.warnings
    short = address_lines(
        PostalAddress("Sotraban", street="1 rue Thiers", postal_code="7621", town="Bolbec")
    )
    assert "Code postal « 7621 » : 5 chiffres attendus." in short.warnings
    no_town = address_lines(PostalAddress("Sotraban", street="1 rue Thiers", postal_code="76210"))
    assert "Commune manquante." in no_town.warnings
    no_street = address_lines(PostalAddress("Sotraban", postal_code="76210", town="Bolbec"))
    assert any("Ni voie ni lieu-dit" in w for w in no_street.warnings)


def test_too_many_lines_warning() -> None:
    result = address_lines(
        PostalAddress(
            "Sotraban",
            "Service achats\nM. Dupont",
            "Bât. A",
            "1 rue Thiers",
            "BP 7",
            "76210",
            "Bolbec",
        )
    )
    assert len(result.lines) == 7
    assert "L'adresse compte 7 lignes (6 au plus)." in result.warnings


def test_foreign_address_has_country_line_and_seven_lines() -> None:
    result = address_lines(
        PostalAddress(
            "ACME Ltd",
            "Purchasing",
            "Unit 4",
            "221B Baker Street",
            "Marylebone",
            "NW1 6XE",
            "London",
            "Royaume-Uni",
        )
    )
    assert result.lines[-1] == "ROYAUME-UNI"
    assert result.lines[3] == "221B BAKER STREET"  # no French bis/ter rewriting abroad
    assert len(result.lines) == 7
    assert result.warnings == []
    france = address_lines(
        PostalAddress("X", street="1 rue", postal_code="76170", town="Lillebonne", country="France")
    )
    assert france.lines[-1] == "76170 LILLEBONNE"


field_text = st.text(max_size=80)


@given(
    st.builds(
        PostalAddress,
        field_text,
        field_text,
        field_text,
        field_text,
        field_text,
        field_text,
        field_text,
    )
)
def test_length_warnings_exactly_for_long_lines(address: PostalAddress) -> None:
    result = address_lines(address)
    for number, line in enumerate(result.lines, start=1):
        assert line and line == line.strip()
        warning = f"Ligne {number} : {len(line)} caractères (38 au plus)."
        assert (warning in result.warnings) == (len(line) > MAX_LINE_LENGTH)
    assert (len(result.lines) > 6) == any("lignes (6 au plus)" in w for w in result.warnings)


@given(
    st.builds(
        PostalAddress,
        st.just("Sotraban"),
        street=field_text,
        locality=field_text,
        postal_code=st.from_regex(r"\d{5}", fullmatch=True),
        town=field_text,
    )
)
def test_postal_lines_have_no_punctuation_nor_lower_case(address: PostalAddress) -> None:
    for line in address_lines(address).lines[1:]:
        assert line == line.upper()
        assert not re.search(r"[,.;:!?«»]", line)


def test_length_limit_boundary() -> None:
    for length in (37, 38, 39, 40):
        name = "N" * length
        result = address_lines(
            PostalAddress(name, street="1 rue Thiers", postal_code="76210", town="Bolbec")
        )
        assert bool(result.warnings) == (length > 38), length
