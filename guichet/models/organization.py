"""Organizations (companies, network members, partner institutions, the agency) and contacts."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from guichet.models.base import Base, Versioned
from guichet.models.enums import LegalBasis, OrganizationKind, enum_column

if TYPE_CHECKING:
    from guichet.models.capability import Capability, Certification, Sector
    from guichet.models.membership import Membership


class Organization(Versioned, Base):
    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[OrganizationKind] = mapped_column(
        enum_column(OrganizationKind), default=OrganizationKind.COMPANY, index=True
    )
    legal_name: Mapped[str] = mapped_column(String(250))
    trade_name: Mapped[str | None] = mapped_column(String(250))
    siren: Mapped[str | None] = mapped_column(String(9), index=True)
    siret: Mapped[str | None] = mapped_column(String(14), unique=True)
    naf_code: Mapped[str | None] = mapped_column(String(6))
    naf_version: Mapped[str | None] = mapped_column(String(12))
    legal_form: Mapped[str | None] = mapped_column(String(4))
    headcount_band: Mapped[str | None] = mapped_column(String(2))
    address_building: Mapped[str | None] = mapped_column(String(120))
    address_street: Mapped[str | None] = mapped_column(String(120))
    address_locality: Mapped[str | None] = mapped_column(String(120))
    postal_code: Mapped[str | None] = mapped_column(String(10))
    city: Mapped[str | None] = mapped_column(String(80))
    commune_insee: Mapped[str | None] = mapped_column(String(5), index=True)
    country: Mapped[str | None] = mapped_column(String(60))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    website: Mapped[str | None] = mapped_column(String(250))
    description: Mapped[str | None] = mapped_column(Text)
    verified_on: Mapped[date | None] = mapped_column(Date)
    do_not_refer: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_refer_reason: Mapped[str | None] = mapped_column(Text)
    # « Ne pas contacter »: left out of meeting audiences and mailings.
    do_not_contact: Mapped[bool] = mapped_column(Boolean, default=False)

    contacts: Mapped[list[Contact]] = relationship(back_populates="organization")
    capabilities: Mapped[list[Capability]] = relationship(
        secondary="organization_capability", order_by="Capability.name"
    )
    certifications: Mapped[list[Certification]] = relationship(
        secondary="organization_certification", order_by="Certification.name"
    )
    sectors: Mapped[list[Sector]] = relationship(
        secondary="organization_sector", order_by="Sector.name"
    )
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="organization",
        cascade="all, delete-orphan",
        foreign_keys="Membership.organization_id",
    )

    @property
    def display_name(self) -> str:
        return display_name(self.legal_name, self.trade_name)


class Contact(Versioned, Base):
    __tablename__ = "contact"
    __table_args__ = (Index("ix_contact_names", "last_name", "first_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    civility: Mapped[str | None] = mapped_column(String(10))
    first_name: Mapped[str | None] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(20))
    mobile: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    # A person's own postal address (a project holder, a person without a company).
    address_building: Mapped[str | None] = mapped_column(String(120))
    address_street: Mapped[str | None] = mapped_column(String(120))
    address_locality: Mapped[str | None] = mapped_column(String(120))
    postal_code: Mapped[str | None] = mapped_column(String(10))
    city: Mapped[str | None] = mapped_column(String(80))
    legal_basis: Mapped[LegalBasis | None] = mapped_column(enum_column(LegalBasis))
    consent_on: Mapped[date | None] = mapped_column(Date)
    # When and how the legal basis was recorded (« Fiche créée au guichet », a sign-in sheet…).
    # Filled on insert when the creating code says nothing (imports, quick entries).
    legal_basis_on: Mapped[date | None] = mapped_column(Date, default=date.today)
    legal_basis_source: Mapped[str | None] = mapped_column(
        String(200), default="Saisie dans Guichet"
    )
    last_inbound_at: Mapped[datetime | None] = mapped_column(DateTime)
    anonymized_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Date the person refused communications (None: no opposition).
    opposed_on: Mapped[date | None] = mapped_column(Date)

    organization: Mapped[Organization | None] = relationship(back_populates="contacts")

    @property
    def full_name(self) -> str:
        return full_name(self.civility, self.first_name, self.last_name)


def full_name(civility: str | None, first_name: str | None, last_name: str | None) -> str:
    """« Mme Claire Martin »: the parts a person has, in that order (also for rows read in SQL)."""
    return " ".join(p for p in (civility, first_name, last_name) if p)


def display_name(legal_name: str, trade_name: str | None) -> str:
    """« Trade name (Legal name) », or the legal name alone (also for rows read in SQL)."""
    if trade_name and trade_name != legal_name:
        return f"{trade_name} ({legal_name})"
    return legal_name
