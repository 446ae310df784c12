"""The desk's counsellors: users of the app, who sign the letters, and their accounts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from guichet.models.base import Base, Versioned
from guichet.models.enums import Role, enum_column


class Counsellor(Versioned, Base):
    __tablename__ = "counsellor"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    initials: Mapped[str] = mapped_column(String(6), unique=True)
    title: Mapped[str | None] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(20))
    signature: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: None: a counsellor from before accounts (see guichet/services/permissions.py).
    role: Mapped[Role | None] = mapped_column(enum_column(Role))
    #: argon2 hash (guichet/services/passwords.py); never shown, masked in the audit trail.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    #: Operating-system user whose session opens this account without asking.
    os_user: Mapped[str | None] = mapped_column(String(64), unique=True)
    last_sign_in: Mapped[datetime | None] = mapped_column(DateTime)
