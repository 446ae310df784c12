"""Registrations to a meeting: capacity, waiting list with promotion, attendance, walk-ins.

Each public function is one user action (one unit of work). A seat is held by the statuses of
``SEATED``; when the meeting is full a new registrant goes on the waiting list, and a seat
freed by a cancellation goes to the first one waiting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import (
    Contact,
    LegalBasis,
    Meeting,
    MeetingStatus,
    Organization,
    Registration,
    RegistrationStatus,
    label,
)
from guichet.models.meeting_enums import SEATED
from guichet.services.intake import NewContact, validate_new_contact

#: What the counsellor may set by hand on a registration (attendance and the like).
SETTABLE = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.PRESENT,
    RegistrationStatus.EXCUSED,
    RegistrationStatus.ABSENT,
    RegistrationStatus.CANCELLED,
)


@dataclass(frozen=True)
class RegistrationResult:
    """What a change did: the registration's new status, and who was promoted, if anyone."""

    registration_id: int
    status: RegistrationStatus
    message: str
    promoted: str | None = None


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFoundError("Cette réunion n'existe plus.")
    return meeting


def _registration(session: Session, registration_id: int) -> Registration:
    reg = session.get(Registration, registration_id)
    if reg is None:
        raise NotFoundError("Cette inscription n'existe plus.")
    return reg


def _seated(session: Session, meeting_id: int, *, but: int | None = None) -> int:
    query = (
        select(func.count())
        .select_from(Registration)
        .where(Registration.meeting_id == meeting_id, Registration.status.in_(SEATED))
    )
    if but is not None:
        query = query.where(Registration.id != but)
    return session.scalar(query) or 0


def _waiting(session: Session, meeting_id: int) -> list[Registration]:
    return list(
        session.scalars(
            select(Registration)
            .where(
                Registration.meeting_id == meeting_id,
                Registration.status == RegistrationStatus.WAITING,
            )
            .order_by(Registration.waiting_position, Registration.registered_at, Registration.id)
        )
    )


def _renumber(session: Session, meeting_id: int) -> None:
    session.flush()
    for position, reg in enumerate(_waiting(session, meeting_id), start=1):
        if reg.waiting_position != position:
            reg.waiting_position = position


def promote_waiting(session: Session, meeting: Meeting) -> str | None:
    """Give free seats to those waiting, first come first served; the last name promoted."""
    session.flush()
    promoted = None
    for reg in _waiting(session, meeting.id):
        if meeting.capacity is not None and _seated(session, meeting.id) >= meeting.capacity:
            break
        reg.status = RegistrationStatus.REGISTERED
        reg.waiting_position = None
        session.flush()
        promoted = reg.contact.full_name
    _renumber(session, meeting.id)
    return promoted


def _seat_or_wait(session: Session, meeting: Meeting, reg: Registration) -> None:
    seated = _seated(session, meeting.id, but=reg.id)
    if meeting.capacity is not None and seated >= meeting.capacity:
        others = [w for w in _waiting(session, meeting.id) if w.id != reg.id]
        reg.status = RegistrationStatus.WAITING
        reg.waiting_position = len(others) + 1
    else:
        reg.status = RegistrationStatus.REGISTERED
        reg.waiting_position = None


