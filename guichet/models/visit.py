"""Company visits (business retention and expansion) and their versioned questionnaire.

A questionnaire version is a frozen list of questions (JSON): editing the questionnaire writes a
new version, so the answers recorded with an older one keep their labels. Each answer also
stores its question's label and type, and whether it raised a risk signal, so an answer to a
question removed since still reads as it was asked.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from guichet.models.base import Base, Versioned
from guichet.models.enums import VisitStatus, enum_column

if TYPE_CHECKING:
    from guichet.models.counsellor import Counsellor
    from guichet.models.organization import Contact, Organization


class QuestionnaireVersion(Versioned, Base):
    __tablename__ = "questionnaire_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    #: JSON list of {key, label, type, choices, required, risk}
    questions: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(String(250))


class Visit(Versioned, Base):
    __tablename__ = "visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))
    counsellor_id: Mapped[int | None] = mapped_column(
        ForeignKey("counsellor.id", ondelete="SET NULL"), index=True
    )
    planned_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    status: Mapped[VisitStatus] = mapped_column(
        enum_column(VisitStatus), default=VisitStatus.PLANNED, index=True
    )
    notes: Mapped[str | None] = mapped_column(Text)
    questionnaire_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("questionnaire_version.id", ondelete="RESTRICT")
    )
    done_at: Mapped[datetime | None] = mapped_column(DateTime)

    organization: Mapped[Organization] = relationship()
    contact: Mapped[Contact | None] = relationship()
    counsellor: Mapped[Counsellor | None] = relationship()
    questionnaire: Mapped[QuestionnaireVersion | None] = relationship()
    partners: Mapped[list[VisitPartner]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="VisitPartner.id"
    )
    answers: Mapped[list[VisitAnswer]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="VisitAnswer.position"
    )


class VisitPartner(Versioned, Base):
    """A partner organisation (and, optionally, its person) coming along on a visit."""

    __tablename__ = "visit_partner"
    __table_args__ = (UniqueConstraint("visit_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))

    visit: Mapped[Visit] = relationship(back_populates="partners")
    organization: Mapped[Organization] = relationship()
    contact: Mapped[Contact | None] = relationship()


class VisitAnswer(Versioned, Base):
    __tablename__ = "visit_answer"
    __table_args__ = (UniqueConstraint("visit_id", "question_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    questionnaire_version_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaire_version.id", ondelete="RESTRICT")
    )
    question_key: Mapped[str] = mapped_column(String(40))
    question_label: Mapped[str] = mapped_column(String(250))
    question_type: Mapped[str] = mapped_column(String(12))
    position: Mapped[int] = mapped_column(Integer, default=0)
    value: Mapped[str] = mapped_column(Text)
    #: the answer raised the question's risk signal (evaluated with its version's rule)
    risk: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    risk_label: Mapped[str | None] = mapped_column(String(120))

    visit: Mapped[Visit] = relationship(back_populates="answers")
