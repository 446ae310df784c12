"""Two-level need taxonomy: a theme (Financement) holds subjects (Prêt d'honneur)."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from guichet.models.base import Base, Timestamped


class Theme(Timestamped, Base):
    __tablename__ = "theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    subjects: Mapped[list[Subject]] = relationship(
        back_populates="theme", order_by="Subject.position, Subject.name"
    )


class Subject(Timestamped, Base):
    __tablename__ = "subject"
    __table_args__ = (UniqueConstraint("theme_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    theme: Mapped[Theme] = relationship(back_populates="subjects")
