"""Local lookup table filled from INSEE's SIRENE stock files (not the directory itself)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, String
from sqlalchemy.orm import Mapped, mapped_column

from guichet.models.base import Base


class SireneEstablishment(Base):
    __tablename__ = "sirene_establishment"

    siret: Mapped[str] = mapped_column(String(14), primary_key=True)
    siren: Mapped[str] = mapped_column(String(9), index=True)
    name: Mapped[str] = mapped_column(String(250))
    trade_name: Mapped[str | None] = mapped_column(String(250))
    # Folded names (``reference.text.fold``) for a prefix search through an index.
    name_key: Mapped[str | None] = mapped_column(String(250), index=True)
    trade_key: Mapped[str | None] = mapped_column(String(250), index=True)
    naf_code: Mapped[str | None] = mapped_column(String(6))
    naf_version: Mapped[str | None] = mapped_column(String(12))
    legal_form: Mapped[str | None] = mapped_column(String(4))
    headcount_band: Mapped[str | None] = mapped_column(String(2))
    street: Mapped[str | None] = mapped_column(String(160))
    postal_code: Mapped[str | None] = mapped_column(String(10))
    city: Mapped[str | None] = mapped_column(String(80))
    commune_insee: Mapped[str | None] = mapped_column(String(5), index=True)
    is_headquarters: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_on: Mapped[date | None] = mapped_column(Date)


class ImportMapping(Base):
    """A column mapping remembered for the next file with the same headers."""

    __tablename__ = "import_mapping"

    signature: Mapped[str] = mapped_column(String(64), primary_key=True)
    target: Mapped[str] = mapped_column(String(40))
    mapping: Mapped[str] = mapped_column(String(4000))
