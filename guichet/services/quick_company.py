"""Creating a company from the intake form in a few keystrokes: name, SIRET (or none, for a
project holder or a business being created), number and street, postal code and commune, NAF
code — enough for a letter that reaches it.

The full organization form belongs to the directory; this is the short path the desk needs
while someone is standing at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import Organization, OrganizationKind
from guichet.reference.address import PostalAddress, address_lines
from guichet.reference.communes import commune, communes_for_postal_code
from guichet.reference.identifiers import format_siret, validate_siret
from guichet.reference.naf import NAF_VERSION, validate_naf_code
from guichet.reference.text import clean_text

_POSTAL_CODE = re.compile(r"^\d{5}$")
MAX_STREET = 120


@dataclass(frozen=True)
class QuickCompanyDraft:
    legal_name: str
    siret: str = ""
    without_siret: bool = False
    #: number and street, AFNOR line 4 (« 12 rue des Falaises »), as typed
    street: str = ""
    postal_code: str = ""
    commune_insee: str = ""
    city: str = ""
    naf_code: str = ""


@dataclass(frozen=True)
class CompanyCreated:
    id: int
    name: str
    siret: str
    city: str


def validate_quick_company(draft: QuickCompanyDraft) -> QuickCompanyDraft:
    """The cleaned draft, or a French error naming the field to correct."""
    name = " ".join(clean_text(draft.legal_name).split())
    if not name:
        raise ValidationError("La raison sociale est obligatoire.", field="legal_name")
    if len(name) > 250:
        raise ValidationError(
            f"La raison sociale est trop longue ({len(name)} caractères, 250 au plus).",
            field="legal_name",
        )
    siret = ""
    if not draft.without_siret:
        if not draft.siret.strip():
            raise ValidationError(
                "Saisissez le SIRET, ou cochez « sans SIRET » pour un porteur de projet.",
                field="siret",
            )
        siret = validate_siret(draft.siret)
    street = " ".join(draft.street.split())
    if len(street) > MAX_STREET:
        raise ValidationError(
            f"Le numéro et la voie sont trop longs ({len(street)} caractères, "
            f"{MAX_STREET} au plus).",
            field="street",
        )
    postal_code = draft.postal_code.strip()
    if postal_code and not _POSTAL_CODE.match(postal_code):
        raise ValidationError(
            f"Le code postal « {postal_code} » doit comporter 5 chiffres.", field="postal_code"
        )
    insee, city = draft.commune_insee.strip(), " ".join(clean_text(draft.city).split())
    if not insee and postal_code:
        served = communes_for_postal_code(postal_code)
        if len(served) == 1:
            insee = served[0].insee
    if insee:
        found = commune(insee)
        if found is None:
            raise ValidationError(f"Commune inconnue (code INSEE {insee}).", field="commune")
        insee, city = found.insee, found.name
    naf = validate_naf_code(draft.naf_code) if draft.naf_code.strip() else ""
    return QuickCompanyDraft(
        legal_name=name,
        siret=siret,
        without_siret=draft.without_siret,
        street=street,
        postal_code=postal_code,
        commune_insee=insee,
        city=city[:80],
        naf_code=naf,
    )


def address_warnings(draft: QuickCompanyDraft) -> list[str]:
    """What would keep a letter to this company from being delivered (AFNOR NF Z10-011), in
    French; shown as the counsellor types, never blocking."""
    found = commune(draft.commune_insee) if draft.commune_insee.strip() else None
    address = PostalAddress(
        name=draft.legal_name or "—",
        street=draft.street,
        postal_code=draft.postal_code,
        town=found.name if found else draft.city,
    )
    return address_lines(address).warnings


def create_quick_company(db: Database, draft: QuickCompanyDraft) -> CompanyCreated:
    clean = validate_quick_company(draft)
    with db.unit_of_work() as session:
        if clean.siret:
            existing = session.scalar(select(Organization).where(Organization.siret == clean.siret))
            if existing is not None:
                raise ValidationError(
                    f"Le SIRET {format_siret(clean.siret)} est déjà celui de "
                    f"« {existing.legal_name} » : choisissez-la dans la recherche.",
                    field="siret",
                )
        org = Organization(
            kind=OrganizationKind.COMPANY,
            legal_name=clean.legal_name,
            siret=clean.siret or None,
            siren=clean.siret[:9] or None,
            address_street=clean.street or None,
            postal_code=clean.postal_code or None,
            commune_insee=clean.commune_insee or None,
            city=clean.city or None,
            naf_code=clean.naf_code or None,
            naf_version=NAF_VERSION if clean.naf_code else None,
        )
        session.add(org)
        session.flush()
        return CompanyCreated(org.id, org.legal_name, org.siret or "", org.city or "")
