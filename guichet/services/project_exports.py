"""Export of the implantation pipeline: code names, unless « avec les noms » was asked.

An export with the names is written in the audit trail (who, when, which file, which projects
by code name); the names themselves never go into the trail.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from guichet.db import Database
from guichet.exporters.tables import ExportTable, write_table
from guichet.models import AuditAction, AuditEntry, ImplantationProject
from guichet.services.exports import ExportResult
from guichet.services.permissions import Permission, require_db
from guichet.services.projects import ProjectSummary, list_projects

HEADERS = (
    "Projet",
    "Étape",
    "Depuis le",
    "Filière",
    "Emplois à 3 ans",
    "Investissement (€)",
    "Prochaine action",
    "Échéance",
    "Conseiller",
)
EXPORT_ENTITY = "project_export"


def row(p: ProjectSummary) -> tuple[object, ...]:
    return (
        p.name,
        p.stage_label,
        p.stage_since,
        p.sector,
        p.jobs_3y,
        p.investment_eur,
        p.next_action,
        p.next_action_on,
        p.counsellor,
    )


def projects_table(
    db: Database, *, with_names: bool = False, operator: bool = False, today: date | None = None
) -> ExportTable:
    projects = list_projects(db, with_names=with_names, operator=operator, today=today)
    return ExportTable("Projets d'implantation", HEADERS, [row(p) for p in projects])


def export_projects(
    db: Database,
    path: Path,
    *,
    with_names: bool = False,
    operator: bool = False,
    today: date | None = None,
) -> ExportResult:
    """Writes the pipeline to ``path`` (.csv or .xlsx); with the names, notes it in the audit."""
    if with_names:
        require_db(db, Permission.EXPORT_NAMES)
    table = projects_table(db, with_names=with_names, operator=operator, today=today)
    write_table(table, path)
    if with_names:
        note_named_export(db, str(path), len(table.rows))
    return ExportResult(path, len(table.rows))


def note_named_export(db: Database, target: str, count: int) -> None:
    """One audit entry: an export or report of projects that carried the real names."""
    with db.unit_of_work() as session:
        codes = session.scalars(
            select(ImplantationProject.code_name)
            .where(ImplantationProject.confidential.is_(True))
            .order_by(ImplantationProject.code_name)
        ).all()
        session.add(
            AuditEntry(
                at=datetime.now(),
                counsellor_id=db.counsellor_id,
                entity=EXPORT_ENTITY,
                record_id=None,
                action=AuditAction.EXPORT,
                field="avec les noms",
                old_value=None,
                new_value=f"{target} — {count} projet(s) ; confidentiels : {', '.join(codes)}"[
                    :2000
                ],
            )
        )
