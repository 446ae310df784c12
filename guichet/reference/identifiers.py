"""SIREN, SIRET and intra-EU VAT numbers.

Checks are delegated to python-stdnum, which implements the Luhn key and the La Poste exception
(SIREN 356 000 000: a SIRET is valid when the sum of its 14 digits is a multiple of 5).
``validate_*`` functions return the compact form or raise :class:`ValidationError` with a French
message the counsellor can act on; ``is_valid_*`` never raise.
"""

from __future__ import annotations

import random
import re

from stdnum import luhn
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siren as std_siren
from stdnum.fr import siret as std_siret
from stdnum.fr import tva as std_tva

from guichet.errors import ValidationError

LA_POSTE_SIREN = "356000000"

_SEPARATORS = re.compile(r"[\s.\-/_\u00a0\u202f\u2009\u2010\u2011\u2013]+")


def compact_digits(text: str) -> str:
    """Remove spaces (including non-breaking ones), dots, dashes and slashes."""
    return _SEPARATORS.sub("", text or "")


def is_valid_siren(text: str) -> bool:
    """True for a 9-digit SIREN with a valid Luhn key (separators allowed)."""
    return std_siren.is_valid(compact_digits(text))


def is_valid_siret(text: str) -> bool:
    """True for a 14-digit SIRET with a valid key, La Poste rule included (separators allowed)."""
    return std_siret.is_valid(compact_digits(text))


def _check_shape(label: str, number: str, length: int, field: str) -> None:
    if not number:
        raise ValidationError(f"Le {label} est vide.", field=field)
    if not number.isdigit() or not number.isascii():
        raise ValidationError(
            f"Le {label} ne doit contenir que des chiffres (« {number} » saisi).", field=field
        )
    if len(number) != length:
        typed = f"{len(number)} saisi" + ("s" if len(number) > 1 else "")
        raise ValidationError(
            f"Le {label} doit comporter {length} chiffres ({typed}).", field=field
        )


def validate_siren(text: str, *, field: str = "siren") -> str:
    """Return the compact SIREN or raise :class:`ValidationError` (French message)."""
    number = compact_digits(text)
    _check_shape("SIREN", number, 9, field)
    if not std_siren.is_valid(number):
        raise ValidationError(
            f"Le SIREN {format_siren(number)} n'est pas valide (clé de contrôle).", field=field
        )
    return number


def validate_siret(text: str, *, field: str = "siret") -> str:
    """Return the compact SIRET or raise :class:`ValidationError` (French message)."""
    number = compact_digits(text)
    _check_shape("SIRET", number, 14, field)
    if std_siret.is_valid(number):
        return number
    if not std_siren.is_valid(number[:9]):
        raise ValidationError(
            f"Le SIRET {format_siret(number)} n'est pas valide : "
            f"son SIREN {format_siren(number[:9])} a une clé de contrôle fausse.",
            field=field,
        )
    raise ValidationError(
        f"Le SIRET {format_siret(number)} n'est pas valide (clé de contrôle).", field=field
    )


def format_siren(text: str) -> str:
    """Group a SIREN for display (``"732 829 320"``); other input is returned stripped."""
    number = compact_digits(text)
    if len(number) != 9 or not number.isdigit():
        return (text or "").strip()
    return f"{number[:3]} {number[3:6]} {number[6:]}"


def format_siret(text: str) -> str:
    """Group a SIRET for display (``"732 829 320 00074"``); other input is returned stripped."""
    number = compact_digits(text)
    if len(number) != 14 or not number.isdigit():
        return (text or "").strip()
    return f"{format_siren(number[:9])} {number[9:]}"


def typed_identifier(text: str) -> str | None:
    """The SIREN (9 digits) or SIRET (14 digits) that ``text`` is, compact; None otherwise.

    Spaces, dots, dashes and slashes between the digits are allowed (``732 829 320 00074``),
    the key is not checked (a SIRET with a wrong key is still a SIRET, to be corrected): what
    matters is that the counsellor typed a number, not a name. Anything with a letter, or with
    another count of digits (a postal code, a phone number), gives None.

    >>> typed_identifier(" 732 829 320 00074 "), typed_identifier("Tôlerie 76"), typed_identifier("76400")
    ('73282932000074', None, None)
    """
    number = compact_digits((text or "").strip())
    if number.isascii() and number.isdigit() and len(number) in (9, 14):
        return number
    return None


def siren_of_siret(text: str) -> str:
    """The SIREN (first 9 digits) of a SIRET, validated."""
    return validate_siret(text)[:9]


def vat_key(siren: str) -> str:
    """The two-digit key of the French VAT number: (12 + 3 × (SIREN mod 97)) mod 97."""
    return f"{(12 + 3 * (int(validate_siren(siren)) % 97)) % 97:02d}"


def vat_number(siren: str) -> str:
    """The intra-EU VAT number of a SIREN (``"732829320"`` → ``"FR44732829320"``)."""
    number = validate_siren(siren)
    return f"FR{vat_key(number)}{number}"


def validate_vat(text: str, *, field: str = "vat") -> str:
    """Return a compact, upper-case intra-EU VAT number or raise :class:`ValidationError`.

    French numbers are checked against their key (including the alphanumeric keys of
    companies without a SIREN); other EU numbers with python-stdnum's country rules.
    """
    number = compact_digits(text).upper()
    if not number:
        raise ValidationError("Le numéro de TVA est vide.", field=field)
    if not re.fullmatch(r"[A-Z]{2}[0-9A-Z+*]{2,13}", number):
        raise ValidationError(
            f"Le numéro de TVA « {text.strip()} » doit commencer par le code du pays "
            "(FR pour la France) suivi de chiffres.",
            field=field,
        )
    if number.startswith("FR"):
        if len(number) != 13:
            raise ValidationError(
                f"Le numéro de TVA français doit comporter FR + 11 caractères "
                f"({len(number) - 2} saisis).",
                field=field,
            )
        valid = std_tva.is_valid(number)
    else:
        try:
            eu_vat.validate(number)
            valid = True
        except StdnumError:
            valid = False
    if not valid:
        raise ValidationError(f"Le numéro de TVA {number} n'est pas valide.", field=field)
    return number


def generate_siren(rng: random.Random) -> str:
    """A random valid SIREN (never La Poste's) drawn from ``rng``."""
    while True:
        body = f"{rng.randrange(10**8):08d}"
        number = body + luhn.calc_check_digit(body)
        if number != LA_POSTE_SIREN:
            return number


def generate_siret(rng: random.Random, siren: str | None = None) -> str:
    """A random valid SIRET drawn from ``rng``, of ``siren`` if given (La Poste rule honoured)."""
    head = validate_siren(siren) if siren is not None else generate_siren(rng)
    if head == LA_POSTE_SIREN:
        nic = f"{rng.randrange(10**4):04d}"
        digit_sum = sum(map(int, head + nic))
        last = (-digit_sum) % 5 + 5 * rng.randrange(2)
        return head + nic + str(last)
    nic = f"{rng.randrange(10**4):04d}"
    return head + nic + luhn.calc_check_digit(head + nic)
