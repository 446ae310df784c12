"""A project started from a need of the theme « Implantation », and its partners.

The form opens prefilled from the inquiry (company, counsellor, the need's description, a
free code name); creating it copies the inquiry's referrals as the partners involved.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import (
    ImplantationProject,
    Inquiry,
    Need,
    Organization,
    ProjectPartner,
    ProjectSource,
    Referral,
    label,
)
from guichet.reference.text import clean_text
from guichet.services.projects import ProjectDraft, create_project, load_project

IMPLANTATION_THEME = "Implantation"
CODE_WORDS = (
    "Alizé", "Boréal", "Cormoran", "Dune", "Escale", "Falaise", "Goéland", "Hêtre", "Iroise",
    "Jusant", "Klaxon", "Lagune", "Mascaret", "Noroît", "Opale", "Perce-neige", "Quartz",
    "Risban", "Suroît", "Tamaris", "Ulysse", "Varech", "Wimereux", "Zéphyr",
)  # fmt: skip


@dataclass(frozen=True)
class PartnerInfo:
    id: int
    organization_id: int
    name: str
    role: str
    referral_status: str
    note: str


def free_code_name(session: Session) -> str:
    """The first « Projet <mot> » not yet taken (then numbered)."""
    taken = set(session.scalars(select(ImplantationProject.code_name)))
    for round_ in range(1, 100):
        for word in CODE_WORDS:
            name = f"Projet {word}" + (f" {round_}" if round_ > 1 else "")
            if name not in taken:
                return name
    raise ValidationError("Plus de nom de code libre : saisissez-en un.")


def suggest_code_name(db: Database) -> str:
    with db.unit_of_work(write=False) as session:
        return free_code_name(session)


def is_implantation_need(db: Database, need_id: int) -> bool:
    with db.unit_of_work(write=False) as session:
        need = session.get(Need, need_id)
        return need is not None and need.subject.theme.name == IMPLANTATION_THEME


def draft_from_need(db: Database, need_id: int) -> ProjectDraft:
    """A project draft prefilled from a need of the theme « Implantation »."""
    with db.unit_of_work(write=False) as session:
        need = session.get(Need, need_id)
        if need is None:
            raise NotFoundError("Ce besoin n'existe plus.")
        if need.subject.theme.name != IMPLANTATION_THEME:
            raise ValidationError("Ce besoin n'est pas de la thématique « Implantation ».")
        inquiry = need.inquiry
        org = inquiry.organization
        parts = [f"{need.subject.name} — demande {inquiry.reference}"]
        if need.description:
            parts.append(need.description)
        return ProjectDraft(
            code_name=free_code_name(session),
            organization_id=org.id if org else None,
            company_name=org.legal_name if org else "",
            source=ProjectSource.INQUIRY,
            source_inquiry_id=inquiry.id,
            naf_code=(org.naf_code or "") if org else "",
            description="\n".join(parts),
            counsellor_id=inquiry.counsellor_id,
        )


def create_from_inquiry(db: Database, draft: ProjectDraft) -> int:
    """Creates the project, then records the inquiry's referrals as its partners."""
    project_id = create_project(db, draft)
    if draft.source_inquiry_id is not None:
        copy_inquiry_partners(db, project_id)
    return project_id


def copy_inquiry_partners(db: Database, project_id: int) -> int:
    """The partners the source inquiry referred to, linked with their referral; returns how
    many were added."""
    with db.unit_of_work() as session:
        project = load_project(session, project_id)
        if project.source_inquiry_id is None:
            return 0
        have = {p.organization_id for p in project.partners}
        added = 0
        inquiry = session.get(Inquiry, project.source_inquiry_id)
        for need in inquiry.needs if inquiry else ():
            for referral in need.referrals:
                if referral.partner_id in have:
                    continue
                have.add(referral.partner_id)
                project.partners.append(
                    ProjectPartner(
                        organization_id=referral.partner_id,
                        referral_id=referral.id,
                        role=f"Mise en relation ({need.subject.name})",
                    )
                )
                added += 1
        return added


def add_partner(db: Database, project_id: int, organization_id: int, role: str = "") -> int:
    with db.unit_of_work() as session:
        project = load_project(session, project_id)
        org = session.get(Organization, organization_id)
        if org is None:
            raise NotFoundError("Cet organisme n'existe plus.")
        if any(p.organization_id == organization_id for p in project.partners):
            raise ValidationError(f"« {org.legal_name} » est déjà partenaire du projet.")
        partner = ProjectPartner(organization_id=org.id, role=clean_text(role).strip() or None)
        project.partners.append(partner)
        session.flush()
        return partner.id


def remove_partner(db: Database, partner_id: int) -> None:
    with db.unit_of_work() as session:
        partner = session.get(ProjectPartner, partner_id)
        if partner is None:
            raise NotFoundError("Ce partenaire n'est plus lié au projet.")
        session.delete(partner)


def list_partners(db: Database, project_id: int) -> list[PartnerInfo]:
    with db.unit_of_work(write=False) as session:
        project = load_project(session, project_id)
        rows = []
        for p in sorted(project.partners, key=lambda x: x.organization.legal_name):
            referral = session.get(Referral, p.referral_id) if p.referral_id else None
            rows.append(
                PartnerInfo(
                    id=p.id,
                    organization_id=p.organization_id,
                    name=p.organization.legal_name,
                    role=p.role or "",
                    referral_status=label(referral.status) if referral else "",
                    note=p.note or "",
                )
            )
        return rows


def partner_choices(db: Database) -> list[tuple[int, str]]:
    """The partner institutions a project can come from or involve, by name."""
    from guichet.models import OrganizationKind

    query = (
        select(Organization.id, Organization.legal_name)
        .where(Organization.kind == OrganizationKind.PARTNER)
        .order_by(Organization.legal_name)
    )
    with db.unit_of_work(write=False) as session:
        return [(row[0], row[1]) for row in session.execute(query)]
