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

import re
from functools import cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneMetadata, PhoneNumber, PhoneNumberFormat

from guichet.errors import ValidationError

#: Overseas regions dialled with the French national plan (trunk prefix 0, 10 digits).
OVERSEAS_NATIONAL_REGIONS = ("RE", "YT", "GP", "BL", "MF", "GF", "MQ")
#: French overseas territories with their own country calling code.
OVERSEAS_OWN_PLAN_REGIONS = ("PM", "NC", "PF", "WF")
#: Regions whose numbers are shown in the French national form.
FRENCH_PLAN_REGIONS = frozenset(("FR", *OVERSEAS_NATIONAL_REGIONS))


#: First digit of the national significant number of France's non-geographic ranges (08 special
#: services, 09 VoIP): national numbers, read as metropolitan first even where an overseas
#: département's metadata also accepts them (0800… would otherwise become a Réunion number).
METROPOLITAN_FIRST_DIGITS = frozenset("89")

#: A national number typed as 10 digits with at most one space, dot or dash between digits:
#: phonenumbers reads its national significant number as the last 9 digits, whatever the region
#: of the French plan it is parsed with. ASCII digits only (phonenumbers also reads other
#: scripts' digits: those go to it).
_PLAIN_NATIONAL = re.compile(r"0(?:[ .\-]?[0-9]){9}")
_PLAIN_NOISE = str.maketrans("", "", " .-")
#: The number types ``phonenumbers.is_valid_number`` accepts (``_number_type_helper``).
_NUMBER_TYPES = (
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
    "fixed_line",
    "mobile",
)


def _fits(desc: object, length: int) -> str | None:
    pattern = getattr(desc, "national_number_pattern", None)
    lengths = getattr(desc, "possible_length", None) or ()
    if pattern is None or (lengths and length not in lengths):
        return None
    return str(pattern)


@cache
def _valid_national(region: str) -> re.Pattern[str]:
    """What ``is_valid_number`` accepts as a 9-digit national significant number of ``region``:
    the general pattern of the region and the pattern of one of its number types, read from
    phonenumbers' own metadata."""
    metadata = PhoneMetadata.metadata_for_region(region)
    if metadata is None:
        return re.compile(r"(?!)")
    general = _fits(metadata.general_desc, 9)
    types = [p for p in (_fits(getattr(metadata, t), 9) for t in _NUMBER_TYPES) if p]
    if general is None or not types:
        return re.compile(r"(?!)")
    return re.compile(f"(?=(?:{general})$)(?:{'|'.join(f'(?:{p})' for p in types)})")


def plain_national_e164(text: str) -> str | None:
    """E.164 form of a 10-digit national number typed plainly (``02 35 12 34 56``), without
    parsing it; None when the number is not of that shape or not valid, so that the caller
    asks :func:`validate_phone` (which gives the same answer for what this one accepts).

    Same rule as :func:`parse_phone`: the overseas départements first, then metropolitan
    France; validity by the patterns of phonenumbers' metadata.
    """
    if len(text) > 19 or not _PLAIN_NATIONAL.fullmatch(text):
        return None
    national = text.translate(_PLAIN_NOISE)[1:]
    if national[0] == "0":
        return None
    if national[0] in METROPOLITAN_FIRST_DIGITS and _valid_national("FR").fullmatch(national):
        return f"+33{national}"
    if _valid_overseas().fullmatch(national):
        for region in OVERSEAS_NATIONAL_REGIONS:
            if _valid_national(region).fullmatch(national):
                return f"+{_country_code(region)}{national}"
    elif _valid_national("FR").fullmatch(national):
        return f"+33{national}"
    return None


@cache
def _valid_overseas() -> re.Pattern[str]:
    """Any overseas département's national number (one pattern: the metropolitan case asks
    once)."""
    return re.compile(
        "|".join(f"(?:{_valid_national(r).pattern})" for r in OVERSEAS_NATIONAL_REGIONS)
    )


@cache
def _country_code(region: str) -> int:
    metadata = PhoneMetadata.metadata_for_region(region)
    assert metadata is not None and metadata.country_code is not None, region
    return int(metadata.country_code)


def _overseas_possible(raw: str) -> bool:
    """False when ``raw`` is a plain national number no overseas département accepts."""
    if not _PLAIN_NATIONAL.fullmatch(raw):
        return True
    return bool(_valid_overseas().fullmatch(raw.translate(_PLAIN_NOISE)[1:]))


def _parse(text: str, region: str) -> PhoneNumber | None:
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def parse_phone(text: str) -> PhoneNumber | None:
    """Parse a phone number typed at a French desk; None when it is not a valid number.

    International forms (``+…``, ``00…``) are read as such. Non-geographic national numbers
    (08, 09) are metropolitan first. Other national forms are tried
    against the overseas départements first (their ranges are precise, and 0596/0590…
    numbers are overseas even though the metropolitan metadata accepts some of them),
    then against metropolitan France. A plainly typed number that no overseas département
    accepts (by the patterns of their metadata) goes to metropolitan France directly.
    """
    raw = (text or "").strip()
    if not raw:
        return None
    if raw.startswith(("+", "00")):
        return _parse(raw, "FR")
    digits = "".join(c for c in raw if c.isdigit())
    if digits.startswith("0") and len(digits) == 10 and digits[1] in METROPOLITAN_FIRST_DIGITS:
        number = _parse(raw, "FR")
        if number is not None:
            return number
    if digits.startswith("0") and len(digits) == 10 and _overseas_possible(raw):
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
