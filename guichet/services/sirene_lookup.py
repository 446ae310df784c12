"""Looking a company up in the local SIRENE table, and filling in an organisation from it.

Intake and the directory call :func:`find_by_siret` / :func:`search_by_name` while the
counsellor types, then :func:`complete_organization` (« Compléter depuis SIRENE ») fills the
empty fields of a record without overwriting what the counsellor entered.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import or_, select

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import Organization, OrganizationKind, SireneEstablishment
from guichet.reference.identifiers import (
    compact_digits,
    format_siret,
    is_valid_siret,
    typed_identifier,
)
from guichet.reference.naf import NAF_VERSION
from guichet.reference.text import fold
from guichet.services.quick_company import CompanyCreated

#: Largest code point, to turn a prefix into an indexable range (``key >= p AND key < p+MAX``).
_MAX_CHAR = "\U0010ffff"


@dataclass(frozen=True)
class SireneMatch:
    siret: str
    siren: str
    name: str
    trade_name: str | None
    naf_code: str | None
    naf_version: str | None
    legal_form: str | None
    headcount_band: str | None
    street: str | None
    postal_code: str | None
    city: str | None
    commune_insee: str | None
    is_headquarters: bool
    active: bool
    created_on: date | None

    @property
    def display(self) -> str:
        place = " ".join(p for p in (self.postal_code, self.city) if p)
        closed = "" if self.active else " (fermé)"
        return f"{self.name} — {format_siret(self.siret)} — {place}{closed}"


def _match(row: SireneEstablishment) -> SireneMatch:
    return SireneMatch(**{f.name: getattr(row, f.name) for f in fields(SireneMatch)})


def find_by_siret(db: Database, text: str) -> SireneMatch | None:
    """The establishment of a SIRET typed compact or spaced; None when unknown or invalid."""
    siret = compact_digits(text)
    if not is_valid_siret(siret):
        return None
    with db.unit_of_work() as s:
        row = s.get(SireneEstablishment, siret)
        return _match(row) if row else None


def search_by_name(db: Database, prefix: str, *, limit: int = 20) -> list[SireneMatch]:
    """Establishments whose name or trade name starts with ``prefix`` (accents and case
    ignored), active ones and headquarters first."""
    key = fold(prefix)
    if len(key) < 2:
        return []
    table = SireneEstablishment
    with db.unit_of_work() as s:
        rows = s.scalars(
            select(table)
            .where(
                or_(
                    (table.name_key >= key) & (table.name_key < key + _MAX_CHAR),
                    (table.trade_key >= key) & (table.trade_key < key + _MAX_CHAR),
                )
            )
            .order_by(table.active.desc(), table.is_headquarters.desc(), table.name)
            .limit(limit)
        ).all()
        return [_match(r) for r in rows]


def find_by_siren(db: Database, siren: str, *, limit: int = 20) -> list[SireneMatch]:
    """The establishments of a SIREN, active ones and the headquarters first."""
    table = SireneEstablishment
    with db.unit_of_work() as s:
        rows = s.scalars(
            select(table)
            .where(table.siren == siren)
            .order_by(table.active.desc(), table.is_headquarters.desc(), table.siret)
            .limit(limit)
        ).all()
        return [_match(r) for r in rows]


def lookup(db: Database, text: str, *, limit: int = 20) -> list[SireneMatch]:
    """A SIRET or a SIREN (compact or spaced), or the beginning of a name."""
    number = typed_identifier(text)
    if number is not None and len(number) == 14:
        found = find_by_siret(db, number)
        return [found] if found else []
    if number is not None:
        return find_by_siren(db, number, limit=limit)
    return search_by_name(db, text, limit=limit)


COMPLETED_FIELDS = {
    "legal_name": "name",
    "trade_name": "trade_name",
    "siren": "siren",
    "naf_code": "naf_code",
    "legal_form": "legal_form",
    "headcount_band": "headcount_band",
    "address_street": "street",
    "postal_code": "postal_code",
    "city": "city",
    "commune_insee": "commune_insee",
}


def completion(organization: dict[str, object], match: SireneMatch) -> dict[str, object]:
    """The values SIRENE would add to a record: only its empty fields are filled."""
    changes: dict[str, object] = {}
    for target, source in COMPLETED_FIELDS.items():
        value = getattr(match, source)
        if value and not organization.get(target):
            changes[target] = value
    if "naf_code" in changes:
        changes["naf_version"] = match.naf_version or NAF_VERSION
    return changes


def complete_organization(db: Database, organization_id: int) -> dict[str, object]:
    """« Compléter depuis SIRENE »: fill the empty fields of an organisation from its SIRET.

    Returns the fields written (empty when nothing was missing).
    """
    with db.unit_of_work() as s:
        org = s.get(Organization, organization_id)
        if org is None:
            raise NotFoundError("Cette organisation n'existe plus.")
        if not org.siret:
            raise ValidationError(
                "Saisissez d'abord le SIRET de l'organisation pour la compléter depuis SIRENE.",
                field="siret",
            )
        row = s.get(SireneEstablishment, org.siret)
        if row is None:
            raise NotFoundError(
                f"Le SIRET {format_siret(org.siret)} n'est pas dans la table SIRENE locale. "
                "Importez le fichier SIRENE du territoire (Fichier › Importer SIRENE…)."
            )
        current = {name: getattr(org, name) for name in (*COMPLETED_FIELDS, "naf_version")}
        changes = completion(current, _match(row))
        for name, value in changes.items():
            setattr(org, name, value)
        return changes


def establishments_to_add(db: Database, text: str, *, limit: int = 5) -> list[SireneMatch]:
    """What :func:`lookup` finds for ``text`` and the directory does not hold yet (by SIRET):
    intake proposes them while the counsellor types a company's SIRET or name."""
    found = lookup(db, text, limit=limit * 4)
    if not found:
        return []
    with db.unit_of_work() as s:
        known = set(
            s.scalars(
                select(Organization.siret).where(Organization.siret.in_([m.siret for m in found]))
            )
        )
    return [m for m in found if m.siret not in known][:limit]


def create_from_sirene(db: Database, siret: str) -> CompanyCreated:
    """Add an establishment of the SIRENE table to the directory as a company, filled in."""
    digits = compact_digits(siret)
    with db.unit_of_work() as s:
        row = s.get(SireneEstablishment, digits)
        if row is None:
            raise NotFoundError(
                f"Le SIRET {format_siret(digits)} n'est pas dans la table SIRENE locale."
            )
        existing = s.scalar(select(Organization).where(Organization.siret == digits))
        if existing is not None:
            raise ValidationError(
                f"Le SIRET {format_siret(digits)} est déjà celui de « {existing.legal_name} » : "
                "choisissez-la dans la recherche.",
                field="siret",
            )
        match = _match(row)
        org = Organization(kind=OrganizationKind.COMPANY, legal_name=match.name[:250], siret=digits)
        for target, value in completion({"siret": digits}, match).items():
            setattr(org, target, value)
        s.add(org)
        s.flush()
        return CompanyCreated(org.id, org.legal_name, org.siret or "", org.city or "")
