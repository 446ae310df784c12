"""The exports as they were built before they were streamed: ORM objects, loaded with their
relationships, sorted in Python. The streamed builders (guichet/services/export_tables.py) must
give exactly these rows; kept here, frozen, as the oracle of tests/services/test_streamed_exports.py.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from guichet.db import Database
from guichet.exporters.tables import ExportTable
from guichet.exporters.vcard import VCardContact
from guichet.models import Contact, Counsellor, Inquiry, Need, Organization, Referral, label
from guichet.reference.headcount import headcount_label
from guichet.reference.identifiers import format_siret
from guichet.reference.legal_forms import legal_form_label
from guichet.reference.phones import format_phone
from guichet.services.personal_data.opposition import reachable

CHUNK = 500
Progress = Callable[[int, int], None]


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
        .where(Contact.anonymized_at.is_(None), reachable())  # opposition honoured
    )
    found = _load(s, statement, Contact.id, ids, progress)
    return sorted(
        found, key=lambda c: (c.last_name.casefold(), (c.first_name or "").casefold(), c.id)
    )


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
