"""A generated PDF archived with its record, so it reopens exactly as sent.

The PDF itself is in the letter archive (:mod:`guichet.services.letter_archive`), named by the
SHA-256 of its bytes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from guichet.models.base import Base, Timestamped
from guichet.models.enums import LetterKind, enum_column


class Letter(Timestamped, Base):
    __tablename__ = "letter"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[LetterKind] = mapped_column(enum_column(LetterKind))
    referral_id: Mapped[int | None] = mapped_column(
        ForeignKey("referral.id", ondelete="CASCADE"), index=True
    )
    inquiry_id: Mapped[int | None] = mapped_column(
        ForeignKey("inquiry.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    generated_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    template_version: Mapped[str] = mapped_column(String(40))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("counsellor.id", ondelete="SET NULL"))
    file_name: Mapped[str] = mapped_column(String(200))
    pdf_sha256: Mapped[str] = mapped_column(String(64), index=True)
    # Personal data erased (RGPD): its PDF is gone (key ERASED_PDF), the row says a letter went out.
    erased_at: Mapped[datetime | None] = mapped_column(DateTime)
