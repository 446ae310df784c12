"""Import of sites from a spreadsheet (CSV, XLSX, ODS): columns mapped to fields, each row
checked like the form, then every valid row written in one transaction. Parks named in the
file and not yet known are created."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.importers.mapping import Mapping, guess_fields
from guichet.importers.site_rows import SITE_FIELDS, read_site_row
from guichet.importers.tables import Table, read_table
from guichet.models import BusinessPark, Site
from guichet.services.imports import OrganizationImportService
from guichet.services.sites import SiteDraft, apply_site, check_site

FIELD_LABELS = {f.key: f.label for f in SITE_FIELDS}


@dataclass(frozen=True)
class SiteImportReport:
    valid: int
    errors: tuple[tuple[int, str], ...]
    created: int = 0
    parks_created: int = 0

    @property
    def summary(self) -> str:
        text = f"{self.created} site(s) importé(s)"
        if self.parks_created:
            text += f", {self.parks_created} zone(s) créée(s)"
        if self.errors:
            text += f" ; {len(self.errors)} ligne(s) écartée(s)"
        return text + "."


def read_sites_file(db: Database, path: Path) -> Table:
    """The file read within the import limits of the settings."""
    return read_table(path, OrganizationImportService(db).limits())


def guess_site_mapping(table: Table) -> Mapping:
    return guess_fields(table.headers, SITE_FIELDS)


def check_site_mapping(mapping: Mapping) -> None:
    for f in SITE_FIELDS:
        if f.required and f.key not in mapping:
            raise ValidationError(f"Choisissez la colonne qui contient « {f.label} ».")
    used = [k for k in mapping if k]
    twice = sorted({k for k in used if used.count(k) > 1})
    if twice:
        names = ", ".join(f"« {FIELD_LABELS[k]} »" for k in twice)
        raise ValidationError(f"Plusieurs colonnes vont dans le même champ : {names}.")


def _drafts(
    table: Table, mapping: Mapping
) -> tuple[list[tuple[str, SiteDraft]], list[tuple[int, str]]]:
    good: list[tuple[str, SiteDraft]] = []
    errors: list[tuple[int, str]] = []
    for line, cells in zip(table.line_numbers, table.rows, strict=True):
        if not any(c.strip() for c in cells):
            continue
        try:
            row = read_site_row(line, cells, mapping)
            draft = SiteDraft(**row.values)  # type: ignore[arg-type]
            check_site(draft)
        except ValidationError as exc:
            errors.append((line, exc.message))
            continue
        good.append((row.park, draft))
    return good, errors


def preview_sites(table: Table, mapping: Mapping) -> SiteImportReport:
    check_site_mapping(mapping)
    good, errors = _drafts(table, mapping)
    return SiteImportReport(len(good), tuple(errors))


def import_sites(
    db: Database,
    table: Table,
    mapping: Mapping,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> SiteImportReport:
    """Writes every valid row (one transaction); the rows refused are in the report."""
    check_site_mapping(mapping)
    good, errors = _drafts(table, mapping)
    parks_created = 0
    with db.unit_of_work() as session:
        parks = {p.name.casefold(): p for p in session.scalars(select(BusinessPark))}
        for done, (park_name, draft) in enumerate(good, start=1):
            park = None
            if park_name:
                park = parks.get(park_name.casefold())
                if park is None:
                    park = BusinessPark(name=park_name[:120])
                    session.add(park)
                    parks[park_name.casefold()] = park
                    parks_created += 1
            site = Site()
            apply_site(site, draft)
            site.park = park
            session.add(site)
            if progress is not None and (done % 50 == 0 or done == len(good)):
                progress(done, len(good))
    return SiteImportReport(len(good), tuple(errors), len(good), parks_created)
