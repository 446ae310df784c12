"""Business opportunities (calls for tenders, consultations), their lots and requirements,
their relays to members, the members' answers, and the groupements formed to answer them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from guichet.models.base import Base, Versioned
from guichet.models.enums import (
    AnswerStatus,
    Channel,
    GroupementForm,
    OpportunityOutcome,
    OpportunitySource,
    OpportunityStatus,
    enum_column,
)

if TYPE_CHECKING:
    from guichet.models.capability import Capability, Certification, Sector
    from guichet.models.organization import Organization


def _lot_link(name: str, target: str) -> Table:
    return Table(
        name,
        Base.metadata,
        Column("lot_id", Integer, ForeignKey("lot.id", ondelete="CASCADE"), primary_key=True),
        Column(
            f"{target}_id",
            Integer,
            ForeignKey(f"{target}.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )


lot_capability = _lot_link("lot_capability", "capability")
lot_certification = _lot_link("lot_certification", "certification")


class Opportunity(Versioned, Base):
    """A buyer's request relayed to the members who could answer it.

    ``received_at`` is when the desk got it (the start of the time-to-relay figure);
    amounts are whole euros.
    """

    __tablename__ = "opportunity"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[OpportunitySource] = mapped_column(
        enum_column(OpportunitySource), default=OpportunitySource.PUBLIC_TENDER
    )
    buyer_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT"), index=True
    )
    reported_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT")
    )
    buyer_reference: Mapped[str | None] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(250))
    description: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(500))
    commune_insee: Mapped[str | None] = mapped_column(String(5))
    estimated_value: Mapped[int | None] = mapped_column(BigInteger)
    sector_id: Mapped[int | None] = mapped_column(
        ForeignKey("sector.id", ondelete="SET NULL"), index=True
    )
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    answer_deadline: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    questions_deadline: Mapped[datetime | None] = mapped_column(DateTime)
    counsellor_id: Mapped[int | None] = mapped_column(
        ForeignKey("counsellor.id", ondelete="SET NULL")
    )
    status: Mapped[OpportunityStatus] = mapped_column(
        enum_column(OpportunityStatus), default=OpportunityStatus.OPEN, index=True
    )
    outcome: Mapped[OpportunityOutcome | None] = mapped_column(enum_column(OpportunityOutcome))
    awarded_amount: Mapped[int | None] = mapped_column(BigInteger)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    outcome_note: Mapped[str | None] = mapped_column(Text)

    buyer: Mapped[Organization | None] = relationship(foreign_keys=[buyer_id])
    reported_by: Mapped[Organization | None] = relationship(foreign_keys=[reported_by_id])
    sector: Mapped[Sector | None] = relationship()
    lots: Mapped[list[Lot]] = relationship(
        back_populates="opportunity", cascade="all, delete-orphan", order_by="Lot.number"
    )
    documents: Mapped[list[OpportunityDocument]] = relationship(
        back_populates="opportunity",
        cascade="all, delete-orphan",
        order_by="OpportunityDocument.id",
    )
    relays: Mapped[list[Relay]] = relationship(
        back_populates="opportunity", cascade="all, delete-orphan", order_by="Relay.relayed_at"
    )
    answers: Mapped[list[Answer]] = relationship(
        back_populates="opportunity", cascade="all, delete-orphan", order_by="Answer.answered_at"
    )
    groupements: Mapped[list[Groupement]] = relationship(
        back_populates="opportunity", cascade="all, delete-orphan", order_by="Groupement.id"
    )
    awards: Mapped[list[OpportunityAward]] = relationship(
        back_populates="opportunity", cascade="all, delete-orphan", order_by="OpportunityAward.id"
    )


class OpportunityDocument(Versioned, Base):
    """A file of the consultation (rules, specifications), stored in the database."""

    __tablename__ = "opportunity_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunity.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(250))
    size: Mapped[int] = mapped_column(Integer, default=0)
    file_data: Mapped[bytes] = deferred(mapped_column(LargeBinary))

    opportunity: Mapped[Opportunity] = relationship(back_populates="documents")


class Lot(Versioned, Base):
    """One part of an opportunity; ``min_headcount_band``/``max_headcount_band`` are INSEE codes."""

    __tablename__ = "lot"
    __table_args__ = (UniqueConstraint("opportunity_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunity.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(250))
    description: Mapped[str | None] = mapped_column(Text)
    estimated_value: Mapped[int | None] = mapped_column(BigInteger)
    min_headcount_band: Mapped[str | None] = mapped_column(String(2))
    max_headcount_band: Mapped[str | None] = mapped_column(String(2))

    opportunity: Mapped[Opportunity] = relationship(back_populates="lots")
    capabilities: Mapped[list[Capability]] = relationship(
        secondary="lot_capability", order_by="Capability.name"
    )
    certifications: Mapped[list[Certification]] = relationship(
        secondary="lot_certification", order_by="Certification.name"
    )


class Relay(Versioned, Base):
    """The opportunity sent to one organization (a letter, an e-mail draft), dated."""

    __tablename__ = "opportunity_relay"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunity.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))
    relayed_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    channel: Mapped[Channel] = mapped_column(enum_column(Channel), default=Channel.EMAIL)
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("letter.id", ondelete="SET NULL"))
    counsellor_id: Mapped[int | None] = mapped_column(
        ForeignKey("counsellor.id", ondelete="SET NULL")
    )
    last_reminder_at: Mapped[datetime | None] = mapped_column(DateTime)

    opportunity: Mapped[Opportunity] = relationship(back_populates="relays")
    organization: Mapped[Organization] = relationship()


class Answer(Versioned, Base):
    """One answer of an organization to an opportunity; the latest one is its current state."""

    __tablename__ = "opportunity_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunity.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT"), index=True
    )
    relay_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunity_relay.id", ondelete="SET NULL")
    )
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lot.id", ondelete="SET NULL"))
    groupement_id: Mapped[int | None] = mapped_column(
        ForeignKey("groupement.id", ondelete="SET NULL")
    )
    status: Mapped[AnswerStatus] = mapped_column(enum_column(AnswerStatus), index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime] = mapped_column(DateTime)
    counsellor_id: Mapped[int | None] = mapped_column(
        ForeignKey("counsellor.id", ondelete="SET NULL")
    )

    opportunity: Mapped[Opportunity] = relationship(back_populates="answers")
    organization: Mapped[Organization] = relationship()


class Groupement(Versioned, Base):
    """A groupement momentané d'entreprises: its form, its mandataire, its members."""

    __tablename__ = "groupement"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunity.id", ondelete="CASCADE"), index=True
    )
    form: Mapped[GroupementForm] = mapped_column(
        enum_column(GroupementForm), default=GroupementForm.JOINT
    )
    mandataire_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT")
    )
    note: Mapped[str | None] = mapped_column(Text)
    counsellor_id: Mapped[int | None] = mapped_column(
        ForeignKey("counsellor.id", ondelete="SET NULL")
    )

    opportunity: Mapped[Opportunity] = relationship(back_populates="groupements")
    mandataire: Mapped[Organization | None] = relationship()
    members: Mapped[list[GroupementMember]] = relationship(
        back_populates="groupement", cascade="all, delete-orphan", order_by="GroupementMember.id"
    )


