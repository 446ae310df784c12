"""The audit trail, read: one record's history (the « Historique » tab) and the global view
with its filters and export (a responsable's: :attr:`Permission.AUDIT_VIEW`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.exporters.tables import ExportTable, write_table
from guichet.models import AuditEntry, Contact, Counsellor, Need
from guichet.models.enums import AuditAction
from guichet.models.inquiry import InquiryNote
from guichet.services.audit_labels import (
    action_label,
    change_text,
    entity_label,
    field_label,
    value_text,
)
from guichet.services.audit_log import record_export
from guichet.services.exports import ExportResult
from guichet.services.permissions import Permission, require

#: A global view shows at most this many lines (newest first); the export has them all.
VIEW_LIMIT = 5000
#: Records whose history includes their parts' (a contact in an organisation's, a need in an
#: inquiry's): child entity, its model, the column pointing to the parent.
CHILDREN = {
    "organization": (("contact", Contact, Contact.organization_id),),
    "inquiry": (
        ("need", Need, Need.inquiry_id),
        ("inquiry_note", InquiryNote, InquiryNote.inquiry_id),
    ),
}


@dataclass(frozen=True)
class HistoryRow:
    id: int
    at: datetime
    counsellor: str
    initials: str  # the counsellor's, for a narrow column ("—" when nobody acted)
    entity: str  # the record type, in French
    record_id: int | None
    action: str  # in French
    field: str  # in French
    old: str
    new: str

    @property
    def change(self) -> str:
        """What changed, in one line: « Téléphone : (vide) → 02 35 38 12 00 »."""
        return change_text(self.action, self.entity, self.field, self.old, self.new)


@dataclass(frozen=True)
class AuditFilter:
    counsellor_id: int | None = None
    entity: str | None = None
    action: AuditAction | None = None
    start: date | None = None
    end: date | None = None  # inclusive


def _counsellors(session: Session) -> dict[int, tuple[str, str]]:
    return {
        c.id: (f"{c.name} ({c.initials})", c.initials) for c in session.scalars(select(Counsellor))
    }


def _rows(session: Session, query: Select[AuditEntry]) -> list[HistoryRow]:
    people = _counsellors(session)
    names = {key: full for key, (full, _) in people.items()}
    nobody = ("—", "—")
    return [
        HistoryRow(
            id=e.id,
            at=e.at,
            counsellor=people.get(e.counsellor_id or 0, nobody)[0],
            initials=people.get(e.counsellor_id or 0, nobody)[1],
            entity=entity_label(e.entity),
            record_id=e.record_id,
            action=action_label(e.action),
            field=field_label(e.entity, e.field),
            old=value_text(e.field, e.old_value, names),
            new=value_text(e.field, e.new_value, names),
        )
        for e in session.scalars(query)
    ]


def record_history(db: Database, entity: str, record_id: int) -> list[HistoryRow]:
    """Everything the trail says about one record and its parts, newest first."""
    with db.unit_of_work(write=False) as session:
        wanted = [and_(AuditEntry.entity == entity, AuditEntry.record_id == record_id)]
        for child, model, column in CHILDREN.get(entity, ()):
            ids = list(session.scalars(select(model.id).where(column == record_id)))
            if ids:
                wanted.append(and_(AuditEntry.entity == child, AuditEntry.record_id.in_(ids)))
        query = (
            select(AuditEntry)
            .where(or_(*wanted), AuditEntry.action != AuditAction.READ)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        )
        return _rows(session, query)


def _filtered(f: AuditFilter) -> Select[AuditEntry]:
    query = select(AuditEntry)
    if f.counsellor_id is not None:
        query = query.where(AuditEntry.counsellor_id == f.counsellor_id)
    if f.entity:
        query = query.where(AuditEntry.entity == f.entity)
    if f.action is not None:
        query = query.where(AuditEntry.action == f.action)
    if f.start is not None:
        query = query.where(AuditEntry.at >= datetime.combine(f.start, time.min))
    if f.end is not None:
        query = query.where(AuditEntry.at < datetime.combine(f.end + timedelta(days=1), time.min))
    return query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


def audit_entities(db: Database) -> list[tuple[str, str]]:
    """The record types the trail holds: (code, French label), by label."""
    with db.unit_of_work(write=False) as session:
        require(session, Permission.AUDIT_VIEW)
        codes = session.scalars(select(AuditEntry.entity).distinct())
        return sorted(((c, entity_label(c)) for c in codes), key=lambda pair: pair[1])


def search_audit(db: Database, f: AuditFilter, limit: int = VIEW_LIMIT) -> list[HistoryRow]:
    """The global view: the lines matching ``f``, newest first, at most ``limit``."""
    with db.unit_of_work(write=False) as session:
        require(session, Permission.AUDIT_VIEW)
        return _rows(session, _filtered(f).limit(limit))


HEADERS = (
    "Date",
    "Conseiller",
    "Fiche",
    "N°",
    "Action",
    "Champ",
    "Ancienne valeur",
    "Nouvelle valeur",
)


def audit_table(rows: Sequence[HistoryRow]) -> ExportTable:
    return ExportTable(
        "Historique",
        HEADERS,
        [
            (r.at, r.counsellor, r.entity, r.record_id, r.action, r.field, r.old, r.new)
            for r in rows
        ],
    )


def export_audit(db: Database, f: AuditFilter, path: Path) -> ExportResult:
    """Writes the matching lines (all of them) to ``path`` (.csv or .xlsx); the export itself
    is logged — the trail holds people's former values."""
    with db.unit_of_work() as session:
        require(session, Permission.AUDIT_VIEW)
        rows = _rows(session, _filtered(f))
        write_table(audit_table(rows), path)
        record_export(session, f"Historique → {path.name}", len(rows))
    return ExportResult(path, len(rows))
