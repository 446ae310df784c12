"""The people of an organization: create, edit and delete contacts, with their legal basis."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from datetime import date

from sqlalchemy import func, or_, select

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import Contact, Inquiry, LegalBasis, Organization, Referral, label
from guichet.reference.emails import validate_email_address
from guichet.reference.phones import validate_phone
from guichet.reference.text import clean_text
from guichet.services.locking import ensure_current
from guichet.services.permissions import Permission, require

CIVILITIES = ("", "Mme", "M.")
#: The source recorded when the form leaves it empty.
DEFAULT_SOURCE = "Saisie dans Guichet"

CONTACT_LABELS: dict[str, str] = {
    "civility": "Civilité",
    "first_name": "Prénom",
    "last_name": "Nom",
    "role": "Fonction",
    "phone": "Téléphone",
    "mobile": "Portable",
    "email": "E-mail",
    "address_building": "Résidence, bâtiment",
    "address_street": "Numéro et voie",
    "address_locality": "Lieu-dit, boîte postale",
    "postal_code": "Code postal",
    "city": "Commune",
    "legal_basis": "Base légale",
    "consent_on": "Date du consentement",
    "legal_basis_on": "Base légale depuis le",
    "legal_basis_source": "Source de la base légale",
    "opposed_on": "Opposition aux communications",
}
_MAX_LENGTHS = {
    "civility": 10,
    "first_name": 80,
    "last_name": 120,
    "role": 120,
    "address_building": 120,
    "address_street": 120,
    "address_locality": 120,
    "postal_code": 10,
    "city": 80,
    "legal_basis_source": 200,
}
#: The person's own postal address (for a project holder, or a person without a company).
ADDRESS_FIELDS = ("address_building", "address_street", "address_locality", "postal_code", "city")


@dataclass(frozen=True)
class ContactChoice:
    """A contact offered in a list (intake form, referral suggestions): who, and how to reach."""

    id: int
    name: str
    role: str
    phone: str
    email: str


@dataclass(frozen=True)
class ContactData:
    """What the contact form edits."""

    last_name: str
    civility: str | None = None
    first_name: str | None = None
    role: str | None = None
    phone: str | None = None
    mobile: str | None = None
    email: str | None = None
    address_building: str | None = None
    address_street: str | None = None
    address_locality: str | None = None
    postal_code: str | None = None
    city: str | None = None
    legal_basis: LegalBasis | None = LegalBasis.LEGITIMATE_INTEREST
    consent_on: date | None = None
    opposed_on: date | None = None  # refused communications (meetings, mailings) on that day
    legal_basis_on: date | None = None  # when the basis was recorded (today when left empty)
    legal_basis_source: str | None = None  # how: « Accueil au guichet », « Formulaire »…


@dataclass(frozen=True)
class ContactInfo:
    id: int
    organization_id: int | None
    version: int
    data: ContactData
    full_name: str
    legal_basis_label: str

    def opened_values(self) -> dict[str, object]:
        return asdict(self.data)


def contact_info(contact: Contact) -> ContactInfo:
    data = ContactData(**{name: getattr(contact, name) for name in CONTACT_LABELS})
    return ContactInfo(
        id=contact.id,
        organization_id=contact.organization_id,
        version=contact.version,
        data=data,
        full_name=contact.full_name,
        legal_basis_label=label(contact.legal_basis) if contact.legal_basis else "",
    )


def check_contact(data: ContactData, today: date | None = None) -> ContactData:
    """Validate and normalise a contact form (French :class:`ValidationError` on bad input)."""
    values: dict[str, object] = {}
    for name in (
        "civility",
        "first_name",
        "last_name",
        "role",
        "phone",
        "mobile",
        "email",
        "legal_basis_source",
    ):
        raw = getattr(data, name)
        values[name] = (clean_text(raw).strip() or None) if isinstance(raw, str) else None
    for name in ADDRESS_FIELDS:  # one-line fields: a pasted line break becomes a space
        raw = getattr(data, name)
        values[name] = (" ".join(clean_text(raw).split()) or None) if isinstance(raw, str) else None
    for name, limit in _MAX_LENGTHS.items():
        value = values[name]
        if isinstance(value, str) and len(value) > limit:
            raise ValidationError(
                f"« {CONTACT_LABELS[name]} » ne doit pas dépasser {limit} caractères "
                f"({len(value)} saisis).",
                field=name,
            )
    if not values["last_name"]:
        raise ValidationError("Le nom du contact est obligatoire.", field="last_name")
    postal_code = values["postal_code"]
    if isinstance(postal_code, str):
        postal_code = values["postal_code"] = postal_code.replace(" ", "")
        if not re.fullmatch(r"\d{5}", postal_code):
            raise ValidationError(
                f"Code postal « {postal_code} » : 5 chiffres attendus.", field="postal_code"
            )
    for name in ("phone", "mobile"):
        if values[name]:
            values[name] = validate_phone(str(values[name]), field=name)
    if values["email"]:
        values["email"] = validate_email_address(str(values["email"]), field="email")
    if data.legal_basis == LegalBasis.CONSENT and data.consent_on is None:
        raise ValidationError(
            "Indiquez la date à laquelle la personne a donné son consentement.",
            field="consent_on",
        )
    if data.consent_on is not None and data.consent_on > (today or date.today()):
        raise ValidationError("La date du consentement est dans le futur.", field="consent_on")
    if data.legal_basis_on is not None and data.legal_basis_on > (today or date.today()):
        raise ValidationError(
            "La date de la base légale est dans le futur.", field="legal_basis_on"
        )
    return replace(data, **values)  # type: ignore[arg-type]


def with_basis_record(data: ContactData, stored: Contact | None = None) -> ContactData:
    """The basis's date and source filled when the form leaves them empty: kept from the
    stored record while the basis is the same, else the consent date or today, « Saisie dans
    Guichet »."""
    if data.legal_basis is None:
        return data
    same = stored is not None and stored.legal_basis == data.legal_basis
    day = data.legal_basis_on or (stored.legal_basis_on if same and stored else None)
    if day is None:
        day = (data.consent_on if data.legal_basis == LegalBasis.CONSENT else None) or date.today()
    source = data.legal_basis_source or (stored.legal_basis_source if same and stored else None)
    return replace(data, legal_basis_on=day, legal_basis_source=source or DEFAULT_SOURCE)


class ContactService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, contact_id: int) -> ContactInfo:
        with self.db.unit_of_work() as session:
            contact = session.get(Contact, contact_id)
            if contact is None:
                raise NotFoundError("Ce contact n'existe plus.")
            return contact_info(contact)

    def create(self, organization_id: int, data: ContactData) -> ContactInfo:
        checked = with_basis_record(check_contact(data))
        with self.db.unit_of_work() as session:
            if session.get(Organization, organization_id) is None:
                raise NotFoundError("Cette organisation n'existe plus.")
            contact = Contact(organization_id=organization_id, **asdict(checked))
            session.add(contact)
            session.flush()
            return contact_info(contact)

    def update(
        self,
        contact_id: int,
        data: ContactData,
        *,
        version: int | None,
        opened: dict[str, object] | None = None,
    ) -> ContactInfo:
        checked = check_contact(data)
        with self.db.unit_of_work() as session:
            contact = session.get(Contact, contact_id)
            if contact is None:
                raise NotFoundError("Ce contact n'existe plus (supprimé entre-temps).")
            ensure_current(contact, version, opened)
            checked = with_basis_record(checked, contact)
            for name, value in asdict(checked).items():
                if getattr(contact, name) != value:
                    setattr(contact, name, value)
            session.flush()
            return contact_info(contact)

    def delete(self, contact_id: int) -> None:
        """Delete a contact, unless an inquiry or a referral names them."""
        with self.db.unit_of_work() as session:
            require(session, Permission.DELETE)
            contact = session.get(Contact, contact_id)
            if contact is None:
                return
            uses = (
                session.scalar(
                    select(func.count())
                    .select_from(Inquiry)
                    .where(Inquiry.contact_id == contact_id)
                )
                or 0
            )
            uses += (
                session.scalar(
                    select(func.count())
                    .select_from(Referral)
                    .where(or_(Referral.partner_contact_id == contact_id))
                )
                or 0
            )
            if uses:
                raise ValidationError(
                    f"{contact.full_name} est cité(e) dans {uses} demande(s) ou mise(s) en "
                    "relation : la supprimer effacerait cet historique. Modifiez plutôt sa fiche, ou, "
                    "si la personne demande l'effacement de ses données, utilisez « Effacer "
                    "(RGPD) » : ces demandes restent, anonymisées."
                )
            session.delete(contact)
