"""Everything Guichet holds about one person, as plain JSON-ready data (right of access).

The contact's own record, the inquiries they made (needs, information given, referrals,
notes), the referrals they received as a partner's person, the letters that name them, the
meetings (invitations, registrations, talks), the visits, the opportunity relays sent to them,
and the audit entries about their record and their inquiries.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from guichet.errors import NotFoundError
from guichet.models import (
    AuditEntry,
    Contact,
    Counsellor,
    Inquiry,
    Invitation,
    Letter,
    Meeting,
    MeetingSpeaker,
    Need,
    Opportunity,
    Referral,
    Registration,
    Relay,
    Visit,
    label,
)
from guichet.reference.phones import format_phone
from guichet.services.personal_data.activity import last_contact_from

FORMAT = "guichet.donnees-personnelles"


def _v(value: Any) -> Any:
    """A JSON value: dates in ISO form, enums by their French label."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return label(value)
    return value


def _contact(contact: Contact, last: datetime | None) -> dict[str, Any]:
    org = contact.organization
    return {
        "id": contact.id,
        "civilite": contact.civility,
        "prenom": contact.first_name,
        "nom": contact.last_name,
        "fonction": contact.role,
        "telephone": format_phone(contact.phone) if contact.phone else None,
        "portable": format_phone(contact.mobile) if contact.mobile else None,
        "email": contact.email,
        "adresse": ", ".join(
            p
            for p in (
                contact.address_building,
                contact.address_street,
                contact.address_locality,
                contact.postal_code,
                contact.city,
            )
            if p
        )
        or None,
        "organisation": org.legal_name if org is not None else None,
        "base_legale": _v(contact.legal_basis),
        "base_legale_depuis": _v(contact.legal_basis_on),
        "base_legale_source": contact.legal_basis_source,
        "consentement_le": _v(contact.consent_on),
        "opposition_le": _v(contact.opposed_on),
        "fiche_creee_le": _v(contact.created_at),
        "dernier_contact_de_sa_part": _v(last),
        "anonymise_le": _v(contact.anonymized_at),
    }


def _need(need: Need) -> dict[str, Any]:
    return {
        "thematique": need.subject.theme.name,
        "sujet": need.subject.name,
        "description": need.description,
        "suite": _v(need.outcome),
        "orientation": need.orientation_note,
        "informations_donnees": [
            {"ressource": g.resource.title, "le": _v(g.given_at), "note": g.note}
            for g in need.information_given
        ],
        "mises_en_relation": [_referral(r) for r in need.referrals],
    }


def _referral(referral: Referral) -> dict[str, Any]:
    return {
        "partenaire": referral.partner.legal_name,
        "statut": _v(referral.status),
        "proposee_le": _v(referral.proposed_at),
        "envoyee_le": _v(referral.sent_at),
        "prise_en_charge_le": _v(referral.taken_care_at),
        "motif": referral.reason,
        "resultat": referral.outcome_note,
    }


def _inquiry(inquiry: Inquiry) -> dict[str, Any]:
    return {
        "reference": inquiry.reference,
        "recue_le": _v(inquiry.received_at),
        "canal": _v(inquiry.channel),
        "statut": _v(inquiry.status),
        "close_le": _v(inquiry.closed_at),
        "organisation": inquiry.organization.legal_name if inquiry.organization else None,
        "resume": inquiry.summary,
        "accord_transmission": inquiry.consent_to_share,
        "besoins": [_need(n) for n in inquiry.needs],
        "notes": [{"le": _v(n.created_at), "texte": n.text} for n in inquiry.notes],
    }


def _letters(session: Session, contact_id: int, inquiry_ids: list[int]) -> list[Letter]:
    return list(
        session.scalars(
            select(Letter)
            .where(
                or_(
                    Letter.inquiry_id.in_(inquiry_ids),
                    Letter.referral_id.in_(
                        select(Referral.id).where(Referral.partner_contact_id == contact_id)
                    ),
                    Letter.id.in_(select(Relay.letter_id).where(Relay.contact_id == contact_id)),
                )
            )
            .order_by(Letter.generated_at, Letter.id)
        )
    )


