"""Logging a new inquiry: validate the form, create the contact if new, allocate the reference,
store the inquiry with its needs — all in one transaction.

Warnings (repeat request, company flagged « ne pas orienter ») never block: they come back with
the result and are shown while the form is being filled (:mod:`guichet.services.intake_context`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import (
    Channel,
    Contact,
    Counsellor,
    InformationGiven,
    Inquiry,
    InquiryStatus,
    LegalBasis,
    Meeting,
    Need,
    NeedOutcome,
    Organization,
    Resource,
    Subject,
)
from guichet.reference.emails import validate_email_address
from guichet.reference.phones import validate_phone
from guichet.reference.text import clean_text
from guichet.services.inquiry_reference import next_reference
from guichet.services.inquiry_status import set_outcome
from guichet.services.intake_context import IntakeWarning, find_warnings

#: Arrival times a little ahead of the clock are accepted (two machines rarely agree).
CLOCK_TOLERANCE = timedelta(minutes=10)
MAX_NEEDS = 20
REFERENCE_ATTEMPTS = 5
MAX_DESCRIPTION = 20_000


@dataclass(frozen=True)
class NewContact:
    last_name: str
    first_name: str = ""
    civility: str = ""
    role: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class NeedDraft:
    subject_id: int
    description: str = ""
    #: resources handed over during the visit (the need is then « informé »)
    resource_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class IntakeDraft:
    received_at: datetime
    needs: tuple[NeedDraft, ...]
    channel: Channel = Channel.DESK
    counsellor_id: int | None = None
    organization_id: int | None = None
    contact_id: int | None = None
    new_contact: NewContact | None = None
    summary: str = ""
    consent_to_share: bool = False
    consent_at: datetime | None = None
    meeting_id: int | None = None  # the meeting where the need was heard
    #: the offline outbox item this inquiry comes from (guichet.services.outbox)
    offline_key: str | None = None


@dataclass(frozen=True)
class InquiryCreated:
    id: int
    reference: str
    organization_id: int | None
    contact_id: int | None
    need_ids: tuple[int, ...]
    warnings: tuple[IntakeWarning, ...] = field(default=())


def _text(value: str, limit: int, label: str, name: str) -> str:
    cleaned = " ".join(clean_text(value or "").split())
    if len(cleaned) > limit:
        raise ValidationError(
            f"{label} est trop long ({len(cleaned)} caractères, {limit} au plus).", field=name
        )
    return cleaned


def validate_new_contact(contact: NewContact) -> NewContact:
    """The contact with its phone in E.164 and its e-mail normalised, or a French error."""
    last_name = _text(contact.last_name, 120, "Le nom du contact", "contact_last_name")
    if not last_name:
        raise ValidationError(
            "Le nom du nouveau contact est obligatoire.", field="contact_last_name"
        )
    phone = contact.phone.strip()
    email = contact.email.strip()
    return NewContact(
        last_name=last_name,
        first_name=_text(contact.first_name, 80, "Le prénom du contact", "contact_first_name"),
        civility=_text(contact.civility, 10, "La civilité", "contact_civility"),
        role=_text(contact.role, 120, "La fonction du contact", "contact_role"),
        phone=validate_phone(phone, field="contact_phone") if phone else "",
        email=validate_email_address(email, field="contact_email") if email else "",
    )


def validate_draft(draft: IntakeDraft, *, now: datetime | None = None) -> IntakeDraft:
    """Checks what can be checked without the database; returns the cleaned draft."""
    moment = now or datetime.now()
    if draft.received_at > moment + CLOCK_TOLERANCE:
        raise ValidationError("L'heure d'arrivée est dans le futur.", field="received_at")
    if not draft.needs:
        raise ValidationError("Indiquez au moins un besoin.", field="needs")
    if len(draft.needs) > MAX_NEEDS:
        raise ValidationError(f"Une demande compte au plus {MAX_NEEDS} besoins.", field="needs")
    for need in draft.needs:
        if len(need.description) > MAX_DESCRIPTION:
            raise ValidationError(
                f"La description d'un besoin dépasse {MAX_DESCRIPTION} caractères.",
                field="needs",
            )
    new_contact = validate_new_contact(draft.new_contact) if draft.new_contact else None
    if draft.organization_id is None and draft.contact_id is None and new_contact is None:
        raise ValidationError(
            "Indiquez l'entreprise ou la personne qui fait la demande.", field="organization"
        )
    consent_at = draft.consent_at or draft.received_at if draft.consent_to_share else None
    return IntakeDraft(
        received_at=draft.received_at.replace(microsecond=0),
        needs=tuple(
            NeedDraft(
                n.subject_id,
                clean_text(n.description, multiline=True).strip(),
                tuple(dict.fromkeys(n.resource_ids)),
            )
            for n in draft.needs
        ),
        channel=Channel(draft.channel),
        counsellor_id=draft.counsellor_id,
        organization_id=draft.organization_id,
        contact_id=None if new_contact else draft.contact_id,
        new_contact=new_contact,
        summary=clean_text(draft.summary, multiline=True).strip(),
        consent_to_share=draft.consent_to_share,
        consent_at=consent_at,
        meeting_id=draft.meeting_id,
        offline_key=draft.offline_key,
    )


def _check_references(session: Session, draft: IntakeDraft) -> Contact | None:
    if (
        draft.organization_id is not None
        and session.get(Organization, draft.organization_id) is None
    ):
        raise ValidationError(
            "Cette entreprise n'existe plus dans l'annuaire.", field="organization"
        )
    if draft.meeting_id is not None and session.get(Meeting, draft.meeting_id) is None:
        raise ValidationError("Cette réunion n'existe plus.", field="meeting")
    if draft.counsellor_id is not None and session.get(Counsellor, draft.counsellor_id) is None:
        raise ValidationError("Ce conseiller n'existe plus.", field="counsellor")
    contact = None
    if draft.contact_id is not None:
        contact = session.get(Contact, draft.contact_id)
        if contact is None or contact.anonymized_at is not None:
            raise ValidationError("Ce contact n'existe plus.", field="contact")
        if draft.organization_id is not None and contact.organization_id != draft.organization_id:
            raise ValidationError(
                "Ce contact n'appartient pas à l'entreprise choisie.", field="contact"
            )
    ids = {n.subject_id for n in draft.needs}
    subjects = {s.id: s for s in session.scalars(select(Subject).where(Subject.id.in_(ids)))}
    for subject_id in ids:
        subject = subjects.get(subject_id)
        if subject is None:
            raise ValidationError("Un des sujets choisis n'existe plus.", field="needs")
        if not subject.active:
            raise ValidationError(
                f"Le sujet « {subject.name} » n'est plus proposé : choisissez-en un autre.",
                field="needs",
            )
    return contact


def _new_contact(draft: IntakeDraft) -> Contact:
    new = draft.new_contact
    assert new is not None
    return Contact(
        organization_id=draft.organization_id,
        civility=new.civility or None,
        first_name=new.first_name or None,
        last_name=new.last_name,
        role=new.role or None,
        phone=new.phone or None,
        email=new.email or None,
        # a business contact at the desk: legitimate interest, consent when it was asked
        legal_basis=LegalBasis.CONSENT
        if draft.consent_to_share
        else LegalBasis.LEGITIMATE_INTEREST,
        legal_basis_source="Accueil d'une demande",
        consent_on=draft.consent_at.date() if draft.consent_at else None,
        last_inbound_at=draft.received_at,
    )


def _hand_over(session: Session, inquiry: Inquiry, draft: IntakeDraft) -> None:
    """Resources given during the visit: information given, need « informé », first action."""
    wanted = {r for n in draft.needs for r in n.resource_ids}
    if not wanted:
        return
    found = set(session.scalars(select(Resource.id).where(Resource.id.in_(wanted))))
    if found != wanted:
        raise ValidationError("Une des ressources choisies n'existe plus.", field="resources")
    for need, need_draft in zip(inquiry.needs, draft.needs, strict=True):
        for resource_id in need_draft.resource_ids:
            need.information_given.append(
                InformationGiven(
                    resource_id=resource_id,
                    given_at=draft.received_at,
                    counsellor_id=draft.counsellor_id,
                )
            )
        if need_draft.resource_ids:
            set_outcome(need, NeedOutcome.INFORMED, draft.received_at)


def _is_reference_clash(exc: IntegrityError) -> bool:
    text = str(exc.orig).lower()
    return "inquiry.reference" in text or "uq_inquiry_reference" in text


def create_inquiry(
    db: Database, draft: IntakeDraft, *, now: datetime | None = None
) -> InquiryCreated:
    """Stores the inquiry, its needs and the new contact in one transaction.

    Raises:
        ValidationError: a French message naming the field to correct; nothing is stored.
    """
    clean = validate_draft(draft, now=now)
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            return _store(db, clean)
        except IntegrityError as exc:
            if not _is_reference_clash(exc) or attempt == REFERENCE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _store(db: Database, draft: IntakeDraft) -> InquiryCreated:
    with db.unit_of_work() as session:
        contact = _check_references(session, draft)
        if draft.new_contact is not None:
            contact = _new_contact(draft)
            session.add(contact)
        elif contact is not None:
            if contact.last_inbound_at is None or contact.last_inbound_at < draft.received_at:
                contact.last_inbound_at = draft.received_at
            if draft.consent_to_share and draft.consent_at:
                contact.legal_basis = LegalBasis.CONSENT
                contact.consent_on = draft.consent_at.date()
        inquiry = Inquiry(
            reference=next_reference(session, draft.received_at.year),
            received_at=draft.received_at,
            channel=draft.channel,
            organization_id=draft.organization_id,
            contact=contact,
            counsellor_id=draft.counsellor_id,
            summary=draft.summary or None,
            status=InquiryStatus.NEW,
            consent_to_share=draft.consent_to_share,
            consent_at=draft.consent_at,
            meeting_id=draft.meeting_id,
            offline_key=draft.offline_key,
        )
        session.add(inquiry)
        for position, need in enumerate(draft.needs):
            inquiry.needs.append(
                Need(
                    subject_id=need.subject_id,
                    position=position,
                    description=need.description or None,
                )
            )
        _hand_over(session, inquiry, draft)
        session.flush()
        warnings = find_warnings(
            session,
            organization_id=draft.organization_id,
            email=contact.email if contact else None,
            subject_ids=[n.subject_id for n in draft.needs],
            at=draft.received_at,
            exclude_inquiry_id=inquiry.id,
        )
        return InquiryCreated(
            id=inquiry.id,
            reference=inquiry.reference,
            organization_id=draft.organization_id,
            contact_id=contact.id if contact else None,
            need_ids=tuple(n.id for n in inquiry.needs),
            warnings=tuple(warnings),
        )
