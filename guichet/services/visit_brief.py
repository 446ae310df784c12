"""The brief of a visit: what the counsellor takes along, read from the database as plain text
and rendered by :mod:`guichet.letters.visit_brief`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.letters.document import RenderedPdf
from guichet.letters.visit_brief import BriefSection, VisitBriefDocument, render_visit_brief
from guichet.models import (
    Contact,
    Meeting,
    Membership,
    Registration,
    RegistrationStatus,
    VisitStatus,
    label,
)
from guichet.reference.dates import format_date_long, format_date_short
from guichet.reference.headcount import headcount_label
from guichet.reference.identifiers import format_siren, format_siret
from guichet.reference.naf import naf_entry
from guichet.reference.phones import format_phone
from guichet.services.intake_context import company_context
from guichet.services.letters import LetterService
from guichet.services.organizations import OrganizationDetail, OrganizationService
from guichet.services.questionnaire import Question
from guichet.services.settings import SettingsService
from guichet.services.visits import VisitDetail, VisitService

MAX_CONTACTS = 3
HISTORY_LINES = 12  # the latest inquiries; the brief says how many more there are


def membership_lines(session: Session, organization_id: int) -> list[str]:
    """The company's memberships, one line each.

    The only place the brief reads memberships: adapt it when their schema changes.
    """
    rows = session.scalars(
        select(Membership)
        .where(Membership.organization_id == organization_id)
        .order_by(Membership.start_on.desc())
    )
    lines = []
    for row in rows:
        network = row.network.display_name
        line = f"{network} — {label(row.status)} depuis le {format_date_short(row.start_on)}"
        if row.end_on is not None:
            line += f", fin le {format_date_short(row.end_on)}"
        lines.append(line)
    return lines


def meeting_lines(session: Session, organization_id: int) -> list[str]:
    """The meetings people of the company attended (latest first), one line each."""
    rows = session.execute(
        select(Meeting.title, Meeting.start_at, Contact.first_name, Contact.last_name)
        .join(Registration, Registration.meeting_id == Meeting.id)
        .join(Contact, Contact.id == Registration.contact_id)
        .where(
            Contact.organization_id == organization_id,
            Registration.status == RegistrationStatus.PRESENT,
        )
        .order_by(Meeting.start_at.desc(), Contact.last_name)
    )
    return [
        f"{format_date_short(start.date())} — {title} ({' '.join(filter(None, (first, last)))})"
        for title, start, first, last in rows
    ]


def question_line(question: Question) -> str:
    if question.type == "choice":
        hint = " / ".join(question.choices)
    elif question.type == "yesno":
        hint = "oui / non"
    elif question.type == "number":
        hint = "nombre"
    else:
        hint = ""
    mark = " *" if question.required else ""
    return f"{question.label}{mark}" + (f" ({hint})" if hint else "")


def _card(detail: OrganizationDetail) -> list[str]:
    data = detail.data
    lines = [detail.display_name]
    identity = []
    if data.siret:
        identity.append(f"SIRET {format_siret(data.siret)}")
    elif detail.siren:
        identity.append(f"SIREN {format_siren(detail.siren)}")
    if data.naf_code:
        entry = naf_entry(data.naf_code)
        identity.append(f"NAF {data.naf_code}" + (f" — {entry.label}" if entry else ""))
    band = headcount_label(data.headcount_band)
    if band:
        identity.append(f"effectif : {band}")
    if identity:
        lines.append(" · ".join(identity))
    if detail.address_lines:
        lines.append(", ".join(detail.address_lines[1:] or detail.address_lines))
    reach = [format_phone(data.phone) if data.phone else "", data.email or "", data.website or ""]
    if any(reach):
        lines.append(" · ".join(r for r in reach if r))
    for contact in detail.contacts[:MAX_CONTACTS]:
        role = f" — {contact.data.role}" if contact.data.role else ""
        phone = contact.data.phone or contact.data.mobile
        lines.append(
            f"Contact : {contact.full_name}{role}" + (f" · {format_phone(phone)}" if phone else "")
        )
    if data.do_not_refer:
        lines.append(f"⚠ Ne pas orienter : {data.do_not_refer_reason or ''}".rstrip(" :"))
    if detail.capabilities:
        lines.append("Savoir-faire : " + ", ".join(c.name for c in detail.capabilities))
    return lines


def _history(db: Database, visit: VisitDetail) -> list[BriefSection]:
    context = company_context(db, visit.organization_id, limit=HISTORY_LINES)
    inquiries: list[str] = []
    referrals: list[str] = []
    for inquiry in context.inquiries if context else ():
        subjects = ", ".join(
            n.subject + (f" ({n.outcome.lower()})" if n.outcome else "") for n in inquiry.needs
        )
        inquiries.append(
            f"{format_date_short(inquiry.received_at)} {inquiry.reference} — {subjects or '—'}"
        )
        for need in inquiry.needs:
            referrals += [
                f"{format_date_short(inquiry.received_at)} {r.partner} — {need.subject} : "
                f"{r.status.lower()}"
                for r in need.referrals
            ]
    if context is not None and context.inquiry_count > len(context.inquiries):
        inquiries.append(f"… et {context.inquiry_count - len(context.inquiries)} de plus")
    sections = [
        BriefSection("Demandes", tuple(inquiries), "Aucune demande enregistrée."),
        BriefSection("Mises en relation", tuple(referrals), "Aucune mise en relation."),
    ]
    with db.unit_of_work(write=False) as session:
        meetings = meeting_lines(session, visit.organization_id)
        memberships = membership_lines(session, visit.organization_id)
    sections.append(BriefSection("Réunions suivies", tuple(meetings), "Aucune réunion suivie."))
    sections.append(BriefSection("Adhésions", tuple(memberships), "Aucune adhésion."))
    earlier = [
        row
        for row in VisitService(db).of_organization(visit.organization_id)
        if row.id != visit.id and row.status == VisitStatus.DONE
    ]
    sections.append(
        BriefSection(
            "Visites précédentes",
            tuple(
                f"{format_date_short(row.planned_at)} {row.counsellor or ''}".rstrip()
                + (f" — signaux : {row.risks}" if row.risks else "")
                for row in earlier
            ),
            "Première visite.",
        )
    )
    return sections


def brief_document(
    db: Database, visit_id: int, *, now: datetime | None = None
) -> VisitBriefDocument:
    visits = VisitService(db)
    visit = visits.get(visit_id)
    detail = OrganizationService(db).get(visit.organization_id)
    questionnaire = visits.questionnaire_for(visit_id)
    when = [
        f"Le {format_date_long(visit.planned_at)} à {visit.planned_at:%H h %M}"
        + (f" · {visit.counsellor}" if visit.counsellor else "")
        + f" · {visit.status_label.lower()}"
    ]
    if visit.contact:
        when.append(f"Personne rencontrée : {visit.contact}")
    if visit.partners:
        when.append("Avec : " + ", ".join(visit.partners))
    if visit.notes:
        when.append(f"Notes : {visit.notes}")
    letterhead = LetterService.letterhead(SettingsService(db).all())
    return VisitBriefDocument(
        letterhead=letterhead,
        title=f"Visite de {detail.display_name}",
        when_lines=tuple(when),
        card_lines=tuple(_card(detail)),
        sections=tuple(_history(db, visit)),
        questions=tuple(question_line(q) for q in questionnaire.questions),
        created=now,
    )


def render_brief(db: Database, visit_id: int, *, now: datetime | None = None) -> RenderedPdf:
    return render_visit_brief(brief_document(db, visit_id, now=now))
