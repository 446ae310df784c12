"""SIREN / SIRET / VAT: real examples, La Poste exception, generated numbers."""

from __future__ import annotations

import random

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum import luhn

from guichet.errors import ValidationError
from guichet.reference.identifiers import (
    compact_digits,
    format_siren,
    format_siret,
    generate_siren,
    generate_siret,
    is_valid_siren,
    is_valid_siret,
    siren_of_siret,
    typed_identifier,
    validate_siren,
    validate_siret,
    validate_vat,
    vat_key,
    vat_number,
)

seeds = st.integers(min_value=0, max_value=2**32)


def test_real_siret_is_valid_in_every_typed_form() -> None:
    for typed in (
        "73282932000074",
        "732 829 320 00074",
        "732.829.320.00074",
        " 732-829-320-00074 ",
    ):
        assert is_valid_siret(typed)
        assert validate_siret(typed) == "73282932000074"


def test_real_siren() -> None:
    assert validate_siren("732 829 320") == "732829320"
    assert format_siren("732829320") == "732 829 320"
    assert siren_of_siret("732 829 320 00074") == "732829320"


def test_format_siret() -> None:
    assert format_siret("73282932000074") == "732 829 320 00074"
    assert format_siret("  pas un siret ") == "pas un siret"


def test_compact_digits_strips_separators() -> None:
    assert compact_digits("732\u00a0829.320-00074") == "73282932000074"


def test_la_poste_sum_rule() -> None:
    assert not is_valid_siret("35600000049836")  # digit sum 44: not a multiple of 5
    assert is_valid_siret("35600000049837")  # digit sum 45, although its Luhn key is wrong
    assert not luhn.is_valid("35600000049837")
    assert is_valid_siret("35600000000048")  # head office, plain Luhn
    with pytest.raises(ValidationError, match="clé de contrôle"):
        validate_siret("356 000 000 00049")


def test_wrong_length_message() -> None:
    with pytest.raises(ValidationError) as info:
        validate_siret("732 829 320 000")
    assert info.value.message == "Le SIRET doit comporter 14 chiffres (12 saisis)."
    assert info.value.field == "siret"


def test_wrong_key_message() -> None:
    with pytest.raises(ValidationError) as info:
        validate_siret("73282932000075")
    assert info.value.message == "Le SIRET 732 829 320 00075 n'est pas valide (clé de contrôle)."


def test_wrong_siren_inside_siret_message() -> None:
    with pytest.raises(ValidationError, match="son SIREN 732 829 321 a une clé de contrôle fausse"):
        validate_siret("732 829 321 00074")


@pytest.mark.parametrize("typed", ["", "   ", "7328293200007A", "732829320"])
def test_invalid_siret_inputs(typed: str) -> None:
    with pytest.raises(ValidationError):
        validate_siret(typed)


@pytest.mark.parametrize("typed", ["", "73282932", "732829321", "ABCDEFGHI"])
def test_invalid_siren_inputs(typed: str) -> None:
    assert not is_valid_siren(typed)
    with pytest.raises(ValidationError):
        validate_siren(typed)


def test_vat_number() -> None:
    assert vat_key("732829320") == "44"
    assert vat_number("732 829 320") == "FR44732829320"
    assert validate_vat("fr 44 732 829 320") == "FR44732829320"
    assert validate_vat("DE136695976") == "DE136695976"
    for bad in ("FR45732829320", "FR4473282932", "44732829320", ""):
        with pytest.raises(ValidationError):
            validate_vat(bad)


@given(seeds)
def test_generated_sirets_validate(seed: int) -> None:
    siret = generate_siret(random.Random(seed))
    assert len(siret) == 14 and siret.isdigit()
    assert validate_siret(siret) == siret
    assert is_valid_siren(siret[:9])


@given(seeds)
def test_generated_la_poste_sirets_validate(seed: int) -> None:
    siret = generate_siret(random.Random(seed), siren="356 000 000")
    assert siret.startswith("356000000")
    assert sum(map(int, siret)) % 5 == 0 or siret == "35600000000048"
    assert is_valid_siret(siret)


@given(seeds)
def test_generation_is_reproducible(seed: int) -> None:
    assert generate_siret(random.Random(seed)) == generate_siret(random.Random(seed))


@given(seeds)
def test_format_compact_round_trip(seed: int) -> None:
    rng = random.Random(seed)
    siret = generate_siret(rng)
    assert compact_digits(format_siret(siret)) == siret
    assert validate_siret(format_siret(siret)) == siret
    siren = generate_siren(rng)
    assert compact_digits(format_siren(siren)) == siren


@given(seeds, st.integers(min_value=0, max_value=13), st.integers(min_value=1, max_value=9))
def test_one_changed_digit_invalidates(seed: int, position: int, delta: int) -> None:
    siret = generate_siret(random.Random(seed))
    digit = (int(siret[position]) + delta) % 10
    changed = siret[:position] + str(digit) + siret[position + 1 :]
    assume(not changed.startswith("356000000"))  # La Poste: sum rule, not Luhn
    assert not is_valid_siret(changed)


@given(seeds)
def test_vat_number_is_valid_and_has_the_siren(seed: int) -> None:
    siren = generate_siren(random.Random(seed))
    vat = vat_number(siren)
    assert vat.startswith("FR") and vat.endswith(siren) and len(vat) == 13
    assert validate_vat(vat) == vat
    assert int(vat[2:4]) == (12 + 3 * (int(siren) % 97)) % 97


@given(
    st.text(alphabet="0123456789", min_size=9, max_size=14),
    st.sampled_from([" ", "", ".", "\u00a0"]),
)
def test_typed_identifier_accepts_siren_and_siret_however_grouped(digits: str, sep: str) -> None:
    grouped = sep.join(digits[i : i + 3] for i in range(0, len(digits), 3))
    expected = digits if len(digits) in (9, 14) else None
    assert typed_identifier(f" {grouped} ") == expected


@given(st.text(max_size=30))
def test_typed_identifier_is_a_number_or_nothing(text: str) -> None:
    found = typed_identifier(text)
    if found is not None:
        assert found.isdigit() and len(found) in (9, 14)
        assert found == compact_digits(text.strip())


@pytest.mark.parametrize(
    "text",
    [
        "Tôlerie 76",
        "76400",
        "02 35 12 34 56",
        "732 829 320 0007",
        "SIRET 73282932000074",
        "٧٣٢٨٢٩٣٢٠",
    ],
)
def test_typed_identifier_refuses_names_and_other_numbers(text: str) -> None:
    assert typed_identifier(text) is None
