"""The import's fast paths give exactly the libraries' answers (phonenumbers, email-validator)."""

from __future__ import annotations

import phonenumbers
import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import example, given, settings
from hypothesis import strategies as st
from phonenumbers import NumberParseException, PhoneNumberFormat
from stdnum import luhn

from guichet.errors import ValidationError
from guichet.importers.fast_checks import BulkValidators
from guichet.importers.rows import _LEGAL_WORDS, _NAME_PUNCTUATION, _luhn, clean_siret, name_key
from guichet.reference.phones import (
    OVERSEAS_NATIONAL_REGIONS,
    parse_phone,
    plain_national_e164,
    validate_phone,
)
from guichet.reference.text import fold


def library_e164(text: str) -> str | None:
    """The reference rule spelled out with phonenumbers alone: international forms as such,
    10-digit national forms tried against every overseas département, then France — except the
    non-geographic ranges (08, 09), tried against France first."""
    raw = text.strip()
    digits = "".join(c for c in raw if c.isdigit())
    regions: tuple[str, ...] = ("FR",)
    if not raw.startswith(("+", "00")) and digits.startswith("0") and len(digits) == 10:
        regions = (*OVERSEAS_NATIONAL_REGIONS, "FR")
        if digits[1] in "89":
            regions = ("FR", *OVERSEAS_NATIONAL_REGIONS)
    for region in regions:
        try:
            number = phonenumbers.parse(raw, region)
        except NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return None


#: National prefixes where the plans meet: metropolitan geographic and mobile ranges, the
#: overseas départements' ranges (0262, 0269, 0590, 0594, 0596, 0639, 069x, 0709x…), special
#: numbers (08) and VoIP (09) that both sides publish.
PREFIXES = [f"0{d}" for d in range(1, 10)] + [
    "0262",
    "0263",
    "0269",
    "0590",
    "0591",
    "0594",
    "0596",
    "0597",
    "0639",
    "0690",
    "0691",
    "0692",
    "0693",
    "0694",
    "0696",
    "0697",
    "0700",
    "07090",
    "07091",
    "07093",
    "0800",
    "0806",
    "0810",
    "0836",
    "0891",
    "0899",
    "0970",
    "0976",
    "0977",
]
SEPARATORS = st.sampled_from(["", "", " ", ".", "-", "  ", "/", "\u00a0", "\t"])


@st.composite
def typed_numbers(draw: st.DrawFn) -> str:
    """A French-looking number as people type it: a known prefix, random digits, separators."""
    prefix = draw(st.sampled_from(PREFIXES))
    length = draw(st.sampled_from([10, 10, 10, 9, 11]))
    rest = draw(st.text("0123456789", min_size=length - len(prefix), max_size=length - len(prefix)))
    digits = prefix + rest
    parts = [digits[0]] + [draw(SEPARATORS) + c for c in digits[1:]]
    return draw(st.sampled_from(["", " "])) + "".join(parts) + draw(st.sampled_from(["", " "]))


@settings(max_examples=3000, deadline=None)
@given(typed_numbers())
@example("02 35 12 34 56")
@example("0596 12 34 56")
@example("0596 61 23 45")
@example("0696 12 34 56")
@example("0262 12 34 56")
@example("0269 61 23 45")
@example("0590 27 12 34")
@example("0594 29 12 34")
@example("0639 01 23 45")
@example("0800 12 34 56")
def test_plain_national_fast_path_agrees_with_phonenumbers(text: str) -> None:
    expected = library_e164(text)
    fast = plain_national_e164(text.strip())
    if fast is not None:
        assert fast == expected
    assert BulkValidators.phone(text) == expected if expected else True
    number = parse_phone(text)
    found = phonenumbers.format_number(number, PhoneNumberFormat.E164) if number else None
    assert found == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789 .-+()/x\u0662\uff12\u00a0", max_size=24))
@example("0\u0662 35 12 34 56")  # an Arabic-Indic digit
@example("02 35 12 34 5\uff16")  # a full-width digit
def test_phone_checks_agree_on_any_text(text: str) -> None:
    expected = library_e164(text)
    fast = plain_national_e164(text.strip())
    assert fast is None or fast == expected
    if expected is None:
        with pytest.raises(ValidationError):
            BulkValidators.phone(text)
    else:
        assert BulkValidators.phone(text) == expected == validate_phone(text)


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("02 35 12 34 56", "+33235123456"),
        ("02.35.12.34.56", "+33235123456"),
        ("0612345678", "+33612345678"),
        ("0262 12 34 56", "+262262123456"),  # Réunion: the overseas range wins
        ("0696 12 34 56", "+596696123456"),  # Martinique mobile
        ("0590 27 12 34", "+590590271234"),  # Guadeloupe
    ],
)
def test_plain_national_fast_path(typed: str, e164: str) -> None:
    assert plain_national_e164(typed) == e164


