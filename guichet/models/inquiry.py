"""An inquiry (one contact with the desk), its needs, notes and the information handed over."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from guichet.models.base import Base, Timestamped, Versioned
from guichet.models.enums import Channel, InquiryStatus, NeedOutcome, enum_column

if TYPE_CHECKING:
    from guichet.models.counsellor import Counsellor
    from guichet.models.organization import Contact, Organization
    from guichet.models.referral import Referral
    from guichet.models.resource import Resource
    from guichet.models.taxonomy import Subject


class Inquiry(Versioned, Base):
    __tablename__ = "inquiry"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    channel: Mapped[Channel] = mapped_column(enum_column(Channel), default=Channel.DESK)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL"), index=True
    )
    counsellor_id: Mapped[int | None] = mapped_column(
        ForeignKey("counsellor.id", ondelete="SET NULL"), index=True
    )
    summary: Mapped[str | None] = mapped_column(Text)
    status: Mapped[InquiryStatus] = mapped_column(
        enum_column(InquiryStatus), default=InquiryStatus.NEW, index=True
    )
    first_action_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    consent_to_share: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Personal data removed (retention or erasure); what statistics need stays.
    anonymized_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The meeting where the need was heard (channel « réunion »).
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"), index=True
    )
    #: Set when the inquiry came from a desk's offline outbox: the same item is never stored twice.
    offline_key: Mapped[str | None] = mapped_column(String(36), unique=True, index=True)

    organization: Mapped[Organization | None] = relationship()
    contact: Mapped[Contact | None] = relationship()
    counsellor: Mapped[Counsellor | None] = relationship()
    needs: Mapped[list[Need]] = relationship(
        back_populates="inquiry", cascade="all, delete-orphan", order_by="Need.position"
    )
    notes: Mapped[list[InquiryNote]] = relationship(
        back_populates="inquiry", cascade="all, delete-orphan", order_by="InquiryNote.created_at"
    )


class Need(Versioned, Base):
    __tablename__ = "need"

    id: Mapped[int] = mapped_column(primary_key=True)
    inquiry_id: Mapped[int] = mapped_column(
        ForeignKey("inquiry.id", ondelete="CASCADE"), index=True
    )
    subject_id: Mapped[int] = mapped_column(
        ForeignKey("subject.id", ondelete="RESTRICT"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[NeedOutcome | None] = mapped_column(enum_column(NeedOutcome))
    outcome_at: Mapped[datetime | None] = mapped_column(DateTime)
    orientation_note: Mapped[str | None] = mapped_column(Text)

    inquiry: Mapped[Inquiry] = relationship(back_populates="needs")
    subject: Mapped[Subject] = relationship()
    information_given: Mapped[list[InformationGiven]] = relationship(
        back_populates="need", cascade="all, delete-orphan"
    )
    referrals: Mapped[list[Referral]] = relationship(back_populates="need")


class InquiryNote(Timestamped, Base):
    __tablename__ = "inquiry_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    inquiry_id: Mapped[int] = mapped_column(
        ForeignKey("inquiry.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("counsellor.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)

    inquiry: Mapped[Inquiry] = relationship(back_populates="notes")


class InformationGiven(Timestamped, Base):
    """A resource handed over while answering a need."""

    __tablename__ = "information_given"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"), index=True)
    resource_id: Mapped[int] = mapped_column(
        ForeignKey("resource.id", ondelete="RESTRICT"), index=True
    )
    given_at: Mapped[datetime] = mapped_column(DateTime)
    counsellor_id: Mapped[int | None] = mapped_column(
        ForeignKey("counsellor.id", ondelete="SET NULL")
    )
    note: Mapped[str | None] = mapped_column(Text)

    need: Mapped[Need] = relationship(back_populates="information_given")
    resource: Mapped[Resource] = relationship()
