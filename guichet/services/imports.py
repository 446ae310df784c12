"""Importing organisations (and their contacts) from a spreadsheet: one transaction, one report.

The wizard and ``guichet import organisations`` call the same steps: :meth:`read`, the mapping
(:meth:`mapping_for`, guessed or remembered), :meth:`preview`, then :meth:`run` which plans again
inside its transaction and writes everything, or nothing if it is cancelled or fails.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection

from guichet.db import Database
from guichet.db.statistics import analyze
from guichet.errors import ValidationError
from guichet.exporters.tables import ExportTable, write_table
from guichet.importers.bulk import paused_gc
from guichet.importers.commit import write_plan
from guichet.importers.limits import ReadLimits
from guichet.importers.mapping import (
    FIELDS_BY_KEY,
    Mapping,
    guess_mapping,
    header_signature,
    mapping_from_json,
    mapping_to_json,
    missing_required,
)
from guichet.importers.plan import ImportAction, ImportPlan, PlannedRow, load_existing, plan_rows
from guichet.importers.tables import Table, read_table
from guichet.models import ImportMapping, OrganizationKind
from guichet.search.indexer import process_pending
from guichet.services.import_memberships import import_memberships
from guichet.services.settings import SettingsService

log = logging.getLogger(__name__)

TARGET = "organisations"
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int
    skipped: int
    rejected: int
    contacts: int
    rows: list[PlannedRow]
    dry_run: bool = False
    memberships: int = 0

    @property
    def summary(self) -> str:
        verb = "seraient" if self.dry_run else "ont été"
        return (
            f"{self.created} organisation(s) {verb} créée(s), {self.updated} mise(s) à jour, "
            f"{self.contacts} contact(s) ajouté(s) ; {self.skipped} ligne(s) ignorée(s), "
            f"{self.rejected} rejetée(s)."
            + (f" {self.memberships} adhésion(s) enregistrée(s)." if self.memberships else "")
        )


@dataclass(frozen=True)
class MappingChoice:
    mapping: Mapping
    remembered: bool


def _noop_progress(_done: int, _total: int) -> None:
    return None


def _noop_check() -> None:
    return None


def index_imported(conn: Connection) -> None:
    """Bring the directory search index up to date with what the import wrote, in bulk and in
    the import's transaction: the organizations the triggers queued are re-indexed once (the
    session hook then finds the queue empty). PostgreSQL's search reads the tables."""
    if conn.dialect.name == "sqlite":
        process_pending(conn)


class OrganizationImportService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def limits(self) -> ReadLimits:
        """What an import accepts (rows, columns, cell length, data size), from the settings."""
        values = SettingsService(self.db).all()
        return ReadLimits(
            max_rows=values["import.max_rows"],
            max_columns=values["import.max_columns"],
            max_cell_chars=values["import.max_cell_chars"],
            max_megabytes=values["import.max_megabytes"],
        )

    def read(self, path: Path) -> Table:
        """Read the file within the limits of the settings (FileRefused past one of them)."""
        return read_table(path, self.limits())

    def mapping_for(self, table: Table) -> MappingChoice:
        """The mapping remembered for files with these headers, or the one guessed from them."""
        signature = header_signature(table.headers)
        with self.db.unit_of_work() as s:
            stored = s.get(ImportMapping, signature)
            remembered = mapping_from_json(stored.mapping, len(table.headers)) if stored else None
        if remembered is not None:
            return MappingChoice(remembered, True)
        return MappingChoice(guess_mapping(table.headers), False)

    @staticmethod
    def check_mapping(mapping: Mapping) -> None:
        missing = missing_required(mapping)
        if missing:
            names = ", ".join(f"« {f.label} »" for f in missing)
            raise ValidationError(
                f"Choisissez la colonne qui contient {names} : ce champ est obligatoire.",
                field="mapping",
            )
        used = [key for key in mapping if key is not None]
        twice = sorted({key for key in used if used.count(key) > 1})
        if twice:
            names = ", ".join(f"« {FIELDS_BY_KEY[k].label} »" for k in twice)
            raise ValidationError(
                f"Plusieurs colonnes vont dans le même champ : {names}. Gardez-en une seule.",
                field="mapping",
            )

    def preview(
        self,
        table: Table,
        mapping: Mapping,
        kind: OrganizationKind = OrganizationKind.COMPANY,
        *,
        progress: Progress = _noop_progress,
    ) -> ImportPlan:
        """What the import would do, row by row, without writing anything."""
        self.check_mapping(mapping)
        with self.db.unit_of_work() as s:
            existing = load_existing(s.connection())
        with paused_gc():
            return plan_rows(table, mapping, existing, kind, progress=progress)

    def run(
        self,
        table: Table,
        mapping: Mapping,
        kind: OrganizationKind = OrganizationKind.COMPANY,
        *,
        dry_run: bool = False,
        check: Callable[[], None] = _noop_check,
        progress: Progress = _noop_progress,
    ) -> ImportReport:
        """Import the whole file in one transaction (nothing is written when ``dry_run``).

        ``check()`` may raise to cancel: the transaction is then rolled back whole.
        """
        self.check_mapping(mapping)
        with paused_gc(), self.db.unit_of_work() as s:
            conn = s.connection()
            existing = load_existing(conn)
            plan = plan_rows(table, mapping, existing, kind)
            check()
            if dry_run:
                s.rollback()
                counts, memberships = None, 0
            else:
                counts = write_plan(
                    conn,
                    plan,
                    existing,
                    counsellor_id=self.db.counsellor_id,
                    check=check,
                    progress=progress,
                )
                check()
                memberships = import_memberships(s, plan, counts.created_ids, kind)
                index_imported(conn)
                s.merge(
                    ImportMapping(
                        signature=header_signature(table.headers),
                        target=TARGET,
                        mapping=mapping_to_json(mapping),
                    )
                )
        if not dry_run:
            analyze(self.db)  # a bulk write: the planner's statistics are out of date
        return ImportReport(
            created=plan.count(ImportAction.CREATE),
            updated=plan.count(ImportAction.UPDATE),
            skipped=plan.count(ImportAction.SKIP),
            rejected=plan.count(ImportAction.REJECT),
            contacts=counts.contacts if counts else sum(1 for r in plan.rows if r.contact),
            rows=plan.rows,
            dry_run=dry_run,
            memberships=memberships,
        )

    def remember(self, table: Table, mapping: Mapping) -> None:
        with self.db.unit_of_work() as s:
            s.merge(
                ImportMapping(
                    signature=header_signature(table.headers),
                    target=TARGET,
                    mapping=mapping_to_json(mapping),
                )
            )


def report_table(report: ImportReport) -> ExportTable:
    return ExportTable(
        title="Rapport d'import",
        headers=("Ligne", "Action", "Raison sociale", "SIRET", "Ville", "Motif"),
        rows=[(r.line, r.action_label, r.name, r.siret, r.city, r.reason) for r in report.rows],
    )


def save_report(report: ImportReport, path: Path) -> Path:
    """Save the report (one line per row of the file) as CSV or XLSX."""
    return write_table(report_table(report), path)