def _meetings(session: Session, contact_id: int) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for inv, meeting in session.execute(
        select(Invitation, Meeting).join(Meeting).where(Invitation.contact_id == contact_id)
    ):
        found.append(
            {"reunion": meeting.title, "le": _v(meeting.start_at), "invitation": _v(inv.sent_on)}
        )
    for reg, meeting in session.execute(
        select(Registration, Meeting).join(Meeting).where(Registration.contact_id == contact_id)
    ):
        found.append(
            {
                "reunion": meeting.title,
                "le": _v(meeting.start_at),
                "inscription": _v(reg.registered_at),
                "statut": _v(reg.status),
            }
        )
    for _speaker, meeting in session.execute(
        select(MeetingSpeaker, Meeting).join(Meeting).where(MeetingSpeaker.contact_id == contact_id)
    ):
        found.append({"reunion": meeting.title, "le": _v(meeting.start_at), "intervention": True})
    return found


def _audit(session: Session, contact_id: int, inquiry_ids: list[int]) -> list[dict[str, Any]]:
    names = {row.id: row.name for row in session.execute(select(Counsellor.id, Counsellor.name))}
    rows = session.scalars(
        select(AuditEntry)
        .where(
            or_(
                (AuditEntry.entity == "contact") & (AuditEntry.record_id == contact_id),
                (AuditEntry.entity == "inquiry") & AuditEntry.record_id.in_(inquiry_ids),
            )
        )
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return [
        {
            "le": _v(e.at),
            "conseiller": names.get(e.counsellor_id) if e.counsellor_id else None,
            "fiche": e.entity,
            "fiche_id": e.record_id,
            "action": _v(e.action),
            "champ": e.field,
            "ancienne_valeur": e.old_value,
            "nouvelle_valeur": e.new_value,
        }
        for e in rows
    ]


def person_data(session: Session, contact_id: int) -> tuple[dict[str, Any], list[Letter]]:
    """The person's data (JSON-ready) and the archived letters that name them."""
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFoundError("Ce contact n'existe plus.")
    inquiries = list(
        session.scalars(
            select(Inquiry).where(Inquiry.contact_id == contact_id).order_by(Inquiry.received_at)
        )
    )
    inquiry_ids = [i.id for i in inquiries]
    letters = _letters(session, contact_id, inquiry_ids)
    partner_referrals = session.scalars(
        select(Referral).where(Referral.partner_contact_id == contact_id)
    ).all()
    relays = session.execute(
        select(Relay, Opportunity).join(Opportunity).where(Relay.contact_id == contact_id)
    ).all()
    visits = session.scalars(select(Visit).where(Visit.contact_id == contact_id)).all()
    data = {
        "format": FORMAT,
        "version": 1,
        "personne": _contact(contact, last_contact_from(session, contact_id)),
        "demandes": [_inquiry(i) for i in inquiries],
        "mises_en_relation_recues": [_referral(r) for r in partner_referrals],
        "courriers": [
            {
                "type": _v(x.kind),
                "genere_le": _v(x.generated_at),
                "envoye_le": _v(x.sent_at),
                "fichier": None if x.erased_at else f"courriers/{x.id}-{x.file_name}",
                "efface_le": _v(x.erased_at),
            }
            for x in letters
        ],
        "reunions": _meetings(session, contact_id),
        "visites": [
            {"prevue_le": _v(v.planned_at), "statut": _v(v.status), "notes": v.notes}
            for v in visits
        ],
        "opportunites_relayees": [
            {"opportunite": o.title, "le": _v(r.relayed_at), "canal": _v(r.channel)}
            for r, o in relays
        ],
        "historique": _audit(session, contact_id, inquiry_ids),
    }
    return data, letters
