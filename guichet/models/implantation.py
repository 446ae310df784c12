"""Implantation projects (a company looking for land or a building), their events and partners."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from guichet.models.base import Base, Timestamped, Versioned
from guichet.models.enums import enum_column
from guichet.models.implantation_enums import (
    BuildingType,
    Classification,
    ProjectSource,
    ProjectStage,
    PropositionStatus,
)

if TYPE_CHECKING:
    from guichet.models.organization import Organization
    from guichet.models.site import Site


class ImplantationProject(Versioned, Base):
    """A project followed through the pipeline; ``code_name`` is what lists and exports show."""

    __tablename__ = "implantation_project"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_name: Mapped[str] = mapped_column(String(80), unique=True)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    company_name: Mapped[str | None] = mapped_column(String(250))
    confidential: Mapped[bool] = mapped_column(Boolean, default=True)
    source: Mapped[ProjectSource] = mapped_column(
        enum_column(ProjectSource), default=ProjectSource.DIRECT
    )
    source_inquiry_id: Mapped[int | None] = mapped_column(
        ForeignKey("inquiry.id", ondelete="SET NULL"), index=True
    )
    source_partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL")
    )
    sector: Mapped[str | None] = mapped_column(String(120))
    naf_code: Mapped[str | None] = mapped_column(String(6))
    description: Mapped[str | None] = mapped_column(Text)
    land_m2: Mapped[int | None] = mapped_column(Integer)
    building_m2: Mapped[int | None] = mapped_column(Integer)
    building_type: Mapped[BuildingType | None] = mapped_column(enum_column(BuildingType))
    needed_by: Mapped[date | None] = mapped_column(Date)
    classification: Mapped[Classification] = mapped_column(
        enum_column(Classification), default=Classification.NONE
    )
    needs_rail: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_port: Mapped[bool] = mapped_column(Boolean, default=False)
    power_mw: Mapped[float | None] = mapped_column(Float)
    needs_gas: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_hydrogen: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_water: Mapped[bool] = mapped_column(Boolean, default=False)
    continuous_operation: Mapped[bool] = mapped_column(Boolean, default=False)
    jobs_3y: Mapped[int | None] = mapped_column(Integer)
    investment_eur: Mapped[int | None] = mapped_column(BigInteger)
    stage: Mapped[ProjectStage] = mapped_column(
        enum_column(ProjectStage), default=ProjectStage.FIRST_CONTACT, index=True
    )
    stage_since: Mapped[date | None] = mapped_column(Date)
    opened_on: Mapped[date | None] = mapped_column(Date)
    closed_reason: Mapped[str | None] = mapped_column(Text)
    next_action: Mapped[str | None] = mapped_column(String(250))
    next_action_on: Mapped[date | None] = mapped_column(Date)
    counsellor_id: Mapped[int | None] = mapped_column(
        ForeignKey("counsellor.id", ondelete="SET NULL"), index=True
    )

    organization: Mapped[Organization | None] = relationship(foreign_keys=[organization_id])
    source_partner: Mapped[Organization | None] = relationship(foreign_keys=[source_partner_id])
    events: Mapped[list[ProjectEvent]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="ProjectEvent.at"
    )
    partners: Mapped[list[ProjectPartner]] = relationship(
        back_populates="project", cascade="all, delete-orphan"
    )
    propositions: Mapped[list[Proposition]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="Proposition.proposed_at"
    )


class ProjectEvent(Timestamped, Base):
    """A dated stage change, note, proposition or site visit of a project."""

    __tablename__ = "project_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("implantation_project.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(DateTime)
    counsellor_id: Mapped[int | None] = mapped_column(
        ForeignKey("counsellor.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(20))
    old_stage: Mapped[str | None] = mapped_column(String(24))
    new_stage: Mapped[str | None] = mapped_column(String(24))
    note: Mapped[str | None] = mapped_column(Text)

    project: Mapped[ImplantationProject] = relationship(back_populates="events")


class ProjectPartner(Versioned, Base):
    """A partner organisation involved in a project (the referral that brought it in, if any)."""

    __tablename__ = "project_partner"
    __table_args__ = (UniqueConstraint("project_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("implantation_project.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT"), index=True
    )
    role: Mapped[str | None] = mapped_column(String(120))
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referral.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)

    project: Mapped[ImplantationProject] = relationship(back_populates="partners")
    organization: Mapped[Organization] = relationship()


class Proposition(Versioned, Base):
    """A site proposed to a project, then visited, retained or set aside."""

    __tablename__ = "proposition"
    __table_args__ = (UniqueConstraint("project_id", "site_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("implantation_project.id", ondelete="CASCADE"), index=True
    )
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="CASCADE"), index=True)
    proposed_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[PropositionStatus] = mapped_column(
        enum_column(PropositionStatus), default=PropositionStatus.PROPOSED
    )
    visit_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    project: Mapped[ImplantationProject] = relationship(back_populates="propositions")
    site: Mapped[Site] = relationship()
