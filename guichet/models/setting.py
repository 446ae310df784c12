"""Settings that travel with a shared database (agency identity, delays, retention)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from guichet.models.base import Base, Timestamped


class Setting(Timestamped, Base):
    """One setting; ``value`` holds JSON. Declarations and defaults live in services.settings."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
