"""Filling the local SIRENE lookup table from INSEE's stock files, in one transaction.

Establishments of the territory (or of a département) are upserted by SIRET; establishments
found closed are marked inactive when already known; with StockUniteLegale, the legal names and
forms are joined and the establishments of non-diffusible units are removed. The directory
itself is not touched: the table only serves to fill in a company from its SIRET or name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, delete, select, update

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.importers.sirene import SireneFilter, scan_establishments, scan_legal_units
from guichet.models import SireneEstablishment
from guichet.reference.communes import departement_name
from guichet.reference.dates import format_number
from guichet.reference.text import fold
from guichet.services.settings import SettingsService
from guichet.services.territory import territory_codes

Progress = Callable[[int, int], None]
UPDATABLE = [c.name for c in SireneEstablishment.__table__.columns if c.name != "siret"]


@dataclass(frozen=True)
class SireneImportReport:
    read: int
    kept: int
    closed: int
    non_diffusible: int
    units_joined: int
    units_removed: int

    @property
    def summary(self) -> str:
        n = format_number
        return (
            f"{n(self.read)} établissements lus, {n(self.kept)} enregistrés dans la table "
            f"SIRENE locale ; {n(self.closed)} fermés, "
            f"{n(self.non_diffusible + self.units_removed)} non diffusibles écartés ; "
            f"{n(self.units_joined)} raisons sociales jointes."
        )


def _noop(*_args: Any) -> None:
    return None


def territory_filter(db: Database, *, include_closed: bool = False) -> SireneFilter:
    codes = territory_codes(SettingsService(db).get("territory.insee_codes"))
    return SireneFilter(communes=codes, include_closed=include_closed)


def departement_filter(code: str, *, include_closed: bool = False) -> SireneFilter:
    code = (code or "").strip().upper()
    if not departement_name(code):
        raise ValidationError(
            f"Département inconnu : « {code} ». Saisissez son numéro, par exemple 76.",
            field="departement",
        )
    return SireneFilter(departement=code, include_closed=include_closed)


def _upsert(conn: Connection, records: list[dict[str, Any]]) -> None:
    if not records:
        return
    table = cast(Table, SireneEstablishment.__table__)
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        statement: Any = pg_insert(table)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(table)
    statement = statement.on_conflict_do_update(
        index_elements=["siret"], set_={name: statement.excluded[name] for name in UPDATABLE}
    )
    conn.execute(statement, records)


def _mark_closed(conn: Connection, sirets: list[str]) -> None:
    if sirets:
        conn.execute(
            update(SireneEstablishment)
            .where(SireneEstablishment.siret.in_(sirets))
            .values(active=False)
        )


def import_sirene(
    db: Database,
    establishments: Path,
    wanted: SireneFilter,
    *,
    legal_units: Path | None = None,
    check: Callable[[], None] = _noop,
    progress: Progress = _noop,
) -> SireneImportReport:
    """Stream the stock files into ``sirene_establishment``; all or nothing."""
    table = cast(Table, SireneEstablishment.__table__)
    with db.unit_of_work() as s:
        conn = s.connection()
        sirens: set[str] = set()

        def write(records: list[dict[str, Any]], closed: list[str]) -> None:
            _upsert(conn, records)
            _mark_closed(conn, closed)
            if legal_units is not None:
                sirens.update(r["siren"] for r in records)

        counts = scan_establishments(establishments, wanted, write, check=check, progress=progress)
        joined = removed = 0
        if legal_units is not None and sirens:
            units = scan_legal_units(legal_units, sirens, check=check, progress=progress)
            hidden = [siren for siren, unit in units.items() if not unit.diffusible]
            for start in range(0, len(hidden), 500):
                removed += conn.execute(
                    delete(table).where(table.c.siren.in_(hidden[start : start + 500]))
                ).rowcount
            named = [
                {
                    "b_siren": siren,
                    "b_name": unit.name[:250],
                    "b_key": fold(unit.name)[:250],
                    "b_form": unit.legal_form,
                }
                for siren, unit in units.items()
                if unit.diffusible and unit.name
            ]
            if named:
                conn.execute(
                    update(table)
                    .where(table.c.siren == bindparam("b_siren"))
                    .values(
                        name=bindparam("b_name"),
                        name_key=bindparam("b_key"),
                        legal_form=bindparam("b_form"),
                    ),
                    named,
                )
            joined = len(named)
    return SireneImportReport(
        read=counts.read,
        kept=counts.kept - removed,
        closed=counts.closed,
        non_diffusible=counts.non_diffusible,
        units_joined=joined,
        units_removed=removed,
    )


def sirene_count(db: Database) -> int:
    from sqlalchemy import func

    with db.unit_of_work() as s:
        return s.scalar(select(func.count()).select_from(SireneEstablishment)) or 0
