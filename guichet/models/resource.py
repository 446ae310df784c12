"""The desk's library: information sheets, aid schemes, upcoming meetings, links, documents."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from guichet.models.base import Base, Versioned
from guichet.models.enums import ResourceKind, enum_column


class Resource(Versioned, Base):
    __tablename__ = "resource"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(250))
    kind: Mapped[ResourceKind] = mapped_column(
        enum_column(ResourceKind), default=ResourceKind.SHEET
    )
    theme_id: Mapped[int | None] = mapped_column(
        ForeignKey("theme.id", ondelete="SET NULL"), index=True
    )
    description: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(500))
    event_at: Mapped[datetime | None] = mapped_column(DateTime)
    valid_until: Mapped[date | None] = mapped_column(Date)
    file_name: Mapped[str | None] = mapped_column(String(250))
    file_data: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
