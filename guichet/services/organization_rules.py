"""Checks and normalisation of an organization form, before anything is written.

Bad input raises :class:`ValidationError` naming the field, with a French message; doubtful
input that may still be right (a postal code that does not serve the commune, an address line
too long for an envelope) gives warnings that never block.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from guichet.errors import ValidationError
from guichet.models import OrganizationKind
from guichet.reference.address import PostalAddress, address_lines
from guichet.reference.communes import (
    commune,
    commune_by_name,
    communes_for_postal_code,
    postal_code_matches_commune,
)
from guichet.reference.emails import validate_email_address
from guichet.reference.headcount import is_valid_headcount_code
from guichet.reference.identifiers import validate_siret
from guichet.reference.legal_forms import legal_form_label
from guichet.reference.naf import validate_naf_code
from guichet.reference.phones import validate_phone
from guichet.reference.text import clean_text

#: French label of every editable field, for messages and for « modifié entre-temps ».
FIELD_LABELS: dict[str, str] = {
    "kind": "Type",
    "legal_name": "Raison sociale",
    "trade_name": "Nom commercial",
    "siret": "SIRET",
    "siren": "SIREN",
    "naf_version": "Version de la NAF",
    "naf_code": "Code NAF",
    "legal_form": "Forme juridique",
    "headcount_band": "Tranche d'effectif",
    "address_building": "Bâtiment, zone",
    "address_street": "N° et voie",
    "address_locality": "Lieu-dit, BP",
    "postal_code": "Code postal",
    "city": "Commune",
    "commune_insee": "Code INSEE de la commune",
    "country": "Pays",
    "phone": "Téléphone",
    "email": "E-mail",
    "website": "Site web",
    "description": "Description",
    "verified_on": "Vérifié le",
    "do_not_refer": "Ne pas orienter",
    "do_not_refer_reason": "Motif « ne pas orienter »",
    "do_not_contact": "Ne pas contacter",
}

#: Longest text accepted per field (the column sizes; the description is free text).
MAX_LENGTHS: dict[str, int] = {
    "legal_name": 250,
    "trade_name": 250,
    "address_building": 120,
    "address_street": 120,
    "address_locality": 120,
    "postal_code": 10,
    "city": 80,
    "country": 60,
    "website": 250,
    "description": 10_000,
    "do_not_refer_reason": 2_000,
}


@dataclass(frozen=True)
class OrganizationData:
    """What the organization form edits (text fields as typed, ``None`` or ``""`` for empty)."""

    legal_name: str
    kind: OrganizationKind = OrganizationKind.COMPANY
    trade_name: str | None = None
    siret: str | None = None
    naf_code: str | None = None
    legal_form: str | None = None
    headcount_band: str | None = None
    address_building: str | None = None
    address_street: str | None = None
    address_locality: str | None = None
    postal_code: str | None = None
    city: str | None = None
    commune_insee: str | None = None
    country: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    description: str | None = None
    do_not_refer: bool = False
    do_not_refer_reason: str | None = None
    do_not_contact: bool = False  # left out of meeting audiences and mailings
    capability_ids: frozenset[int] = frozenset()
    certification_ids: frozenset[int] = frozenset()
    sector_ids: frozenset[int] = frozenset()


#: Fields of :class:`OrganizationData` stored as columns of ``organization``.
SCALAR_FIELDS: tuple[str, ...] = (
    "kind",
    "legal_name",
    "trade_name",
    "siret",
    "naf_code",
    "legal_form",
    "headcount_band",
    "address_building",
    "address_street",
    "address_locality",
    "postal_code",
    "city",
    "commune_insee",
    "country",
    "phone",
    "email",
    "website",
    "description",
    "do_not_refer",
    "do_not_refer_reason",
    "do_not_contact",
)


@dataclass(frozen=True)
class CheckedOrganization:
    """The normalised data ready to store, and warnings for the counsellor."""

    data: OrganizationData
    warnings: tuple[str, ...] = field(default_factory=tuple)


#: Fields whose line breaks are kept; any other field gets spaces instead.
MULTILINE_FIELDS = frozenset({"description"})


def _clean(text: str | None, *, multiline: bool = False) -> str | None:
    if text is None:
        return None
    stripped = clean_text(text, multiline=multiline).strip()
    return stripped or None


def check_length(name: str, value: str | None, limit: int, label: str) -> None:
    """Raises a French :class:`ValidationError` when ``value`` is longer than ``limit``."""
    if value is not None and len(value) > limit:
        raise ValidationError(
            f"« {label} » ne doit pas dépasser {_count(limit)} caractères "
            f"({_count(len(value))} saisis).",
            field=name,
        )


def _count(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


def check_organization(data: OrganizationData) -> CheckedOrganization:
    """Validate and normalise a form; raise on the first field that cannot be stored."""
    values = {name: getattr(data, name) for name in SCALAR_FIELDS}
    for name, value in list(values.items()):
        if isinstance(value, str):
            values[name] = _clean(value, multiline=name in MULTILINE_FIELDS)
    for name, limit in MAX_LENGTHS.items():
        check_length(name, values[name], limit, FIELD_LABELS[name])
    if not values["legal_name"]:
        raise ValidationError("La raison sociale est obligatoire.", field="legal_name")
    try:
        values["kind"] = OrganizationKind(values["kind"])
    except ValueError as exc:
        raise ValidationError("Type d'organisation inconnu.", field="kind") from exc
    warnings: list[str] = []
    if values["siret"]:
        values["siret"] = validate_siret(values["siret"], field="siret")
    if values["naf_code"]:
        values["naf_code"] = validate_naf_code(values["naf_code"], field="naf_code")
    if values["legal_form"] and legal_form_label(values["legal_form"]) is None:
        raise ValidationError(
            f"Forme juridique « {values['legal_form']} » inconnue (code INSEE à 4 chiffres, "
            "par exemple 5710 pour une SAS).",
            field="legal_form",
        )
    if values["headcount_band"]:
        band = values["headcount_band"].upper()
        if not is_valid_headcount_code(band):
            raise ValidationError(
                f"Tranche d'effectif « {band} » inconnue.", field="headcount_band"
            )
        values["headcount_band"] = band
    if values["phone"]:
        values["phone"] = validate_phone(values["phone"], field="phone")
    if values["email"]:
        values["email"] = validate_email_address(values["email"], field="email")
    if values["do_not_refer"] and not values["do_not_refer_reason"]:
        raise ValidationError(
            "Indiquez pourquoi il ne faut pas orienter vers cette organisation.",
            field="do_not_refer_reason",
        )
    warnings += _check_place(values)
    checked = replace(data, **values)
    warnings += address_warnings(checked)
    return CheckedOrganization(checked, tuple(dict.fromkeys(warnings)))


def _check_place(values: dict[str, object]) -> list[str]:
    """Postal code ↔ commune: fills the INSEE code when it can, warns when they disagree."""
    postal_code = values["postal_code"]
    city = values["city"]
    insee = values["commune_insee"]
    warnings: list[str] = []
    if isinstance(insee, str):
        found = commune(insee)
        if found is None:
            raise ValidationError(f"Code commune INSEE « {insee} » inconnu.", field="city")
        values["commune_insee"] = found.insee
        if not city:
            values["city"] = found.name
        if isinstance(postal_code, str) and not postal_code_matches_commune(
            postal_code, found.insee
        ):
            warnings.append(
                f"Le code postal {postal_code} ne dessert pas {found.name} "
                f"({', '.join(found.postal_codes)} attendu) : vérifiez l'adresse."
            )
    elif isinstance(city, str):
        found = commune_by_name(city, postal_code if isinstance(postal_code, str) else None)
        if found is not None:
            values["commune_insee"] = found.insee
        elif isinstance(postal_code, str) and communes_for_postal_code(postal_code):
            names = ", ".join(c.name for c in communes_for_postal_code(postal_code))
            warnings.append(
                f"La commune « {city} » n'est pas desservie par le code postal {postal_code} "
                f"({names}) : vérifiez l'adresse."
            )
    return warnings


def address_warnings(data: OrganizationData) -> list[str]:
    """AFNOR NF Z10-011 warnings for the organization's postal address (never blocking)."""
    if not any((data.address_street, data.address_locality, data.postal_code, data.city)):
        return []
    result = address_lines(_postal_address(data))
    return list(result.warnings)


def _postal_address(data: OrganizationData) -> PostalAddress:
    return PostalAddress(
        name=data.legal_name or "",
        building=data.address_building or "",
        street=data.address_street or "",
        locality=data.address_locality or "",
        postal_code=data.postal_code or "",
        town=data.city or "",
        country=data.country or "",
    )


def afnor_lines(data: OrganizationData) -> list[str]:
    """The address as printed on an envelope (AFNOR lines, name first)."""
    return address_lines(_postal_address(data)).lines
