"""Plain rows describing referrals, built from ORM objects inside a unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from guichet.models import Inquiry, Need, Organization, Referral, ReferralStatus, Subject, label
from guichet.reference.phones import format_phone


@dataclass(frozen=True)
class ReferralRow:
    id: int
    reference: str
    need_id: int
    inquiry_id: int
    inquiry_reference: str
    company: str
    subject: str
    partner_id: int
    partner: str
    contact: str
    contact_phone: str
    contact_email: str
    status: ReferralStatus
    status_label: str
    proposed_at: datetime
    sent_at: datetime | None
    taken_care_at: datetime | None
    closed_at: datetime | None
    last_follow_up_at: datetime | None
    follow_up_on: date | None
    last_chance_on: date | None
    expires_on: date | None
    reason: str
    refusal_reason: str
    outcome_note: str
    version: int


def referral_reference(inquiry_reference: str, referral_id: int) -> str:
    """The number quoted on both letters: the inquiry's reference and the referral's id."""
    return f"{inquiry_reference}-{referral_id}"


def loaded_referrals() -> Select[Referral]:
    """A query for referrals with what a row needs already loaded."""
    return select(Referral).options(
        selectinload(Referral.need).selectinload(Need.inquiry).selectinload(Inquiry.organization),
        selectinload(Referral.need).selectinload(Need.inquiry).selectinload(Inquiry.contact),
        selectinload(Referral.need).selectinload(Need.subject).selectinload(Subject.theme),
        selectinload(Referral.partner),
        selectinload(Referral.partner_contact),
    )


def organization_name(org: Organization | None) -> str:
    return org.display_name if org is not None else ""


def inquiry_party(inquiry: Inquiry) -> str:
    """Who asked: the organization, or the person for a project holder without one."""
    if inquiry.organization is not None:
        return inquiry.organization.display_name
    if inquiry.contact is not None:
        return inquiry.contact.full_name
    return "—"


def referral_row(r: Referral) -> ReferralRow:
    inquiry = r.need.inquiry
    contact = r.partner_contact
    return ReferralRow(
        id=r.id,
        reference=referral_reference(inquiry.reference, r.id),
        need_id=r.need_id,
        inquiry_id=inquiry.id,
        inquiry_reference=inquiry.reference,
        company=inquiry_party(inquiry),
        subject=r.need.subject.name,
        partner_id=r.partner_id,
        partner=organization_name(r.partner),
        contact=contact.full_name if contact else "",
        contact_phone=format_phone(
            ((contact.phone or contact.mobile) if contact else r.partner.phone) or ""
        ),
        contact_email=(contact.email or "") if contact else (r.partner.email or ""),
        status=r.status,
        status_label=label(r.status),
        proposed_at=r.proposed_at,
        sent_at=r.sent_at,
        taken_care_at=r.taken_care_at,
        closed_at=r.closed_at,
        last_follow_up_at=r.last_follow_up_at,
        follow_up_on=r.follow_up_on,
        last_chance_on=r.last_chance_on,
        expires_on=r.expires_on,
        reason=r.reason or "",
        refusal_reason=r.refusal_reason or "",
        outcome_note=r.outcome_note or "",
        version=r.version,
    )
