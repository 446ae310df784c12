"""One inquiry in full: its needs with the information given and the referrals, and the
timeline of everything that happened to it (read-only view of referrals and letters)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from guichet.db import Database
from guichet.errors import NotFoundError
from guichet.models import (
    Channel,
    Counsellor,
    InformationGiven,
    Inquiry,
    InquiryStatus,
    Letter,
    Need,
    NeedOutcome,
    Referral,
    label,
)
from guichet.reference.phones import format_phone


@dataclass(frozen=True)
class GivenInfo:
    resource_id: int
    title: str
    given_at: datetime


@dataclass(frozen=True)
class ReferralInfo:
    id: int
    partner: str
    status: str
    proposed_at: datetime
    sent_at: datetime | None


@dataclass(frozen=True)
class NeedDetail:
    id: int
    version: int
    subject_id: int
    subject: str
    theme_id: int
    theme: str
    description: str
    outcome: NeedOutcome | None
    outcome_at: datetime | None
    orientation_note: str
    information: tuple[GivenInfo, ...]
    referrals: tuple[ReferralInfo, ...]

    @property
    def outcome_label(self) -> str:
        return label(self.outcome) if self.outcome else "À traiter"


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # received | information | outcome | referral | letter | note | closed
    text: str


@dataclass(frozen=True)
class InquiryDetail:
    id: int
    reference: str
    version: int
    received_at: datetime
    channel: Channel
    status: InquiryStatus
    organization_id: int | None
    organization: str
    do_not_refer: bool
    contact_id: int | None
    contact: str
    contact_details: str
    counsellor_id: int | None
    summary: str
    consent_to_share: bool
    consent_at: datetime | None
    first_action_at: datetime | None
    closed_at: datetime | None
    needs: tuple[NeedDetail, ...]
    timeline: tuple[TimelineEntry, ...]

    def editable_values(self) -> dict[str, object]:
        """The values an edit form shows, keyed by model attribute (for optimistic locking)."""
        return {
            "received_at": self.received_at,
            "channel": self.channel,
            "counsellor_id": self.counsellor_id,
            "summary": self.summary or None,
            "consent_to_share": self.consent_to_share,
            "consent_at": self.consent_at,
        }


def _need(need: Need) -> NeedDetail:
    return NeedDetail(
        id=need.id,
        version=need.version,
        subject_id=need.subject_id,
        subject=need.subject.name,
        theme_id=need.subject.theme_id,
        theme=need.subject.theme.name,
        description=need.description or "",
        outcome=need.outcome,
        outcome_at=need.outcome_at,
        orientation_note=need.orientation_note or "",
        information=tuple(
            GivenInfo(g.resource_id, g.resource.title, g.given_at)
            for g in sorted(need.information_given, key=lambda g: g.given_at)
        ),
        referrals=tuple(
            ReferralInfo(r.id, r.partner.legal_name, label(r.status), r.proposed_at, r.sent_at)
            for r in sorted(need.referrals, key=lambda r: r.proposed_at)
        ),
    )


def _timeline(
    inquiry: Inquiry, letters: list[Letter], names: dict[int, str]
) -> list[TimelineEntry]:
    entries = [TimelineEntry(inquiry.received_at, "received", "Demande reçue")]
    for need in inquiry.needs:
        subject = need.subject.name
        for given in need.information_given:
            entries.append(
                TimelineEntry(
                    given.given_at,
                    "information",
                    f"Information donnée ({subject}) : {given.resource.title}",
                )
            )
        for referral in need.referrals:
            entries.append(
                TimelineEntry(
                    referral.proposed_at,
                    "referral",
                    f"Mise en relation ({subject}) avec {referral.partner.legal_name} : "
                    f"{label(referral.status)}",
                )
            )
            if referral.sent_at:
                entries.append(
                    TimelineEntry(
                        referral.sent_at, "referral", f"Envoyée à {referral.partner.legal_name}"
                    )
                )
        if need.outcome is not None and need.outcome_at is not None:
            note = f" — {need.orientation_note}" if need.orientation_note else ""
            entries.append(
                TimelineEntry(
                    need.outcome_at, "outcome", f"{subject} : {label(need.outcome)}{note}"
                )
            )
    for letter in letters:
        entries.append(
            TimelineEntry(
                letter.generated_at, "letter", f"{label(letter.kind)} : {letter.file_name}"
            )
        )
    for remark in inquiry.notes:
        author = names.get(remark.author_id or 0, "")
        entries.append(
            TimelineEntry(
                remark.created_at,
                "note",
                f"Note{f' de {author}' if author else ''} : {remark.text}",
            )
        )
    if inquiry.closed_at is not None:
        entries.append(TimelineEntry(inquiry.closed_at, "closed", "Demande close"))
    entries.sort(key=lambda e: e.at)
    return entries


def inquiry_detail(db: Database, inquiry_id: int) -> InquiryDetail:
    with db.unit_of_work(write=False) as session:
        inquiry = session.scalar(
            select(Inquiry)
            .where(Inquiry.id == inquiry_id)
            .options(
                selectinload(Inquiry.organization),
                selectinload(Inquiry.contact),
                selectinload(Inquiry.notes),
                selectinload(Inquiry.needs).selectinload(Need.subject),
                selectinload(Inquiry.needs)
                .selectinload(Need.information_given)
                .selectinload(InformationGiven.resource),
                selectinload(Inquiry.needs)
                .selectinload(Need.referrals)
                .selectinload(Referral.partner),
            )
        )
        if inquiry is None:
            raise NotFoundError("Cette demande n'existe plus.")
        referral_ids = [r.id for n in inquiry.needs for r in n.referrals]
        letter_filter = Letter.inquiry_id == inquiry.id
        if referral_ids:
            letter_filter = letter_filter | Letter.referral_id.in_(referral_ids)
        letters = list(session.scalars(select(Letter).where(letter_filter)))
        names = {c.id: c.name for c in session.scalars(select(Counsellor))}
        contact = inquiry.contact
        details = []
        if contact is not None:
            details = [format_phone(p) for p in (contact.phone, contact.mobile) if p]
            details += [contact.email] if contact.email else []
        org = inquiry.organization
        return InquiryDetail(
            id=inquiry.id,
            reference=inquiry.reference,
            version=inquiry.version,
            received_at=inquiry.received_at,
            channel=inquiry.channel,
            status=inquiry.status,
            organization_id=inquiry.organization_id,
            organization=org.display_name if org else "",
            do_not_refer=bool(org and org.do_not_refer),
            contact_id=inquiry.contact_id,
            contact=contact.full_name if contact else "",
            contact_details=" · ".join(details),
            counsellor_id=inquiry.counsellor_id,
            summary=inquiry.summary or "",
            consent_to_share=inquiry.consent_to_share,
            consent_at=inquiry.consent_at,
            first_action_at=inquiry.first_action_at,
            closed_at=inquiry.closed_at,
            needs=tuple(_need(n) for n in inquiry.needs),
            timeline=tuple(_timeline(inquiry, letters, names)),
        )