def register_contact(
    session: Session, meeting: Meeting, contact: Contact, at: datetime, *, walk_in: bool = False
) -> Registration:
    """Inside a unit of work: register ``contact`` (seated, waiting, or present if walk-in)."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("Cette réunion est annulée : elle ne prend plus d'inscriptions.")
    reg = session.scalar(
        select(Registration).where(
            Registration.meeting_id == meeting.id, Registration.contact_id == contact.id
        )
    )
    if reg is not None and reg.status != RegistrationStatus.CANCELLED:
        if walk_in:
            reg.status, reg.waiting_position = RegistrationStatus.PRESENT, None
            _renumber(session, meeting.id)
            return reg
        raise ValidationError(
            f"{contact.full_name} est déjà inscrit(e) ({label(reg.status).lower()})."
        )
    if reg is None:
        reg = Registration(meeting_id=meeting.id, contact_id=contact.id, registered_at=at)
        session.add(reg)
    else:
        reg.registered_at = at
    session.flush()
    if walk_in:
        reg.walk_in = True
        reg.status, reg.waiting_position = RegistrationStatus.PRESENT, None
    else:
        reg.walk_in = False
        _seat_or_wait(session, meeting, reg)
    session.flush()
    return reg


def _result(reg: Registration, promoted: str | None = None) -> RegistrationResult:
    name = reg.contact.full_name
    if reg.status == RegistrationStatus.WAITING:
        message = f"Réunion complète : {name} est en liste d'attente (n° {reg.waiting_position})."
    else:
        message = f"{name} : {label(reg.status).lower()}."
    if promoted:
        message += (
            f" Une place s'est libérée : {promoted} passe de la liste d'attente aux inscrits."
        )
    return RegistrationResult(reg.id, reg.status, message, promoted)


def create_person(
    session: Session, person: NewContact, organization_id: int | None, at: datetime
) -> Contact:
    """A new contact validated as in the intake (phone, e-mail), attached to its organisation."""
    checked = validate_new_contact(person)
    if organization_id is not None and session.get(Organization, organization_id) is None:
        raise ValidationError("Cette entreprise n'existe plus dans l'annuaire.")
    contact = Contact(
        organization_id=organization_id,
        civility=checked.civility or None,
        first_name=checked.first_name or None,
        last_name=checked.last_name,
        role=checked.role or None,
        phone=checked.phone or None,
        email=checked.email or None,
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        legal_basis_source="Inscription à une réunion",
        last_inbound_at=at,
    )
    session.add(contact)
    session.flush()
    return contact


def _contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None or contact.anonymized_at is not None:
        raise ValidationError("Ce contact n'existe plus.")
    return contact


def register(
    db: Database,
    meeting_id: int,
    *,
    contact_id: int | None = None,
    new_person: NewContact | None = None,
    organization_id: int | None = None,
    at: datetime | None = None,
    walk_in: bool = False,
) -> RegistrationResult:
    """Register an existing contact, or a new person created on the way; a walk-in is
    present at once (they are in the room, capacity or not)."""
    moment = (at or datetime.now()).replace(microsecond=0)
    with db.unit_of_work() as session:
        meeting = _meeting(session, meeting_id)
        if contact_id is not None:
            contact = _contact(session, contact_id)
        elif new_person is not None:
            contact = create_person(session, new_person, organization_id, moment)
        else:
            raise ValidationError("Choisissez la personne à inscrire.", field="contact")
        return _result(register_contact(session, meeting, contact, moment, walk_in=walk_in))


def _set_status(
    session: Session, reg: Registration, status: RegistrationStatus
) -> RegistrationResult:
    meeting = _meeting(session, reg.meeting_id)
    if reg.status == status:
        return _result(reg)
    was_waiting = reg.status == RegistrationStatus.WAITING
    if status == RegistrationStatus.REGISTERED and reg.status == RegistrationStatus.CANCELLED:
        _seat_or_wait(session, meeting, reg)
        session.flush()
        return _result(reg)
    reg.status = status
    reg.waiting_position = None
    promoted = None
    if status == RegistrationStatus.CANCELLED and not was_waiting:
        promoted = promote_waiting(session, meeting)
    _renumber(session, meeting.id)
    return _result(reg, promoted)


def set_status(
    db: Database, registration_id: int, status: RegistrationStatus
) -> RegistrationResult:
    """Cancel, or note attendance; a freed seat goes to the first person waiting."""
    if status not in SETTABLE:
        raise ValidationError(f"Statut « {label(status)} » : non modifiable à la main.")
    with db.unit_of_work() as session:
        return _set_status(session, _registration(session, registration_id), status)


def toggle_presence(db: Database, registration_id: int) -> RegistrationResult:
    """Space on the attendance list: présent ↔ inscrit."""
    with db.unit_of_work() as session:
        reg = _registration(session, registration_id)
        present = reg.status == RegistrationStatus.PRESENT
        target = RegistrationStatus.REGISTERED if present else RegistrationStatus.PRESENT
        return _set_status(session, reg, target)


def set_capacity(db: Database, meeting_id: int, capacity: int | None) -> str | None:
    """Change the capacity; a larger room promotes those waiting (the last name promoted)."""
    if capacity is not None and capacity < 1:
        raise ValidationError("La capacité doit être d'au moins une place.", field="capacity")
    with db.unit_of_work() as session:
        meeting = _meeting(session, meeting_id)
        meeting.capacity = capacity
        return promote_waiting(session, meeting)


@dataclass(frozen=True)
class PersonChoice:
    """A contact offered by the registrants' type-ahead."""

    id: int
    name: str
    organization: str
    email: str
    role: str


def person_choices(db: Database) -> list[PersonChoice]:
    """Every contact one may register (not anonymised), sorted by name."""
    with db.unit_of_work(write=False) as session:
        rows = session.execute(
            select(
                Contact.id,
                Contact.civility,
                Contact.first_name,
                Contact.last_name,
                Contact.email,
                Contact.role,
                Organization.legal_name,
            )
            .outerjoin(Organization, Organization.id == Contact.organization_id)
            .where(Contact.anonymized_at.is_(None))
            .order_by(Contact.last_name, Contact.first_name, Contact.id)
        ).all()
    return [
        PersonChoice(
            id=cid,
            name=" ".join(p for p in (first, last) if p),
            organization=org or "",
            email=email or "",
            role=role or "",
        )
        for cid, _civility, first, last, email, role, org in rows
    ]