@pytest.mark.parametrize(
    "typed", ["02 35 12 34", "+33 2 35 12 34 56", "(0)2 35 12 34 56", "02..35"]
)
def test_plain_national_leaves_other_shapes_to_the_library(typed: str) -> None:
    assert plain_national_e164(typed) is None


def library_email(text: str) -> str | None:
    try:
        return str(validate_email(text.strip(), check_deliverability=False).normalized)
    except EmailNotValidError:
        return None


LOCAL_CHARS = "abcXYZ0189.!#$%&'*+/=?^_`{|}~-\"é "
DOMAIN_CHARS = "abcXY019.-_é"


@st.composite
def addresses(draw: st.DrawFn) -> str:
    local = draw(st.text(LOCAL_CHARS, min_size=0, max_size=70))
    domain = draw(st.text(DOMAIN_CHARS, min_size=0, max_size=30))
    tld = draw(
        st.sampled_from(["fr", "com", "FR", "org", "local", "test", "arpa", "invalid", "onion"])
        | st.text("abz019-", min_size=0, max_size=8)
    )
    return f"{local}@{domain}.{tld}" if draw(st.booleans()) else f"{local}@{domain}{tld}"


@settings(max_examples=3000, deadline=None)
@given(addresses())
@example("contact1@societe-1.fr")
@example("Jean.Dupont@Example.COM")
@example("a@b.local")
@example("a@xn--e1afmkfd.fr")
@example("a@b--c.fr")
@example("a..b@c.fr")
@example("a@1.fr")
@example("a@b.123")
def test_email_fast_path_agrees_with_email_validator(text: str) -> None:
    expected = library_email(text)
    checks = BulkValidators()
    if expected is None:
        with pytest.raises(ValidationError):
            checks.email(text)
    else:
        assert checks.email(text) == expected
        assert checks.email(text) == expected  # again, from the domain cache


@settings(max_examples=2000, deadline=None)
@given(
    st.text(max_size=40) | st.text("ÉéèœŒß ﬁ\u00a0\u202f\u2019'-.,()Σσς̈́ abcSARLsas", max_size=40)
)
@example("Société 000123 Mécanique Générale")
@example("ΟΔΟΣ ΣΑΣ")
@example("e\u0301 \u0301e")
def test_name_key_folds_part_by_part_like_the_whole(name: str) -> None:
    words = _NAME_PUNCTUATION.sub(" ", fold(name)).split()
    kept = [w for w in words if w not in _LEGAL_WORDS]
    assert name_key(name) == " ".join(kept or words)


@given(st.text("0123456789", min_size=1, max_size=20))
def test_luhn_by_byte_sums_is_luhn(number: str) -> None:
    assert _luhn(number) == luhn.is_valid(number)


def _siret_with_a_bad_siren(siren_body: str, nic: str) -> str:
    """A SIRET whose 14-digit Luhn key is right while its SIREN's key is wrong."""
    siren = next(siren_body + d for d in "0123456789" if not luhn.is_valid(siren_body + d))
    head = siren + nic
    return head + luhn.calc_check_digit(head)


@given(
    siren_body=st.text(alphabet="0123456789", min_size=8, max_size=8).filter(
        lambda body: body != "35600000"  # La Poste's SIRETs follow their own rule
    ),
    nic=st.text(alphabet="0123456789", min_size=4, max_size=4),
)
@example(siren_body="73282932", nic="0007")
def test_fast_siret_path_refuses_a_siret_whose_siren_key_is_wrong(
    siren_body: str, nic: str
) -> None:
    siret = _siret_with_a_bad_siren(siren_body, nic)
    assert luhn.is_valid(siret) and not luhn.is_valid(siret[:9])
    with pytest.raises(ValidationError, match=r"son SIREN .* a une clé de contrôle fausse"):
        clean_siret(siret)
    with pytest.raises(ValidationError):
        clean_siret(f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}")
    valid_siren = next(siren_body + d for d in "0123456789" if luhn.is_valid(siren_body + d))
    good = valid_siren + nic + luhn.calc_check_digit(valid_siren + nic)
    assert clean_siret(good) == good  # the same path accepts the right one
