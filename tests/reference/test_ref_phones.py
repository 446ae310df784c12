"""Phone numbers: French national and overseas forms, E.164 storage, display."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guichet.errors import ValidationError
from guichet.reference.phones import (
    format_phone,
    is_french_number,
    plain_national_e164,
    validate_phone,
)


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("01 23 45 67 89", "+33123456789"),
        ("02.35.38.12.34", "+33235381234"),
        ("06-12-34-56-78", "+33612345678"),
        ("+33 (0)2 35 38 12 34", "+33235381234"),
        ("0033 2 35 38 12 34", "+33235381234"),
        ("+44 20 7946 0000", "+442079460000"),
        # Overseas départements typed in the national form.
        ("0262 12 34 56", "+262262123456"),  # Réunion
        ("0269 61 23 45", "+262269612345"),  # Mayotte
        ("0590 27 12 34", "+590590271234"),  # Saint-Barthélemy (Guadeloupe plan)
        ("0694 20 12 34", "+594694201234"),  # Guyane
        ("0696 12 34 56", "+596696123456"),  # Martinique
        # Overseas collectivités with their own plan, typed with their prefix.
        ("+687 28 12 34", "+687281234"),  # Nouvelle-Calédonie
        ("+508 41 12 34", "+508411234"),  # Saint-Pierre-et-Miquelon
        ("+269 773 12 34", "+2697731234"),  # Comores
    ],
)
def test_validate_phone(typed: str, e164: str) -> None:
    assert validate_phone(typed) == e164


@pytest.mark.parametrize(
    "typed", ["", "   ", "01 23 45", "01 23 45 67 89 10", "bonjour", "28 12 34"]
)
def test_invalid_phone(typed: str) -> None:
    with pytest.raises(ValidationError, match=r"^Numéro de téléphone invalide : "):
        validate_phone(typed)


def test_format_phone() -> None:
    assert format_phone("+33123456789") == "01 23 45 67 89"
    assert format_phone("+262262123456") == "0262 12 34 56"
    assert format_phone("+442079460000") == "+44 20 7946 0000"
    assert format_phone("n'importe quoi") == "n'importe quoi"


def test_is_french_number() -> None:
    assert is_french_number("+33612345678")
    assert is_french_number("+596696123456")
    assert not is_french_number("+442079460000")
    assert not is_french_number("+687281234")


# Metropolitan geographic (01–05) and mobile (06, 073–079) numbers. Left out: ranges not
# allocated (040x) and the overseas ranges, which are only partly allocated (0262, 0590…).
_NOT_METROPOLITAN = ("040", "0262", "0590", "0594", "0639", "069")
french_numbers = st.one_of(
    st.builds("0{}{:08d}".format, st.sampled_from("12345"), st.integers(0, 10**8 - 1)),
    st.builds("06{:08d}".format, st.integers(0, 10**8 - 1)),
    st.builds("07{}{:07d}".format, st.sampled_from("3456789"), st.integers(0, 10**7 - 1)),
).filter(lambda number: not number.startswith(_NOT_METROPOLITAN))


@given(french_numbers)
def test_phone_round_trip(national: str) -> None:
    e164 = validate_phone(national)
    assert e164.startswith("+")
    shown = format_phone(e164)
    assert shown.replace(" ", "") == national
    assert validate_phone(shown) == e164


@given(french_numbers, st.sampled_from([" ", ".", "-", ""]))
def test_separators_do_not_matter(national: str, separator: str) -> None:
    typed = separator.join(national[i : i + 2] for i in range(0, 10, 2))
    assert validate_phone(typed) == validate_phone(national)


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("0800 12 34 56", "+33800123456"),
        ("08 10 12 34 56", "+33810123456"),
        ("09 72 12 34 56", "+33972123456"),
        ("0262 12 34 56", "+262262123456"),
        ("0596 61 23 45", "+596596612345"),
        ("02 35 12 34 56", "+33235123456"),
    ],
)
def test_non_geographic_numbers_stay_metropolitan(typed: str, e164: str) -> None:
    assert validate_phone(typed) == e164
    assert plain_national_e164(typed) in (None, e164)
