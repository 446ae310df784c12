"""Implantation projects: the list (code names by default), the detail, creating and editing.

Stage changes live in ``project_stages``, matching in ``site_matching``, propositions and
visits in ``propositions``; who may see a real company in ``project_access``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import (
    BuildingType,
    Classification,
    Counsellor,
    ImplantationProject,
    Inquiry,
    Organization,
    ProjectEvent,
    ProjectSource,
    ProjectStage,
    Proposition,
    PropositionStatus,
    label,
)
from guichet.models.implantation_enums import CLOSED_STAGES
from guichet.reference.text import clean_text
from guichet.services.locking import ensure_current
from guichet.services.project_access import may_see_company
from guichet.services.sites import SiteInfo, site_info


@dataclass(frozen=True)
class ProjectDraft:
    code_name: str
    company_name: str = ""
    organization_id: int | None = None
    confidential: bool = True
    source: ProjectSource = ProjectSource.DIRECT
    source_inquiry_id: int | None = None
    source_partner_id: int | None = None
    sector: str = ""
    naf_code: str = ""
    description: str = ""
    land_m2: int | None = None
    building_m2: int | None = None
    building_type: BuildingType | None = None
    needed_by: date | None = None
    classification: Classification = Classification.NONE
    needs_rail: bool = False
    needs_port: bool = False
    power_mw: float | None = None
    needs_gas: bool = False
    needs_hydrogen: bool = False
    needs_water: bool = False
    continuous_operation: bool = False
    jobs_3y: int | None = None
    investment_eur: int | None = None
    next_action: str = ""
    next_action_on: date | None = None
    counsellor_id: int | None = None


@dataclass(frozen=True)
class ProjectSummary:
    """One line of the pipeline: ``name`` is the code name unless the real one may be shown."""

    id: int
    code_name: str
    name: str
    confidential: bool
    stage: ProjectStage
    stage_since: date | None
    jobs_3y: int | None
    investment_eur: int | None
    next_action: str
    next_action_on: date | None
    counsellor: str
    sector: str
    no_next_action: bool
    overdue: bool

    @property
    def stage_label(self) -> str:
        return label(self.stage)


@dataclass(frozen=True)
class ProjectEventInfo:
    at: datetime
    kind: str
    old_stage: str
    new_stage: str
    note: str
    counsellor: str


@dataclass(frozen=True)
class ProposedSite:
    """A site proposed to a project (what the map highlights)."""

    proposition_id: int
    version: int
    project_id: int
    site: SiteInfo
    status: PropositionStatus
    proposed_at: datetime
    visit_on: date | None
    notes: str

    @property
    def status_label(self) -> str:
        return label(self.status)


@dataclass(frozen=True)
class ProjectDetail(ProjectDraft):
    """The detail; ``company_name`` and ``organization_name`` are empty unless ``company_visible``."""

    id: int = 0
    version: int = 0
    stage: ProjectStage = ProjectStage.FIRST_CONTACT
    stage_since: date | None = None
    opened_on: date | None = None
    closed_reason: str = ""
    company_visible: bool = False
    organization_name: str = ""
    source_partner_name: str = ""
    source_inquiry_reference: str = ""
    counsellor_name: str = ""
    events: tuple[ProjectEventInfo, ...] = ()
    propositions: tuple[ProposedSite, ...] = ()

    @property
    def stage_label(self) -> str:
        return label(self.stage)

    def draft(self) -> ProjectDraft:
        return ProjectDraft(**{f.name: getattr(self, f.name) for f in fields(ProjectDraft)})


def real_name(project: ImplantationProject) -> str:
    if project.company_name:
        return project.company_name
    if project.organization is not None:
        return project.organization.legal_name
    return ""


def shown_name(
    session: Session,
    project: ImplantationProject,
    *,
    with_names: bool,
    viewer_id: int | None,
    operator: bool = False,
) -> str:
    """What a list or an export shows of a project: its code name, unless the names were asked
    for and the viewer may see this one."""
    if with_names and (operator or may_see_company(session, project, viewer_id)):
        name = real_name(project)
        if name:
            return f"{name} ({project.code_name})"
    return project.code_name


def summary(
    session: Session,
    project: ImplantationProject,
    today: date,
    *,
    with_names: bool = False,
    viewer_id: int | None = None,
    operator: bool = False,
    initials: dict[int, str] | None = None,
) -> ProjectSummary:
    open_ = project.stage not in CLOSED_STAGES
    due = project.next_action_on
    return ProjectSummary(
        id=project.id,
        code_name=project.code_name,
        name=shown_name(
            session, project, with_names=with_names, viewer_id=viewer_id, operator=operator
        ),
        confidential=project.confidential,
        stage=project.stage,
        stage_since=project.stage_since,
        jobs_3y=project.jobs_3y,
        investment_eur=project.investment_eur,
        next_action=project.next_action or "",
        next_action_on=due,
        counsellor=(initials or {}).get(project.counsellor_id or 0, ""),
        sector=project.sector or "",
        no_next_action=open_ and not (project.next_action or "").strip(),
        overdue=open_ and due is not None and due < today,
    )


def _initials(session: Session) -> dict[int, str]:
    return {row[0]: row[1] for row in session.execute(select(Counsellor.id, Counsellor.initials))}


def list_projects(
    db: Database,
    *,
    with_names: bool = False,
    operator: bool = False,
    today: date | None = None,
    stages: tuple[ProjectStage, ...] = (),
) -> list[ProjectSummary]:
    """Every project (by code name); real names only ``with_names`` and where allowed."""
    day = today or date.today()
    query = select(ImplantationProject).order_by(ImplantationProject.code_name)
    if stages:
        query = query.where(ImplantationProject.stage.in_(stages))
    with db.unit_of_work(write=False) as session:
        initials = _initials(session)
        return [
            summary(
                session,
                p,
                day,
                with_names=with_names,
                viewer_id=db.counsellor_id,
                operator=operator,
                initials=initials,
            )
            for p in session.scalars(query)
        ]


def proposed_info(p: Proposition, today: date) -> ProposedSite:
    return ProposedSite(
        proposition_id=p.id,
        version=p.version,
        project_id=p.project_id,
        site=site_info(p.site, today),
        status=p.status,
        proposed_at=p.proposed_at,
        visit_on=p.visit_on,
        notes=p.notes or "",
    )


def proposed_sites(
    db: Database, project_id: int, *, today: date | None = None
) -> list[ProposedSite]:
    """The sites proposed to a project, in the order they were proposed."""
    day = today or date.today()
    with db.unit_of_work(write=False) as session:
        project = load_project(session, project_id)
        return [proposed_info(p, day) for p in project.propositions]


def load_project(session: Session, project_id: int) -> ImplantationProject:
    project = session.get(ImplantationProject, project_id)
    if project is None:
        raise NotFoundError("Ce projet d'implantation n'existe plus.")
    return project


def get_project(db: Database, project_id: int, *, today: date | None = None) -> ProjectDetail:
    """The detail; the real company only for a viewer the policy allows."""
    day = today or date.today()
    with db.unit_of_work(write=False) as session:
        p = load_project(session, project_id)
        visible = may_see_company(session, p, db.counsellor_id)
        names = {c.id: c.name for c in session.scalars(select(Counsellor))}
        values = {f.name: getattr(p, f.name) for f in fields(ProjectDraft)}
        for text_field in ("company_name", "sector", "naf_code", "description", "next_action"):
            values[text_field] = values[text_field] or ""
        if not visible:
            values.update(company_name="", organization_id=None)
        inquiry = session.get(Inquiry, p.source_inquiry_id) if p.source_inquiry_id else None
        return ProjectDetail(
            **values,
            id=p.id,
            version=p.version,
            stage=p.stage,
            stage_since=p.stage_since,
            opened_on=p.opened_on,
            closed_reason=p.closed_reason or "",
            company_visible=visible,
            organization_name=(p.organization.legal_name if visible and p.organization else ""),
            source_partner_name=p.source_partner.legal_name if p.source_partner else "",
            source_inquiry_reference=inquiry.reference if inquiry else "",
            counsellor_name=names.get(p.counsellor_id or 0, ""),
            events=tuple(
                ProjectEventInfo(
                    at=e.at,
                    kind=e.kind,
                    old_stage=label(e.old_stage) if e.old_stage else "",
                    new_stage=label(e.new_stage) if e.new_stage else "",
                    note=e.note or "",
                    counsellor=names.get(e.counsellor_id or 0, ""),
                )
                for e in p.events
            ),
            propositions=tuple(proposed_info(x, day) for x in p.propositions),
        )


def check_draft(draft: ProjectDraft) -> str:
    code = clean_text(draft.code_name).strip()
    if not code:
        raise ValidationError("Le nom de code du projet est obligatoire.", field="code_name")
    for field, value in (
        ("land_m2", draft.land_m2),
        ("building_m2", draft.building_m2),
        ("jobs_3y", draft.jobs_3y),
        ("investment_eur", draft.investment_eur),
        ("power_mw", draft.power_mw),
    ):
        if value is not None and value < 0:
            raise ValidationError(
                "Une surface, un effectif, un montant ne peut être négatif.", field=field
            )
    if draft.source is ProjectSource.INQUIRY and draft.source_inquiry_id is None:
        raise ValidationError(
            "Indiquez la demande du guichet d'où vient le projet.", field="source"
        )
    if draft.source is ProjectSource.PARTNER and draft.source_partner_id is None:
        raise ValidationError("Indiquez le partenaire qui a apporté le projet.", field="source")
    return code


def _apply(session: Session, project: ImplantationProject, draft: ProjectDraft, code: str) -> None:
    same = session.scalar(select(ImplantationProject).where(ImplantationProject.code_name == code))
    if same is not None and same is not project:
        raise ValidationError(f"Le nom de code « {code} » est déjà pris.", field="code_name")
    for ref, model, what in (
        (draft.organization_id, Organization, "Cette entreprise"),
        (draft.source_partner_id, Organization, "Ce partenaire"),
        (draft.source_inquiry_id, Inquiry, "Cette demande"),
        (draft.counsellor_id, Counsellor, "Ce conseiller"),
    ):
        if ref is not None and session.get(model, ref) is None:
            raise NotFoundError(f"{what} n'existe plus.")
    for f in fields(ProjectDraft):
        setattr(project, f.name, getattr(draft, f.name))
    project.code_name = code
    for text_field in ("company_name", "sector", "naf_code", "next_action"):
        setattr(project, text_field, clean_text(getattr(draft, text_field)).strip() or None)
    project.description = clean_text(draft.description, multiline=True).strip() or None


def create_project(db: Database, draft: ProjectDraft, *, today: date | None = None) -> int:
    """A new project at « Premier contact », with its first event."""
    code = check_draft(draft)
    day = today or date.today()
    with db.unit_of_work() as session:
        project = ImplantationProject(stage=ProjectStage.FIRST_CONTACT, stage_since=day)
        project.opened_on = day
        _apply(session, project, draft, code)
        session.add(project)
        project.events.append(
            ProjectEvent(
                at=datetime.combine(day, datetime.now().time()),
                counsellor_id=db.counsellor_id,
                kind="stage",
                new_stage=ProjectStage.FIRST_CONTACT.value,
                note="Projet créé",
            )
        )
        session.flush()
        return project.id


def update_project(db: Database, project_id: int, draft: ProjectDraft, *, version: int) -> None:
    """Saves the needs form. A viewer who may not see the company cannot change it either:
    the company fields keep what is stored."""
    code = check_draft(draft)
    with db.unit_of_work() as session:
        project = load_project(session, project_id)
        ensure_current(project, version)
        if not may_see_company(session, project, db.counsellor_id):
            kept = {
                "company_name": project.company_name or "",
                "organization_id": project.organization_id,
                "confidential": project.confidential,
            }
            draft = ProjectDraft(
                **{**{f.name: getattr(draft, f.name) for f in fields(draft)}, **kept}
            )
        _apply(session, project, draft, code)
