"""Exports of the directory, contacts, inquiries and referrals (CSV, XLSX, vCard).

A page exports what its current filter shows by passing the ids of its rows; without ids the
whole table is exported. Column names of the organisation export are those the import
recognises, so an export can be imported back.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.exporters.tables import ExportTable, write_table
from guichet.exporters.vcard import VCardContact, write_vcards
from guichet.models import Contact, Counsellor, Inquiry, Need, Organization, Referral, label
from guichet.reference.headcount import headcount_label
from guichet.reference.identifiers import format_siret
from guichet.reference.legal_forms import legal_form_label
from guichet.reference.phones import format_phone
from guichet.services.audit_log import record_export
from guichet.services.permissions import Permission, require_db

CHUNK = 500
#: ``progress(done, total)`` while the records are read; total is 0 when not known in advance.
Progress = Callable[[int, int], None]


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


def _phone(value: str | None) -> str | None:
    return format_phone(value) if value else None


def _chunks(statement: Select, column: Any, ids: Collection[int] | None) -> Iterator[Select]:
    if ids is None:
        yield statement
        return
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), CHUNK):
        yield statement.where(column.in_(wanted[start : start + CHUNK]))


def _load(
    s: Session,
    statement: Select,
    column: Any,
    ids: Collection[int] | None,
    progress: Progress | None = None,
) -> list:
    rows: list = []
    total = len(set(ids)) if ids is not None else 0
    for part in _chunks(statement, column, ids):
        rows.extend(s.scalars(part).unique())
        if progress is not None:
            progress(len(rows), total)
    return rows


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


ORGANIZATION_HEADERS = (
    "Type",
    "Raison sociale",
    "Nom commercial",
    "SIRET",
    "SIREN",
    "Code NAF",
    "Forme juridique",
    "Libellé de la forme juridique",
    "Tranche d'effectif",
    "Libellé de la tranche d'effectif",
    "Adresse",
    "Complément d'adresse",
    "Lieu-dit",
    "Code postal",
    "Ville",
    "Code INSEE",
    "Téléphone",
    "E-mail",
    "Site web",
    "Description",
)


def organizations_table(
    db: Database, ids: Collection[int] | None = None, progress: Progress | None = None
) -> ExportTable:
    with db.unit_of_work() as s:
        orgs = _load(s, select(Organization), Organization.id, ids, progress)
        rows = [
            (
                label(o.kind),
                o.legal_name,
                o.trade_name,
                format_siret(o.siret) if o.siret else None,
                o.siren,
                o.naf_code,
                o.legal_form,
                legal_form_label(o.legal_form),
                o.headcount_band,
                headcount_label(o.headcount_band),
                o.address_street,
                o.address_building,
                o.address_locality,
                o.postal_code,
                o.city,
                o.commune_insee,
                _phone(o.phone),
                o.email,
                o.website,
                o.description,
            )
            for o in sorted(orgs, key=lambda o: (o.legal_name.casefold(), o.id))
        ]
    return ExportTable("Organisations", ORGANIZATION_HEADERS, rows)


def _contacts(
    s: Session, ids: Collection[int] | None, progress: Progress | None = None
) -> list[Contact]:
    statement = (
        select(Contact)
        .options(selectinload(Contact.organization))
        .where(Contact.anonymized_at.is_(None))
    )
    found = _load(s, statement, Contact.id, ids, progress)
    return sorted(found, key=lambda c: (c.last_name.casefold(), (c.first_name or "").casefold()))


def contacts_table(
    db: Database, ids: Collection[int] | None = None, progress: Progress | None = None
) -> ExportTable:
    headers = (
        "Civilité",
        "Prénom",
        "Nom",
        "Fonction",
        "Organisation",
        "Téléphone",
        "Portable",
        "E-mail",
        "Base légale",
        "Consentement le",
    )
    with db.unit_of_work() as s:
        rows = [
            (
                c.civility,
                c.first_name,
                c.last_name,
                c.role,
                c.organization.legal_name if c.organization else None,
                _phone(c.phone),
                _phone(c.mobile),
                c.email,
                label(c.legal_basis) if c.legal_basis else None,
                c.consent_on,
            )
            for c in _contacts(s, ids, progress)
        ]
    return ExportTable("Contacts", headers, rows)


def contact_cards(
    db: Database, ids: Collection[int] | None = None, progress: Progress | None = None
) -> list[VCardContact]:
    with db.unit_of_work() as s:
        return [
            VCardContact(
                first_name=c.first_name,
                last_name=c.last_name,
                civility=c.civility,
                organization=c.organization.legal_name if c.organization else None,
                role=c.role,
                phone=c.phone,
                mobile=c.mobile,
                email=c.email,
            )
            for c in _contacts(s, ids, progress)
        ]


def _counsellors(s: Session) -> dict[int, str]:
    return {c.id: c.name for c in s.scalars(select(Counsellor))}


def inquiries_table(
    db: Database, ids: Collection[int] | None = None, progress: Progress | None = None
) -> ExportTable:
    headers = (
        "Référence",
        "Reçue le",
        "Canal",
        "Statut",
        "Organisation",
        "SIRET",
        "Contact",
        "Conseiller",
        "Besoins",
        "Résumé",
        "Première action le",
        "Close le",
    )
    statement = select(Inquiry).options(
        selectinload(Inquiry.organization),
        selectinload(Inquiry.contact),
        selectinload(Inquiry.needs).selectinload(Need.subject),
    )
    with db.unit_of_work() as s:
        names = _counsellors(s)
        inquiries = _load(s, statement, Inquiry.id, ids, progress)
        rows = [
            (
                i.reference,
                i.received_at,
                label(i.channel),
                label(i.status),
                i.organization.legal_name if i.organization else None,
                format_siret(i.organization.siret)
                if i.organization and i.organization.siret
                else None,
                i.contact.full_name if i.contact else None,
                names.get(i.counsellor_id or 0),
                ", ".join(n.subject.name for n in i.needs),
                i.summary,
                i.first_action_at,
                i.closed_at,
            )
            for i in sorted(inquiries, key=lambda i: i.received_at, reverse=True)
        ]
    return ExportTable("Demandes", headers, rows)


def referrals_table(
    db: Database, ids: Collection[int] | None = None, progress: Progress | None = None
) -> ExportTable:
    headers = (
        "Demande",
        "Besoin",
        "Entreprise",
        "Partenaire",
        "Interlocuteur",
        "Statut",
        "Conseiller",
        "Proposée le",
        "Envoyée le",
        "Prise en charge le",
        "Close le",
        "Relance le",
        "Motif du refus",
        "Résultat",
    )
    statement = select(Referral).options(
        selectinload(Referral.need).selectinload(Need.inquiry).selectinload(Inquiry.organization),
        selectinload(Referral.need).selectinload(Need.subject),
        selectinload(Referral.partner),
        selectinload(Referral.partner_contact),
    )
    with db.unit_of_work() as s:
        names = _counsellors(s)
        referrals = _load(s, statement, Referral.id, ids, progress)
        rows = [
            (
                r.need.inquiry.reference,
                r.need.subject.name,
                r.need.inquiry.organization.legal_name if r.need.inquiry.organization else None,
                r.partner.legal_name,
                r.partner_contact.full_name if r.partner_contact else None,
                label(r.status),
                names.get(r.counsellor_id or 0),
                r.proposed_at,
                r.sent_at,
                r.taken_care_at,
                r.closed_at,
                r.follow_up_on,
                r.refusal_reason,
                r.outcome_note,
            )
            for r in sorted(referrals, key=lambda r: r.proposed_at, reverse=True)
        ]
    return ExportTable("Mises en relation", headers, rows)


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
