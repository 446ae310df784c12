"""Exports of the directory, contacts, inquiries and referrals (CSV, XLSX, vCard).

A page exports what its current filter shows by passing the ids of its rows; without ids the
whole table is exported. Column names of the organisation export are those the import
recognises, so an export can be imported back.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.exporters.tables import write_table
from guichet.exporters.vcard import write_vcards
from guichet.models import Contact
from guichet.services.audit_log import record_export
from guichet.services.export_tables import (
    CHUNK,
    Progress,
    contact_cards,
    contacts_table,
    inquiries_table,
    organizations_table,
    referrals_table,
)
from guichet.services.permissions import Permission, require_db

__all__ = ["Progress", "organizations_table"]


class ExportKind(StrEnum):
    ORGANIZATIONS = "organisations"
    CONTACTS = "contacts"
    INQUIRIES = "demandes"
    REFERRALS = "mises-en-relation"


KIND_LABELS = {
    ExportKind.ORGANIZATIONS: "Organisations de l'annuaire",
    ExportKind.CONTACTS: "Contacts",
    ExportKind.INQUIRIES: "Demandes",
    ExportKind.REFERRALS: "Mises en relation",
}
FORMATS = {".xlsx": "Classeur Excel (.xlsx)", ".csv": "CSV (Excel)", ".vcf": "vCard (.vcf)"}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    count: int


def contact_ids_of(db: Database, organization_ids: Collection[int]) -> list[int]:
    """The contacts (not anonymised) of those organisations: « Exporter les contacts »."""
    found: list[int] = []
    wanted = sorted(set(organization_ids))
    with db.unit_of_work() as s:
        for start in range(0, len(wanted), CHUNK):
            found.extend(
                s.scalars(
                    select(Contact.id).where(
                        Contact.organization_id.in_(wanted[start : start + CHUNK]),
                        Contact.anonymized_at.is_(None),
                    )
                )
            )
    return found


TABLES = {
    ExportKind.ORGANIZATIONS: organizations_table,
    ExportKind.CONTACTS: contacts_table,
    ExportKind.INQUIRIES: inquiries_table,
    ExportKind.REFERRALS: referrals_table,
}


#: Exports naming people (contacts, the contact of an inquiry, a referral's interlocutor):
#: a responsable's. Organisations (companies' own details) stay open to every counsellor.
NAMED_KINDS = frozenset({ExportKind.CONTACTS, ExportKind.INQUIRIES, ExportKind.REFERRALS})


def export(
    db: Database,
    kind: ExportKind | str,
    path: Path,
    ids: Collection[int] | None = None,
    *,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the export of ``kind`` to ``path``, in the format of its extension.

    ``.vcf`` is for contacts only; ``ids`` limits the export to those records (a page's
    current filter); ``progress`` hears how many records were read (it may raise to stop
    before anything is written).
    """
    try:
        kind = ExportKind(kind)
    except ValueError as exc:
        choices = ", ".join(k.value for k in ExportKind)
        raise ValidationError(f"Export inconnu : « {kind} » (au choix : {choices}).") from exc
    if kind in NAMED_KINDS:
        require_db(db, Permission.EXPORT_NAMES)
    suffix = path.suffix.lower()
    if suffix == ".vcf":
        if kind != ExportKind.CONTACTS:
            raise ValidationError(
                "Le format vCard (.vcf) ne convient qu'aux contacts. Choisissez .csv ou .xlsx.",
                field="path",
            )
        cards = contact_cards(db, ids, progress)
        write_vcards(cards, path)
        log_export(db, f"{KIND_LABELS[kind]} → {path.name}", len(cards))
        return ExportResult(path, len(cards))
    if suffix not in FORMATS:
        raise ValidationError(
            f"Format non pris en charge : « {suffix or '(aucune extension)'} ». "
            "Choisissez .csv, .xlsx ou, pour les contacts, .vcf.",
            field="path",
        )
    table = TABLES[kind](db, ids, progress)
    write_table(table, path)
    log_export(db, f"{KIND_LABELS[kind]} → {path.name}", len(table.rows))
    return ExportResult(path, len(table.rows))


def log_export(db: Database, what: str, count: int) -> None:
    """Every export here carries personal data (names, phones, e-mails): always logged."""
    with db.unit_of_work() as session:
        record_export(session, what, count)
