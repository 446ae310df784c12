"""Meetings the desk organises (information meetings, workshops…), their invitations and
registrations."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from guichet.models.base import Base, Versioned
from guichet.models.enums import Channel, enum_column
from guichet.models.meeting_enums import MeetingKind, MeetingStatus, RegistrationStatus

if TYPE_CHECKING:
    from guichet.models.counsellor import Counsellor
    from guichet.models.organization import Contact, Organization
    from guichet.models.taxonomy import Subject, Theme

meeting_subject = Table(
    "meeting_subject",
    Base.metadata,
    Column("meeting_id", ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True),
    Column("subject_id", ForeignKey("subject.id", ondelete="CASCADE"), primary_key=True),
)


class Meeting(Versioned, Base):
    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[MeetingKind] = mapped_column(
        enum_column(MeetingKind), default=MeetingKind.INFORMATION
    )
    theme_id: Mapped[int | None] = mapped_column(
        ForeignKey("theme.id", ondelete="SET NULL"), index=True
    )
    start_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    end_at: Mapped[datetime] = mapped_column(DateTime)
    # The place: an organisation of the directory, or an address with its commune.
    place_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    place_name: Mapped[str | None] = mapped_column(String(200))
    place_street: Mapped[str | None] = mapped_column(String(120))
    place_postal_code: Mapped[str | None] = mapped_column(String(10))
    place_city: Mapped[str | None] = mapped_column(String(80))
    place_commune_insee: Mapped[str | None] = mapped_column(String(5))
    capacity: Mapped[int | None] = mapped_column(Integer)
    counsellor_id: Mapped[int | None] = mapped_column(
        ForeignKey("counsellor.id", ondelete="SET NULL"), index=True
    )
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[MeetingStatus] = mapped_column(
        enum_column(MeetingStatus), default=MeetingStatus.PLANNED, index=True
    )

    theme: Mapped[Theme | None] = relationship()
    subjects: Mapped[list[Subject]] = relationship(
        secondary=meeting_subject, order_by="Subject.position"
    )
    place_organization: Mapped[Organization | None] = relationship()
    counsellor: Mapped[Counsellor | None] = relationship()
    partners: Mapped[list[MeetingPartner]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )
    speakers: Mapped[list[MeetingSpeaker]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="MeetingSpeaker.position"
    )
    invitations: Mapped[list[Invitation]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )
    registrations: Mapped[list[Registration]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )


class MeetingPartner(Versioned, Base):
    """A co-organising partner (the cluster, a chamber…)."""

    __tablename__ = "meeting_partner"
    __table_args__ = (UniqueConstraint("meeting_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )

    meeting: Mapped[Meeting] = relationship(back_populates="partners")
    organization: Mapped[Organization] = relationship()


class MeetingSpeaker(Versioned, Base):
    __tablename__ = "meeting_speaker"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(160))
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL"), index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    topic: Mapped[str | None] = mapped_column(String(250))

    meeting: Mapped[Meeting] = relationship(back_populates="speakers")
    contact: Mapped[Contact | None] = relationship()
    organization: Mapped[Organization | None] = relationship()


class Invitation(Versioned, Base):
    """One contact invited to a meeting through one channel, on a date."""

    __tablename__ = "invitation"
    __table_args__ = (UniqueConstraint("meeting_id", "contact_id", "channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[Channel] = mapped_column(enum_column(Channel), default=Channel.EMAIL)
    sent_on: Mapped[date] = mapped_column(Date)

    meeting: Mapped[Meeting] = relationship(back_populates="invitations")
    contact: Mapped[Contact] = relationship()


class Registration(Versioned, Base):
    __tablename__ = "registration"
    __table_args__ = (UniqueConstraint("meeting_id", "contact_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[RegistrationStatus] = mapped_column(
        enum_column(RegistrationStatus), default=RegistrationStatus.REGISTERED
    )
    registered_at: Mapped[datetime] = mapped_column(DateTime)
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False)
    # Rank on the waiting list (1 = next promoted); None when not waiting.
    waiting_position: Mapped[int | None] = mapped_column(Integer)

    meeting: Mapped[Meeting] = relationship(back_populates="registrations")
    contact: Mapped[Contact] = relationship()
