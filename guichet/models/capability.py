"""Industrial capabilities (a thesaurus with synonyms), certifications and strategic sectors."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from guichet.models.base import Base, Timestamped


def _link_table(name: str, target: str) -> Table:
    return Table(
        name,
        Base.metadata,
        Column(
            "organization_id",
            Integer,
            ForeignKey("organization.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column(
            f"{target}_id",
            Integer,
            ForeignKey(f"{target}.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )


class Capability(Timestamped, Base):
    """A skill such as « Usinage › Tournage CN »; ``synonyms`` is a ``|``-separated list."""

    __tablename__ = "capability"
    __table_args__ = (UniqueConstraint("parent_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("capability.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    synonyms: Mapped[str | None] = mapped_column(Text)

    parent: Mapped[Capability | None] = relationship(
        remote_side="Capability.id", back_populates="children"
    )
    children: Mapped[list[Capability]] = relationship(
        back_populates="parent", order_by="Capability.name"
    )

    @property
    def synonym_list(self) -> list[str]:
        return [s.strip() for s in (self.synonyms or "").split("|") if s.strip()]


class Certification(Timestamped, Base):
    __tablename__ = "certification"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str | None] = mapped_column(Text)


class Sector(Timestamped, Base):
    """Strategic sector (filière): hydrogène, nucléaire, aéronautique…"""

    __tablename__ = "sector"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)


organization_capability = _link_table("organization_capability", "capability")
organization_certification = _link_table("organization_certification", "certification")
organization_sector = _link_table("organization_sector", "sector")
