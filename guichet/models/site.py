"""The territory's offer: business parks (zones d'activité), their plots and buildings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from guichet.models.base import Base, Versioned
from guichet.models.enums import enum_column
from guichet.models.implantation_enums import SiteKind


class BusinessPark(Versioned, Base):
    __tablename__ = "business_park"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    commune_code: Mapped[str | None] = mapped_column(String(5))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    description: Mapped[str | None] = mapped_column(Text)

    sites: Mapped[list[Site]] = relationship(back_populates="park", order_by="Site.name")


class Site(Versioned, Base):
    """A plot or a building offered to projects; ``active`` off once sold, let or withdrawn."""

    __tablename__ = "site"

    id: Mapped[int] = mapped_column(primary_key=True)
    park_id: Mapped[int | None] = mapped_column(
        ForeignKey("business_park.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[SiteKind] = mapped_column(enum_column(SiteKind), default=SiteKind.PLOT)
    surface_m2: Mapped[int] = mapped_column(Integer)
    available_on: Mapped[date | None] = mapped_column(Date)
    price_eur: Mapped[int | None] = mapped_column(BigInteger)
    rent_eur_month: Mapped[int | None] = mapped_column(Integer)
    owner: Mapped[str | None] = mapped_column(String(200))
    zoning: Mapped[str | None] = mapped_column(String(60))
    has_rail: Mapped[bool] = mapped_column(Boolean, default=False)
    has_port: Mapped[bool] = mapped_column(Boolean, default=False)
    power_mw: Mapped[float | None] = mapped_column(Float)
    has_fibre: Mapped[bool] = mapped_column(Boolean, default=False)
    has_hydrogen: Mapped[bool] = mapped_column(Boolean, default=False)
    has_gas: Mapped[bool] = mapped_column(Boolean, default=False)
    has_water: Mapped[bool] = mapped_column(Boolean, default=False)
    accepts_classified: Mapped[bool] = mapped_column(Boolean, default=False)
    commune_code: Mapped[str | None] = mapped_column(String(5))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    park: Mapped[BusinessPark | None] = relationship(back_populates="sites")
    attachments: Mapped[list[SiteAttachment]] = relationship(
        back_populates="site", cascade="all, delete-orphan", order_by="SiteAttachment.id"
    )


class SiteAttachment(Versioned, Base):
    """A photo or a plan of a site, stored in the database."""

    __tablename__ = "site_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(250))
    caption: Mapped[str | None] = mapped_column(String(250))
    size: Mapped[int] = mapped_column(Integer, default=0)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary))

    site: Mapped[Site] = relationship(back_populates="attachments")
