"""Import of registrations from a CSV or XLSX export of an online form.

The file is read and its columns mapped by the directory import's machinery (``importers``:
limits, encodings, header guessing, remembered mappings). Each row is matched to an existing
contact by e-mail, then by name and company; otherwise a contact (and, when its company is not
in the directory, the company) is created, validated as in the intake. A row that cannot be
read is reported with its line and reason; the others are registered (waiting list included).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.errors import GuichetError, NotFoundError, ValidationError
from guichet.importers.mapping import FIELDS_BY_KEY, Mapping
from guichet.importers.rows import name_key
from guichet.importers.tables import Table
from guichet.models import Contact, Meeting, Organization, OrganizationKind, RegistrationStatus
from guichet.reference.text import fold
from guichet.services.imports import MappingChoice, OrganizationImportService
from guichet.services.intake import NewContact, validate_new_contact
from guichet.services.meeting_registrations import create_person, register_contact

#: The fields a registration file may fill (the others of the directory import are ignored).
REGISTRATION_FIELDS = (
    "contact_name",
    "contact_first_name",
    "contact_last_name",
    "legal_name",
    "contact_role",
    "contact_email",
    "email",
    "contact_phone",
    "phone",
)
FIELD_LABELS = {
    "contact_name": "Nom complet",
    "contact_first_name": "Prénom",
    "contact_last_name": "Nom",
    "legal_name": "Entreprise",
    "contact_role": "Fonction",
    "contact_email": "E-mail",
    "email": "E-mail",
    "contact_phone": "Téléphone",
    "phone": "Téléphone",
}


@dataclass(frozen=True)
class RegistrationRow:
    """One line of the file, read: who, from which company."""

    line: int
    person: NewContact
    company: str


@dataclass
class RegistrationImportReport:
    matched_by_email: int = 0
    matched_by_name: int = 0
    new_contacts: int = 0
    new_companies: int = 0
    registered: int = 0
    waiting: int = 0
    already: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.registered} inscrits", f"{self.waiting} en liste d'attente"]
        if self.already:
            parts.append(f"{self.already} déjà inscrits")
        parts.append(
            f"contacts reconnus : {self.matched_by_email} par e-mail, "
            f"{self.matched_by_name} par nom et entreprise ; {self.new_contacts} créés"
        )
        if self.errors:
            parts.append(f"{len(self.errors)} lignes non importées")
        return " ; ".join(parts) + "."


def read_registration_file(db: Database, path: Path) -> tuple[Table, MappingChoice]:
    """The file within the import limits, and its mapping guessed from the headers."""
    service = OrganizationImportService(db)
    table = service.read(path)
    choice = service.mapping_for(table)
    kept = tuple(key if key in REGISTRATION_FIELDS else None for key in choice.mapping)
    return table, MappingChoice(kept, choice.remembered)


def check_registration_mapping(mapping: Mapping) -> None:
    keys = {k for k in mapping if k}
    if not keys & {"contact_name", "contact_last_name"}:
        raise ValidationError(
            "Choisissez la colonne qui contient le nom des personnes.", field="mapping"
        )
    used = [k for k in mapping if k]
    twice = sorted({k for k in used if used.count(k) > 1})
    if twice:
        names = ", ".join(f"« {FIELD_LABELS.get(k, FIELDS_BY_KEY[k].label)} »" for k in twice)
        raise ValidationError(
            f"Plusieurs colonnes vont dans le même champ : {names}. Gardez-en une seule.",
            field="mapping",
        )


def _split_full_name(full: str) -> tuple[str, str]:
    """« Claire MARTIN » or « Claire Martin » → (« Claire », « MARTIN »/« Martin »)."""
    parts = full.split()
    capitals = [p for p in parts if p.isupper() and len(p) > 1]
    if capitals and len(capitals) < len(parts):
        return " ".join(p for p in parts if p not in capitals), " ".join(capitals)
    if len(parts) < 2:
        return "", " ".join(parts)
    return " ".join(parts[:-1]), parts[-1]


def read_rows(table: Table, mapping: Mapping) -> tuple[list[RegistrationRow], list[str]]:
    """The rows as people, and the lines refused with their reason (blank lines skipped)."""
    check_registration_mapping(mapping)
    rows: list[RegistrationRow] = []
    errors: list[str] = []
    for line, cells in zip(table.line_numbers, table.rows, strict=True):
        values = {
            key: " ".join(cells[column].split())
            for column, key in enumerate(mapping)
            if key and column < len(cells) and cells[column].strip()
        }
        if not values:
            continue
        first = values.get("contact_first_name", "")
        last = values.get("contact_last_name", "")
        if not last and values.get("contact_name"):
            first, last = _split_full_name(values["contact_name"])
        try:
            person = validate_new_contact(
                NewContact(
                    last_name=last,
                    first_name=first,
                    role=values.get("contact_role", ""),
                    phone=values.get("contact_phone") or values.get("phone", ""),
                    email=values.get("contact_email") or values.get("email", ""),
                )
            )
        except ValidationError as exc:
            errors.append(f"Ligne {line} : {exc.message}")
            continue
        company = values.get("legal_name", "")[:250]
        rows.append(RegistrationRow(line, person, company))
    return rows, errors


class _Matcher:
    """Existing contacts by e-mail, and by (first name, last name, company key)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_email: dict[str, int] = {}
        self.by_name: dict[tuple[str, str, str], int] = {}
        self.companies: dict[str, int] = {}
        for org_id, legal, trade in session.execute(
            select(Organization.id, Organization.legal_name, Organization.trade_name)
        ).all():
            for name in (legal, trade):
                if name:
                    self.companies.setdefault(name_key(name), org_id)
        contacts = session.execute(
            select(Contact.id, Contact.email, Contact.first_name, Contact.last_name, Organization)
            .outerjoin(Organization, Organization.id == Contact.organization_id)
            .where(Contact.anonymized_at.is_(None))
            .order_by(Contact.id)
        ).all()
        for contact_id, email, first, last, org in contacts:
            if email:
                self.by_email.setdefault(email.casefold(), contact_id)
            names = [org.legal_name, org.trade_name] if org is not None else [""]
            for company in names:
                if company is not None:
                    key = (fold(first or ""), fold(last), name_key(company) if company else "")
                    self.by_name.setdefault(key, contact_id)

    def find(self, row: RegistrationRow) -> tuple[int | None, str]:
        if row.person.email and row.person.email.casefold() in self.by_email:
            return self.by_email[row.person.email.casefold()], "email"
        key = (
            fold(row.person.first_name),
            fold(row.person.last_name),
            name_key(row.company) if row.company else "",
        )
        if key in self.by_name:
            return self.by_name[key], "name"
        return None, ""

    def company(self, name: str) -> tuple[int | None, bool]:
        """The company's id (created when new); True when it was created."""
        if not name:
            return None, False
        key = name_key(name)
        if key in self.companies:
            return self.companies[key], False
        org = Organization(legal_name=name, kind=OrganizationKind.COMPANY)
        self.session.add(org)
        self.session.flush()
        self.companies[key] = org.id
        return org.id, True

    def remember(self, contact: Contact, row: RegistrationRow) -> None:
        if contact.email:
            self.by_email.setdefault(contact.email.casefold(), contact.id)
        company = name_key(row.company) if row.company else ""
        key = (fold(contact.first_name or ""), fold(contact.last_name), company)
        self.by_name.setdefault(key, contact.id)


def import_registrations(
    db: Database,
    meeting_id: int,
    table: Table,
    mapping: Mapping,
    *,
    at: datetime | None = None,
) -> RegistrationImportReport:
    """Register every readable row, in one transaction."""
    rows, errors = read_rows(table, mapping)
    report = RegistrationImportReport(errors=errors)
    moment = (at or datetime.now()).replace(microsecond=0)
    with db.unit_of_work() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFoundError("Cette réunion n'existe plus.")
        matcher = _Matcher(session)
        for row in rows:
            contact_id, how = matcher.find(row)
            if contact_id is not None:
                contact = session.get(Contact, contact_id)
                assert contact is not None
                if how == "email":
                    report.matched_by_email += 1
                else:
                    report.matched_by_name += 1
            else:
                org_id, created = matcher.company(row.company)
                report.new_companies += int(created)
                contact = create_person(session, row.person, org_id, moment)
                matcher.remember(contact, row)
                report.new_contacts += 1
            try:
                reg = register_contact(session, meeting, contact, moment)
            except GuichetError as exc:
                if "déjà inscrit" not in exc.message:
                    raise
                report.already += 1
                continue
            if reg.status == RegistrationStatus.WAITING:
                report.waiting += 1
            else:
                report.registered += 1
    return report
