"""Checking one row of an organisation file: what can be imported, what is refused and why.

An error (no name, invalid SIRET, a formula, an oversized cell, extra cells) refuses the row; a
warning (unreadable phone or e-mail, unknown NAF code, postal code that does not serve the
commune) imports the row without the doubtful value and says so in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from guichet.errors import ValidationError
from guichet.importers.fast_checks import BulkValidators
from guichet.importers.mapping import FIELDS_BY_KEY, Mapping
from guichet.reference.communes import (
    commune,
    commune_by_name,
    communes_for_postal_code,
    current_insee,
)
from guichet.reference.dates import format_number
from guichet.reference.headcount import is_valid_headcount_code
from guichet.reference.identifiers import compact_digits, validate_siren, validate_siret
from guichet.reference.legal_forms import legal_form_label
from guichet.reference.naf import NAF_VERSION, naf_entry, normalize_naf_code
from guichet.reference.text import clean_text, fold

#: Fields whose line breaks are kept (every other field gets spaces instead).
MULTILINE_FIELDS = frozenset({"description"})
_EMPTY_MARKS = frozenset({"-", "–", "—", "/", "n/a", "N/A", "NC", "nc"})
_FORMULA_BODY = re.compile(r"[(|!]")
_FORMULA_STARTS = frozenset("=+-@")
_LEGAL_WORDS = frozenset(
    [
        "sa",
        "sas",
        "sasu",
        "sarl",
        "eurl",
        "sci",
        "snc",
        "scop",
        "sca",
        "selarl",
        "ets",
        "etablissements",
        "societe",
        "ste",
        "cie",
    ]
)
_NAME_PUNCTUATION = re.compile(r"[^\w]+")

ORGANIZATION_FIELDS = (
    "legal_name",
    "trade_name",
    "siret",
    "siren",
    "naf_code",
    "naf_version",
    "legal_form",
    "headcount_band",
    "address_street",
    "address_building",
    "address_locality",
    "postal_code",
    "city",
    "commune_insee",
    "phone",
    "email",
    "website",
    "description",
)


@dataclass
class CheckedRow:
    """A row once checked: values ready for the database, plus errors and warnings (French)."""

    organization: dict[str, Any] = field(default_factory=dict)
    contact: dict[str, Any] | None = None
    network: str | None = None  # the network the organisation is a member of
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def is_formula(text: str) -> bool:
    """True for cell text a spreadsheet would run as a formula (``=…``, ``+cmd|…``, ``@SUM(…)``)."""
    if not text:
        return False
    first = text[0]
    if first == "=":
        return len(text) > 1
    if first in "+-@":
        return bool(_FORMULA_BODY.search(text)) and any(c.isalpha() for c in text)
    return False


@lru_cache(maxsize=1 << 16)
def _name_words(part: str) -> tuple[str, ...]:
    """The matching words of one whitespace-separated part of a name (memoized: names of a
    file share most of their words)."""
    return tuple(_NAME_PUNCTUATION.sub(" ", fold(part)).split())


def name_key(name: str) -> str:
    """Name compared for matching: folded, punctuation and legal-form words removed.

    Folding works character by character, so the name is folded part by part (same result as
    folding it whole: see the property test).
    """
    words = [word for part in name.split() for word in _name_words(part)]
    kept = [w for w in words if w not in _LEGAL_WORDS]
    return " ".join(kept or words)


def match_key(name: str, commune_insee: str | None, city: str | None) -> str:
    return f"{name_key(name)}|{commune_insee or fold(city or '')}"


@lru_cache(maxsize=64)
def _mapped_columns(mapping: Mapping) -> tuple[tuple[int, str, int], ...]:
    """``(column, field key, maximum length)`` of each mapped column."""
    return tuple(
        (column, key, FIELDS_BY_KEY[key].max_length)
        for column, key in enumerate(mapping)
        if key is not None
    )


def _cells(row: list[str], mapping: Mapping) -> tuple[dict[str, str], list[str], set[str]]:
    values: dict[str, str] = {}
    errors: list[str] = []
    refused: set[str] = set()
    width = len(row)
    for column, key, max_length in _mapped_columns(mapping):
        if column >= width:
            continue
        text = clean_text(row[column], multiline=key in MULTILINE_FIELDS).strip()
        if not text or text in _EMPTY_MARKS:
            continue
        if text[0] not in _FORMULA_STARTS and len(text) <= max_length:
            values[key] = text
            continue
        spec = FIELDS_BY_KEY[key]
        if is_formula(text):
            shown = text[:30] + ("…" if len(text) > 30 else "")
            errors.append(
                f"« {spec.label} » contient une formule de tableur ({shown}) : "
                "saisissez la valeur elle-même."
            )
            refused.add(key)
            continue
        if len(text) > spec.max_length:
            errors.append(
                f"« {spec.label} » est trop long ({format_number(len(text))} caractères, "
                f"{format_number(spec.max_length)} au plus)."
            )
            refused.add(key)
            continue
        values[key] = text
    if width > len(mapping) and any(c.strip() for c in row[len(mapping) :]):
        errors.append(
            f"La ligne compte {len(row)} cellules alors que l'en-tête n'a que {len(mapping)} "
            "colonnes (séparateur dans une valeur, ou cellules décalées)."
        )
    return values, errors, refused


# Each ASCII digit to the digit sum of its double (Luhn), as byte values.
_DOUBLED = bytes.maketrans(b"0123456789", bytes((0, 2, 4, 6, 8, 1, 3, 5, 7, 9)))


def _luhn(number: str) -> bool:
    """Luhn key of a string of ASCII digits (byte sums: no Python loop per digit)."""
    data = number.encode("ascii")
    kept, doubled = data[-1::-2], data[-2::-2]
    total = sum(kept) - 48 * len(kept) + sum(doubled.translate(_DOUBLED))
    return total % 10 == 0


def clean_siret(raw: str) -> str:
    """The compact SIRET of a cell, or raise ValidationError (French message).

    A 10 to 13-digit number is padded with the zeros a spreadsheet removed. The common case
    (both Luhn keys right) is checked here; anything else goes through ``validate_siret`` for
    its exact rule (La Poste) and message.
    """
    number = compact_digits(raw)
    if number.isdigit() and number.isascii():
        if 9 < len(number) < 14:
            number = number.zfill(14)
        if len(number) == 14 and _luhn(number) and _luhn(number[:9]):
            return number
    return validate_siret(number)


def _siret(values: dict[str, str], out: CheckedRow) -> None:
    raw = values.get("siret")
    if raw:
        try:
            siret = clean_siret(raw)
        except ValidationError as exc:
            out.errors.append(exc.message)
            return
        out.organization["siret"] = siret
        out.organization["siren"] = siret[:9]
    raw_siren = values.get("siren")
    if raw_siren:
        try:
            siren = validate_siren(compact_digits(raw_siren).zfill(9))
        except ValidationError as exc:
            out.warnings.append(exc.message + " Il n'est pas importé.")
            return
        if out.organization.get("siren", siren) != siren:
            out.warnings.append("Le SIREN ne correspond pas au SIRET : le SIRET est retenu.")
        else:
            out.organization["siren"] = siren


@lru_cache(maxsize=65536)
def place_of(
    postal_code: str, city: str, insee_raw: str
) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """Fields and warnings for a postal code, a town name and an INSEE code (memoized: files
    repeat the same few communes)."""
    fields: dict[str, str] = {}
    warnings: list[str] = []
    if postal_code.isdigit() and len(postal_code) == 4:
        postal_code = postal_code.zfill(5)
    found = None
    if insee_raw:
        found = commune(insee_raw)
        if found is None and re.fullmatch(r"\d[\dAB]\d{3}", insee_raw.upper()):
            fields["commune_insee"] = insee_raw.upper()
        elif found is None:
            warnings.append(f"Code INSEE de commune inconnu : « {insee_raw} ».")
    elif city:
        found = commune_by_name(city, postal_code or None) or commune_by_name(city)
    elif postal_code:
        served = communes_for_postal_code(postal_code)
        found = served[0] if len(served) == 1 else None
        if found is not None:
            city = found.name
    if found is not None:
        fields["commune_insee"] = current_insee(found.insee) or found.insee
        if postal_code and postal_code not in found.postal_codes:
            warnings.append(
                f"Le code postal {postal_code} ne dessert pas {found.name} "
                f"({', '.join(found.postal_codes)})."
            )
    elif city and postal_code.startswith("76"):
        warnings.append(f"Commune « {city} » introuvable en Seine-Maritime.")
    if postal_code and not re.fullmatch(r"\d{5}", postal_code):
        warnings.append(f"Code postal « {postal_code} » inhabituel (5 chiffres attendus).")
    if postal_code:
        fields["postal_code"] = postal_code
    if city:
        fields["city"] = city
    return tuple(fields.items()), tuple(warnings)


def _place(values: dict[str, str], out: CheckedRow) -> None:
    fields, warnings = place_of(
        values.get("postal_code", ""), values.get("city", ""), values.get("commune_insee", "")
    )
    out.organization.update(fields)
    out.warnings.extend(warnings)


def _checked(validate: Any, raw: str, label: str, out: CheckedRow) -> str | None:
    try:
        return str(validate(raw))
    except ValidationError as exc:
        out.warnings.append(f"{exc.message} {label} non importé.")
        return None


@lru_cache(maxsize=4096)
def code_fields(
    naf: str, band: str, form: str
) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """NAF code, headcount band and legal form checked (memoized)."""
    fields: dict[str, str] = {}
    warnings: list[str] = []
    if naf:
        code = normalize_naf_code(naf)
        if code and naf_entry(code):
            fields["naf_code"] = code
            fields["naf_version"] = NAF_VERSION
        else:
            warnings.append(f"Code NAF « {naf} » inconnu de la NAF rév. 2 : non importé.")
    if band:
        band = band.zfill(2) if band.isdigit() else band.upper()
        if is_valid_headcount_code(band):
            fields["headcount_band"] = band
        else:
            warnings.append(f"Tranche d'effectif « {band} » inconnue : non importée.")
    if form:
        if legal_form_label(form):
            fields["legal_form"] = form
        else:
            warnings.append(f"Forme juridique « {form} » inconnue : non importée.")
    return tuple(fields.items()), tuple(warnings)


def _codes(values: dict[str, str], out: CheckedRow) -> None:
    fields, warnings = code_fields(
        values.get("naf_code", ""), values.get("headcount_band", ""), values.get("legal_form", "")
    )
    out.organization.update(fields)
    out.warnings.extend(warnings)


def _split_name(full: str) -> tuple[str | None, str]:
    parts = full.split()
    capitals = [p for p in parts if p.isupper() and len(p) > 1]
    if capitals and len(capitals) < len(parts):
        rest = [p for p in parts if p not in capitals]
        return " ".join(rest), " ".join(capitals)
    if len(parts) == 1:
        return None, parts[0]
    return " ".join(parts[:-1]), parts[-1]


_CONTACT_KEYS = frozenset(
    (
        "contact_first_name",
        "contact_last_name",
        "contact_name",
        "contact_role",
        "contact_email",
        "contact_phone",
    )
)


def _contact(values: dict[str, str], out: CheckedRow, checks: BulkValidators) -> None:
    if _CONTACT_KEYS.isdisjoint(values):
        return
    first = values.get("contact_first_name")
    last = values.get("contact_last_name")
    if not last and values.get("contact_name"):
        first_guess, last = _split_name(values["contact_name"])
        first = first or first_guess
    details = {k: values.get(k) for k in ("contact_role", "contact_email", "contact_phone")}
    if not last:
        if first or any(details.values()):
            out.warnings.append("Contact sans nom de famille : il n'est pas importé.")
        return
    contact: dict[str, Any] = {"first_name": first, "last_name": last, "role": None}
    contact["role"] = details["contact_role"]
    if details["contact_email"]:
        contact["email"] = _checked(
            checks.email, details["contact_email"], "E-mail du contact", out
        )
    if details["contact_phone"]:
        contact["phone"] = _checked(
            checks.phone, details["contact_phone"], "Téléphone du contact", out
        )
    out.contact = contact


def check_row(row: list[str], mapping: Mapping, checks: BulkValidators | None = None) -> CheckedRow:
    """Validate one data row of the file under ``mapping``."""
    checks = checks or BulkValidators()
    out = CheckedRow()
    values, out.errors, refused = _cells(row, mapping)
    name = values.get("legal_name", "")
    if not name and "legal_name" not in refused:
        out.errors.append("La raison sociale est vide : elle est obligatoire.")
    elif name:
        out.organization["legal_name"] = name
    for key in ("trade_name", "address_street", "address_building", "address_locality"):
        if key in values:
            out.organization[key] = values[key]
    if "website" in values:
        out.organization["website"] = values["website"]
    if "description" in values:
        out.organization["description"] = values["description"]
    _siret(values, out)
    _place(values, out)
    _codes(values, out)
    if "phone" in values:
        phone = _checked(checks.phone, values["phone"], "Téléphone", out)
        if phone is not None:
            out.organization["phone"] = phone
    if "email" in values:
        email = _checked(checks.email, values["email"], "E-mail", out)
        if email is not None:
            out.organization["email"] = email
    _contact(values, out, checks)
    out.network = values.get("network") or None
    return out
