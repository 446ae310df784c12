"""Company visits: plan one, record it with the questionnaire, list them, and the risk signals.

A visit is recorded with the questionnaire version it was opened with; its answers keep their
question's label and type, so a visit recorded before a question was removed still reads whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import (
    Contact,
    Counsellor,
    Organization,
    OrganizationKind,
    QuestionnaireVersion,
    Visit,
    VisitAnswer,
    VisitPartner,
    VisitStatus,
    label,
)
from guichet.services.locking import ensure_current
from guichet.services.questionnaire import (
    QuestionnaireInfo,
    check_answers,
    current_version,
    info_of,
)


@dataclass(frozen=True)
class VisitPlan:
    """What the counsellor types to plan (or re-plan) a visit."""

    organization_id: int | None
    planned_at: datetime
    counsellor_id: int | None = None
    contact_id: int | None = None
    partner_ids: tuple[int, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class VisitRow:
    id: int
    planned_at: datetime
    organization_id: int
    organization: str
    city: str
    counsellor: str
    partners: str
    status: VisitStatus
    status_label: str
    risks: str


@dataclass(frozen=True)
class AnswerView:
    key: str
    label: str
    type: str
    value: str
    risk: bool
    risk_label: str


@dataclass(frozen=True)
class VisitDetail:
    id: int
    version: int
    organization_id: int
    organization: str
    contact_id: int | None
    contact: str
    counsellor_id: int | None
    counsellor: str
    planned_at: datetime
    status: VisitStatus
    status_label: str
    notes: str
    partner_ids: tuple[int, ...]
    partners: tuple[str, ...]
    done_at: datetime | None
    questionnaire: QuestionnaireInfo | None
    answers: tuple[AnswerView, ...]

    @property
    def values(self) -> dict[str, str]:
        return {a.key: a.value for a in self.answers}

    @property
    def risks(self) -> tuple[str, ...]:
        return tuple(a.risk_label for a in self.answers if a.risk)


@dataclass(frozen=True)
class RiskCompany:
    organization_id: int
    organization: str
    city: str
    visit_id: int
    visited_at: datetime
    signals: tuple[str, ...]


def _org_name(org: Organization) -> str:
    return org.display_name


def _row(visit: Visit) -> VisitRow:
    org = visit.organization
    return VisitRow(
        id=visit.id,
        planned_at=visit.planned_at,
        organization_id=org.id,
        organization=_org_name(org),
        city=org.city or "",
        counsellor=visit.counsellor.name if visit.counsellor else "",
        partners=", ".join(_org_name(p.organization) for p in visit.partners),
        status=visit.status,
        status_label=label(visit.status),
        risks=", ".join(a.risk_label or a.question_label for a in visit.answers if a.risk),
    )


def _detail(visit: Visit) -> VisitDetail:
    version = info_of(visit.questionnaire) if visit.questionnaire else None
    return VisitDetail(
        id=visit.id,
        version=visit.version,
        organization_id=visit.organization_id,
        organization=_org_name(visit.organization),
        contact_id=visit.contact_id,
        contact=visit.contact.full_name if visit.contact else "",
        counsellor_id=visit.counsellor_id,
        counsellor=visit.counsellor.name if visit.counsellor else "",
        planned_at=visit.planned_at,
        status=visit.status,
        status_label=label(visit.status),
        notes=visit.notes or "",
        partner_ids=tuple(p.organization_id for p in visit.partners),
        partners=tuple(_org_name(p.organization) for p in visit.partners),
        done_at=visit.done_at,
        questionnaire=version,
        answers=tuple(
            AnswerView(
                key=a.question_key,
                label=a.question_label,
                type=a.question_type,
                value=a.value,
                risk=a.risk,
                risk_label=a.risk_label or "",
            )
            for a in visit.answers
        ),
    )


def fill_answers(visit: Visit, row: QuestionnaireVersion, values: Mapping[str, str]) -> None:
    """Checks ``values`` against the version ``row`` and writes them as the visit's answers,
    each with its question's label and whether it raised the question's risk signal."""
    questionnaire = info_of(row)
    checked = check_answers(questionnaire.questions, values)
    existing = {a.question_key: a for a in visit.answers}
    kept: list[VisitAnswer] = []
    for position, question in enumerate(questionnaire.questions):
        if question.key not in checked:
            continue
        value = checked[question.key]
        answer = existing.get(question.key) or VisitAnswer(question_key=question.key)
        answer.questionnaire_version_id = row.id
        answer.question_label = question.label
        answer.question_type = question.type
        answer.position = position
        answer.value = value
        answer.risk = question.is_risk(value)
        answer.risk_label = question.risk_label if answer.risk else None
        kept.append(answer)
    visit.answers = kept
    visit.questionnaire_version_id = row.id


def _load(session: Session, visit_id: int) -> Visit:
    visit = session.get(
        Visit,
        visit_id,
        options=[selectinload(Visit.partners), selectinload(Visit.answers)],
    )
    if visit is None:
        raise NotFoundError(f"La visite n° {visit_id} n'existe pas (ou plus).")
    return visit


class VisitService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reading -------------------------------------------------------------------------------
    def visits(
        self,
        *,
        upcoming_only: bool = False,
        status: VisitStatus | None = None,
        counsellor_id: int | None = None,
        organization_id: int | None = None,
        now: datetime | None = None,
    ) -> list[VisitRow]:
        """Planned visits first (soonest first), then the others (latest first)."""
        moment = now or datetime.now()
        with self.db.unit_of_work(write=False) as session:
            query = select(Visit).options(
                selectinload(Visit.organization),
                selectinload(Visit.counsellor),
                selectinload(Visit.partners).selectinload(VisitPartner.organization),
                selectinload(Visit.answers),
            )
            if upcoming_only:
                query = query.where(Visit.status == VisitStatus.PLANNED, Visit.planned_at >= moment)
            if status is not None:
                query = query.where(Visit.status == status)
            if counsellor_id is not None:
                query = query.where(Visit.counsellor_id == counsellor_id)
            if organization_id is not None:
                query = query.where(Visit.organization_id == organization_id)
            rows = [_row(v) for v in session.scalars(query)]
        planned = sorted(
            (r for r in rows if r.status == VisitStatus.PLANNED), key=lambda r: (r.planned_at, r.id)
        )
        others = sorted(
            (r for r in rows if r.status != VisitStatus.PLANNED),
            key=lambda r: (r.planned_at, r.id),
            reverse=True,
        )
        return planned + others

    def get(self, visit_id: int) -> VisitDetail:
        with self.db.unit_of_work(write=False) as session:
            return _detail(_load(session, visit_id))

    def of_organization(self, organization_id: int) -> list[VisitRow]:
        return self.visits(organization_id=organization_id)

    # -- planning ------------------------------------------------------------------------------
    def plan(
        self, plan: VisitPlan, *, visit_id: int | None = None, version: int | None = None
    ) -> VisitDetail:
        """Creates a visit (or changes a planned one's company, date, people)."""
        if plan.organization_id is None:
            raise ValidationError("Choisissez l'entreprise à visiter.", field="organization")
        with self.db.unit_of_work() as session:
            org = session.get(Organization, plan.organization_id)
            if org is None:
                raise NotFoundError("Cette entreprise n'existe plus dans l'annuaire.")
            if (
                plan.counsellor_id is not None
                and session.get(Counsellor, plan.counsellor_id) is None
            ):
                raise NotFoundError("Ce conseiller n'existe plus.")
            if plan.contact_id is not None:
                contact = session.get(Contact, plan.contact_id)
                if contact is None or contact.organization_id != org.id:
                    raise ValidationError(
                        "La personne rencontrée doit être un contact de l'entreprise.",
                        field="contact",
                    )
            partner_ids = tuple(dict.fromkeys(p for p in plan.partner_ids if p != org.id))
            for partner_id in partner_ids:
                if session.get(Organization, partner_id) is None:
                    raise NotFoundError("Un partenaire choisi n'existe plus dans l'annuaire.")
            if visit_id is None:
                visit = Visit(organization_id=org.id, status=VisitStatus.PLANNED)
                session.add(visit)
            else:
                visit = _load(session, visit_id)
                ensure_current(visit, version, None)
                if visit.status == VisitStatus.CANCELLED:
                    visit.status = VisitStatus.PLANNED  # planned again
            visit.organization_id = org.id
            visit.planned_at = plan.planned_at.replace(second=0, microsecond=0)
            visit.counsellor_id = plan.counsellor_id
            visit.contact_id = plan.contact_id
            visit.notes = plan.notes.strip() or None
            kept = {p.organization_id: p for p in visit.partners}
            visit.partners = [
                kept.get(pid) or VisitPartner(organization_id=pid) for pid in partner_ids
            ]
            session.flush()
            session.refresh(visit)
            return _detail(_load(session, visit.id))

    def cancel(self, visit_id: int, version: int | None = None) -> VisitDetail:
        with self.db.unit_of_work() as session:
            visit = _load(session, visit_id)
            ensure_current(visit, version, None)
            if visit.status == VisitStatus.DONE:
                raise ValidationError("Une visite faite ne peut plus être annulée.")
            visit.status = VisitStatus.CANCELLED
            session.flush()
            return _detail(visit)

    # -- recording -----------------------------------------------------------------------------
    def questionnaire_for(self, visit_id: int) -> QuestionnaireInfo:
        """The version to fill: the visit's own once recorded, else the current one."""
        with self.db.unit_of_work(write=False) as session:
            visit = _load(session, visit_id)
            row = visit.questionnaire or current_version(session)
            return info_of(row)

    def record(
        self,
        visit_id: int,
        answers: Mapping[str, str],
        *,
        questionnaire_id: int,
        notes: str | None = None,
        done_at: datetime | None = None,
        version: int | None = None,
    ) -> VisitDetail:
        """Records the visit as done with its answers (checked against their version)."""
        with self.db.unit_of_work() as session:
            visit = _load(session, visit_id)
            ensure_current(visit, version, None)
            if visit.status == VisitStatus.CANCELLED:
                raise ValidationError("Cette visite a été annulée : replanifiez-la d'abord.")
            row = session.get(QuestionnaireVersion, questionnaire_id)
            if row is None:
                raise NotFoundError("Cette version du questionnaire n'existe plus.")
            fill_answers(visit, row, answers)
            visit.status = VisitStatus.DONE
            visit.done_at = visit.done_at or done_at or datetime.now().replace(microsecond=0)
            if notes is not None:
                visit.notes = notes.strip() or None
            session.flush()
            session.expire(visit)
            return _detail(_load(session, visit.id))

    # -- risks ---------------------------------------------------------------------------------
    def risk_companies(self, organization_id: int | None = None) -> list[RiskCompany]:
        """Companies whose latest recorded visit raised at least one risk signal (the most
        signals first); only ``organization_id`` when given."""
        with self.db.unit_of_work(write=False) as session:
            query = (
                select(Visit)
                .where(Visit.status == VisitStatus.DONE)
                .options(selectinload(Visit.organization), selectinload(Visit.answers))
                .order_by(Visit.planned_at, Visit.id)
            )
            if organization_id is not None:
                query = query.where(Visit.organization_id == organization_id)
            latest: dict[int, Visit] = {}
            for visit in session.scalars(query):
                latest[visit.organization_id] = visit
            result = []
            for visit in latest.values():
                signals = tuple(a.risk_label or a.question_label for a in visit.answers if a.risk)
                if signals:
                    result.append(
                        RiskCompany(
                            organization_id=visit.organization_id,
                            organization=_org_name(visit.organization),
                            city=visit.organization.city or "",
                            visit_id=visit.id,
                            visited_at=visit.planned_at,
                            signals=signals,
                        )
                    )
        return sorted(result, key=lambda r: (-len(r.signals), r.organization.casefold()))

    def risks_of(self, organization_id: int) -> RiskCompany | None:
        found = self.risk_companies(organization_id)
        return found[0] if found else None


def partner_choices(db: Database) -> list[tuple[int, str]]:
    """Organisations that may come along (partner institutions, the agency), by name."""
    with db.unit_of_work(write=False) as session:
        rows = session.scalars(
            select(Organization)
            .where(Organization.kind.in_([OrganizationKind.PARTNER, OrganizationKind.AGENCY]))
            .order_by(Organization.legal_name)
        )
        return [(o.id, _org_name(o)) for o in rows]
