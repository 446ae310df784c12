"""Telephone numbers: French input forms in, E.164 out.

Numbers are stored in E.164 (``+33123456789``) and shown in the French national form
(``01 23 45 67 89``). Overseas départements (Réunion, Mayotte, Guadeloupe, Saint-Barthélemy,
Saint-Martin, Guyane, Martinique) share the national numbering plan: ``0262 12 34 56`` is
typed as a national number but its E.164 form is ``+262262123456``. The collectivités with a
numbering plan of their own (Saint-Pierre-et-Miquelon +508, Nouvelle-Calédonie +687, Polynésie
+689, Wallis-et-Futuna +681) must be typed with their ``+`` prefix: their 6-digit local forms
would otherwise swallow truncated French numbers.
"""

from __future__ import annotations

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat

from guichet.errors import ValidationError

#: Overseas regions dialled with the French national plan (trunk prefix 0, 10 digits).
OVERSEAS_NATIONAL_REGIONS = ("RE", "YT", "GP", "BL", "MF", "GF", "MQ")
#: French overseas territories with their own country calling code.
OVERSEAS_OWN_PLAN_REGIONS = ("PM", "NC", "PF", "WF")
#: Regions whose numbers are shown in the French national form.
FRENCH_PLAN_REGIONS = frozenset(("FR", *OVERSEAS_NATIONAL_REGIONS))


def _parse(text: str, region: str) -> PhoneNumber | None:
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def parse_phone(text: str) -> PhoneNumber | None:
    """Parse a phone number typed at a French desk; None when it is not a valid number.

    International forms (``+…``, ``00…``) are read as such. National forms are tried
    against the overseas départements first (their ranges are precise, and 0596/0590…
    numbers are overseas even though the metropolitan metadata accepts some of them),
    then against metropolitan France.
    """
    raw = (text or "").strip()
    if not raw:
        return None
    if raw.startswith(("+", "00")):
        return _parse(raw, "FR")
    digits = "".join(c for c in raw if c.isdigit())
    if digits.startswith("0") and len(digits) == 10:
        for region in OVERSEAS_NATIONAL_REGIONS:
            number = _parse(raw, region)
            if number is not None:
                return number
    return _parse(raw, "FR")


def validate_phone(text: str, *, field: str = "phone") -> str:
    """Return the E.164 form of a phone number or raise :class:`ValidationError`."""
    number = parse_phone(text)
    if number is None:
        shown = (text or "").strip() or "(vide)"
        raise ValidationError(
            f"Numéro de téléphone invalide : « {shown} ». Saisissez par exemple 02 35 12 34 56 "
            "ou +44 20 7946 0000.",
            field=field,
        )
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def is_french_number(e164: str) -> bool:
    """True for numbers of metropolitan France and of the overseas départements."""
    number = parse_phone(e164)
    return number is not None and phonenumbers.region_code_for_number(number) in FRENCH_PLAN_REGIONS


def format_phone(e164: str) -> str:
    """Display form: ``01 23 45 67 89`` in the French plan, ``+44 20 7946 0000`` otherwise.

    Anything that does not parse is returned unchanged, so a display never fails.
    """
    number = parse_phone(e164)
    if number is None:
        return e164
    if phonenumbers.region_code_for_number(number) in FRENCH_PLAN_REGIONS:
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
