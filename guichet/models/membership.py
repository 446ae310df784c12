"""An organization's membership of a network (an organisation of kind « réseau »).

Its status goes prospect → candidat → adhérent → sorti; its origin says what brought it
(an inquiry, a referral, a meeting, a visit, an opportunity or a counsellor), stored as a kind
and an id without a foreign key, since meetings, visits and opportunities live in tables owned
by other parts of the application.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from guichet.models.base import Base, Versioned
from guichet.models.enums import MembershipOrigin, MembershipStatus, enum_column

if TYPE_CHECKING:
    from guichet.models.counsellor import Counsellor
    from guichet.models.organization import Organization


class Membership(Versioned, Base):
    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    network_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT"), index=True
    )
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[MembershipStatus] = mapped_column(
        enum_column(MembershipStatus), default=MembershipStatus.MEMBER
    )
    left_reason: Mapped[str | None] = mapped_column(Text)
    origin_kind: Mapped[MembershipOrigin | None] = mapped_column(enum_column(MembershipOrigin))
    origin_id: Mapped[int | None] = mapped_column(Integer)
    origin_counsellor_id: Mapped[int | None] = mapped_column(
        ForeignKey("counsellor.id", ondelete="SET NULL")
    )

    organization: Mapped[Organization] = relationship(
        back_populates="memberships", foreign_keys=[organization_id]
    )
    network: Mapped[Organization] = relationship(foreign_keys=[network_id])
    origin_counsellor: Mapped[Counsellor | None] = relationship()
