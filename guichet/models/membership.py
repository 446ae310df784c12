"""An organization's membership of a network (the Sotraban cluster)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from guichet.models.base import Base, Versioned
from guichet.models.enums import MembershipStatus, enum_column

if TYPE_CHECKING:
    from guichet.models.organization import Organization


class Membership(Versioned, Base):
    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    network: Mapped[str] = mapped_column(String(80), default="Sotraban")
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[MembershipStatus] = mapped_column(
        enum_column(MembershipStatus), default=MembershipStatus.ACTIVE
    )
    source_inquiry_id: Mapped[int | None] = mapped_column(
        ForeignKey("inquiry.id", ondelete="SET NULL")
    )

    organization: Mapped[Organization] = relationship(back_populates="memberships")
