"""What can have brought a membership, and what a recorded origin is, in French.

An organisation's history with the agency — its inquiries, its referrals to a network, the
meetings its people attended, its visits, the opportunities it was relayed or won — is the list
a counsellor picks a membership's origin from (newest first), rather than typing record ids.
The same texts name a recorded origin wherever it is shown (« Réunion du 9 novembre 2026 :
Hydrogène… »), with the page that opens it. The origin is stored as a kind and an id, without a
foreign key: a record since deleted falls back to the kind's label.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from guichet.models import (
    AnswerStatus,
    Counsellor,
    Inquiry,
    Membership,
    MembershipOrigin,
    MembershipStatus,
    Need,
    Organization,
    OrganizationKind,
    Referral,
    Visit,
    VisitStatus,
    label,
)
from guichet.models.meeting import Meeting, Registration
from guichet.models.meeting_enums import RegistrationStatus
from guichet.models.opportunity import (
    Answer,
    Groupement,
    GroupementMember,
    Opportunity,
    OpportunityAward,
    Relay,
)
from guichet.models.organization import Contact
from guichet.reference.dates import format_date_long

K = MembershipOrigin
#: The page that shows each kind of origin (a referral opens its inquiry).
PAGES: dict[MembershipOrigin, str] = {
    K.INQUIRY: "inquiries",
    K.REFERRAL: "inquiries",
    K.MEETING: "meetings",
    K.VISIT: "visits",
    K.OPPORTUNITY: "opportunities",
}
SHORT = 60


@dataclass(frozen=True)
class OriginText:
    """A recorded origin in French, with where it opens (page key and record id), if anywhere."""

    text: str
    page: str | None = None
    record_id: int | None = None


@dataclass(frozen=True)
class OriginChoice:
    """One candidate origin of a membership: what is stored, and what the counsellor reads."""

    kind: MembershipOrigin
    id: int | None
    on: date | None
    text: str
    counsellor_id: int | None = None


def _short(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SHORT else text[: SHORT - 1].rstrip() + "…"


def _day(moment: datetime | date | None) -> date | None:
    return moment.date() if isinstance(moment, datetime) else moment


def _long(moment: datetime | date | None) -> str:
    day = _day(moment)
    return format_date_long(day) if day else "date inconnue"


def inquiry_text(i: Inquiry) -> str:
    summary = _short(i.summary)
    return f"Demande {i.reference} du {_long(i.received_at)}" + (f" : {summary}" if summary else "")


def referral_text(r: Referral, partner: str) -> str:
    return f"Mise en relation avec {partner} du {_long(r.sent_at or r.proposed_at)}"


def meeting_text(m: Meeting) -> str:
    return f"Réunion du {_long(m.start_at)} : {_short(m.title)}"


def visit_text(v: Visit, counsellor: str | None) -> str:
    return f"Visite du {_long(v.done_at or v.planned_at)}" + (
        f" ({counsellor})" if counsellor else ""
    )


def opportunity_text(o: Opportunity, result: str | None = None) -> str:
    return f"Opportunité : {_short(o.title)}" + (f" — {result}" if result else "")


def counsellor_text(name: str | None) -> str:
    return f"Conseiller : {name}" if name else label(K.COUNSELLOR)


def _opportunity_results(session: Session, organization_id: int) -> dict[int, tuple[str, date]]:
    """Opportunities the organisation was relayed, answered or won, with its best result."""
    found: dict[int, tuple[int, str, date]] = {}

    def keep(opportunity_id: int, rank: int, text: str, when: datetime | None) -> None:
        day = _day(when) or date.min
        if opportunity_id not in found or found[opportunity_id][0] < rank:
            found[opportunity_id] = (rank, text, day)

    for relay in session.scalars(select(Relay).where(Relay.organization_id == organization_id)):
        keep(relay.opportunity_id, 0, "relayée", relay.relayed_at)
    for answer in session.scalars(select(Answer).where(Answer.organization_id == organization_id)):
        keep(answer.opportunity_id, 1, label(answer.status).lower(), answer.answered_at)
    won = (
        select(OpportunityAward, Opportunity.closed_at)
        .join(Opportunity, Opportunity.id == OpportunityAward.opportunity_id)
        .outerjoin(Groupement, Groupement.id == OpportunityAward.groupement_id)
        .outerjoin(GroupementMember, GroupementMember.groupement_id == Groupement.id)
        .where(
            or_(
                OpportunityAward.organization_id == organization_id,
                GroupementMember.organization_id == organization_id,
            )
        )
    )
    for award, closed_at in session.execute(won):
        text = "attribuée en groupement" if award.groupement_id else "attribuée"
        keep(award.opportunity_id, 2, text, closed_at)
    return {oid: (text, day) for oid, (_, text, day) in found.items()}


def origin_candidates(session: Session, organization_id: int) -> list[OriginChoice]:
    """The organisation's history that can have brought a membership, newest first, then the
    active counsellors (« Conseiller : … »)."""
    out: list[OriginChoice] = []
    for i in session.scalars(select(Inquiry).where(Inquiry.organization_id == organization_id)):
        out.append(OriginChoice(K.INQUIRY, i.id, _day(i.received_at), inquiry_text(i)))
    referrals = (
        select(Referral, Organization.legal_name)
        .join(Need, Need.id == Referral.need_id)
        .join(Inquiry, Inquiry.id == Need.inquiry_id)
        .join(Organization, Organization.id == Referral.partner_id)
        .where(
            Inquiry.organization_id == organization_id,
            Organization.kind == OrganizationKind.NETWORK,
        )
    )
    for r, partner in session.execute(referrals):
        out.append(
            OriginChoice(
                K.REFERRAL, r.id, _day(r.sent_at or r.proposed_at), referral_text(r, partner)
            )
        )
    attended = (
        select(Meeting)
        .join(Registration, Registration.meeting_id == Meeting.id)
        .join(Contact, Contact.id == Registration.contact_id)
        .where(
            Contact.organization_id == organization_id,
            Registration.status == RegistrationStatus.PRESENT,
        )
        .distinct()
    )
    for meeting in session.scalars(attended):
        out.append(
            OriginChoice(K.MEETING, meeting.id, _day(meeting.start_at), meeting_text(meeting))
        )
    visits = select(Visit).where(
        Visit.organization_id == organization_id, Visit.status == VisitStatus.DONE
    )
    for visit in session.scalars(visits):
        name = visit.counsellor.name if visit.counsellor else None
        out.append(
            OriginChoice(
                K.VISIT, visit.id, _day(visit.done_at or visit.planned_at), visit_text(visit, name)
            )
        )
    results = _opportunity_results(session, organization_id)
    if results:
        for o in session.scalars(select(Opportunity).where(Opportunity.id.in_(list(results)))):
            text, day = results[o.id]
            out.append(OriginChoice(K.OPPORTUNITY, o.id, day, opportunity_text(o, text)))
    out.sort(key=lambda c: (c.on or date.min, c.id or 0), reverse=True)
    counsellors = session.scalars(
        select(Counsellor).where(Counsellor.active.is_(True)).order_by(Counsellor.name)
    )
    out.extend(
        OriginChoice(K.COUNSELLOR, None, None, counsellor_text(c.name), c.id) for c in counsellors
    )
    return out


def describe_origins(
    session: Session,
    origins: Iterable[tuple[MembershipOrigin | None, int | None, int | None]],
) -> dict[tuple[MembershipOrigin | None, int | None, int | None], OriginText]:
    """(kind, id, counsellor id) → the origin in French and where it opens, in a few queries."""
    wanted = set(origins)
    ids: dict[MembershipOrigin, set[int]] = {}
    for kind, oid, _ in wanted:
        if kind is not None and oid is not None:
            ids.setdefault(kind, set()).add(oid)
    texts: dict[tuple[MembershipOrigin, int], OriginText] = {}

    def records(kind: MembershipOrigin, model: Any) -> list[Any]:
        if kind not in ids:
            return []
        return list(session.scalars(select(model).where(model.id.in_(sorted(ids[kind])))))

    if K.INQUIRY in ids:
        for i in session.execute(
            select(Inquiry.id, Inquiry.reference).where(Inquiry.id.in_(sorted(ids[K.INQUIRY])))
        ):
            texts[K.INQUIRY, i.id] = OriginText(f"Demande {i.reference}", "inquiries", i.id)
    if K.REFERRAL in ids:
        rows = session.execute(
            select(Referral, Organization.legal_name, Need.inquiry_id)
            .join(Need, Need.id == Referral.need_id)
            .join(Organization, Organization.id == Referral.partner_id)
            .where(Referral.id.in_(sorted(ids[K.REFERRAL])))
        )
        for r, partner, inquiry_id in rows:
            texts[K.REFERRAL, r.id] = OriginText(referral_text(r, partner), "inquiries", inquiry_id)
    for meeting in records(K.MEETING, Meeting):
        texts[K.MEETING, meeting.id] = OriginText(meeting_text(meeting), "meetings", meeting.id)
    for visit in records(K.VISIT, Visit):
        name = visit.counsellor.name if visit.counsellor else None
        texts[K.VISIT, visit.id] = OriginText(visit_text(visit, name), "visits", visit.id)
    for o in records(K.OPPORTUNITY, Opportunity):
        texts[K.OPPORTUNITY, o.id] = OriginText(opportunity_text(o), "opportunities", o.id)
    names = dict(session.execute(select(Counsellor.id, Counsellor.name)).all())
    out = {}
    for key in wanted:
        kind, oid, counsellor_id = key
        if kind is None:
            out[key] = OriginText("Origine non renseignée")
        elif kind == K.COUNSELLOR:
            out[key] = OriginText(counsellor_text(names.get(counsellor_id or 0)))
        else:
            found = texts.get((kind, oid)) if oid is not None else None
            out[key] = found or OriginText(label(kind))
    return out


@dataclass(frozen=True)
class Winner:
    """A company that won an opportunity, alone or in a retained groupement."""

    organization_id: int
    organization: str
    member: bool  # already adhérent of the network asked about


def opportunity_winners(
    session: Session, opportunity_id: int, network_id: int | None
) -> list[Winner]:
    """Awarded companies and members of a retained (or awarded) groupement, by name."""
    retained = select(Answer.groupement_id).where(
        Answer.opportunity_id == opportunity_id,
        Answer.status == AnswerStatus.RETAINED,
        Answer.groupement_id.is_not(None),
    )
    awarded = select(OpportunityAward.groupement_id).where(
        OpportunityAward.opportunity_id == opportunity_id,
        OpportunityAward.groupement_id.is_not(None),
    )
    ids = set(
        session.scalars(
            select(GroupementMember.organization_id).where(
                or_(
                    GroupementMember.groupement_id.in_(retained),
                    GroupementMember.groupement_id.in_(awarded),
                )
            )
        )
    )
    ids |= set(
        session.scalars(
            select(OpportunityAward.organization_id).where(
                OpportunityAward.opportunity_id == opportunity_id,
                OpportunityAward.organization_id.is_not(None),
            )
        )
    )
    if not ids:
        return []
    members = (
        set(
            session.scalars(
                select(Membership.organization_id).where(
                    Membership.network_id == network_id,
                    Membership.status == MembershipStatus.MEMBER,
                )
            )
        )
        if network_id is not None
        else set()
    )
    orgs = session.scalars(select(Organization).where(Organization.id.in_(sorted(ids))))
    return sorted(
        (Winner(o.id, o.display_name, o.id in members) for o in orgs),
        key=lambda w: w.organization.casefold(),
    )