groupement_member_lot = Table(
    "groupement_member_lot",
    Base.metadata,
    Column(
        "member_id",
        Integer,
        ForeignKey("groupement_member.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("lot_id", Integer, ForeignKey("lot.id", ondelete="CASCADE"), primary_key=True),
)


class GroupementMember(Versioned, Base):
    """A company of a groupement and the lots it does (« qui fait quoi »)."""

    __tablename__ = "groupement_member"
    __table_args__ = (UniqueConstraint("groupement_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    groupement_id: Mapped[int] = mapped_column(
        ForeignKey("groupement.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT"), index=True
    )
    share: Mapped[str | None] = mapped_column(Text)

    groupement: Mapped[Groupement] = relationship(back_populates="members")
    organization: Mapped[Organization] = relationship()
    lots: Mapped[list[Lot]] = relationship(secondary="groupement_member_lot", order_by="Lot.number")


class OpportunityAward(Versioned, Base):
    """The outcome: who was awarded the opportunity (or one lot of it), for how much."""

    __tablename__ = "opportunity_award"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunity.id", ondelete="CASCADE"), index=True
    )
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lot.id", ondelete="SET NULL"))
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT"), index=True
    )
    groupement_id: Mapped[int | None] = mapped_column(
        ForeignKey("groupement.id", ondelete="SET NULL")
    )
    amount: Mapped[int | None] = mapped_column(BigInteger)

    opportunity: Mapped[Opportunity] = relationship(back_populates="awards")
    organization: Mapped[Organization | None] = relationship()
