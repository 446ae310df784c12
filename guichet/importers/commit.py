"""Writing an import plan: bulk inserts through Core inside the caller's one transaction.

Creations go in batches (``INSERT … RETURNING id`` with many rows), each new record gets its
audit line as the session hook would write it (the INSERT lines in one bulk insert at the end),
updates bump the optimistic-locking version and log each changed field. ``check()`` is called
between batches: raising there (a cancel) rolls the whole transaction back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, update

from guichet.importers.bulk import bulk_cache, bulk_insert, insert_per_record
from guichet.importers.plan import Existing, ImportAction, ImportPlan, PlannedRow
from guichet.importers.rows import ORGANIZATION_FIELDS
from guichet.models import AuditAction, AuditEntry, Contact, Organization, OrganizationKind

BATCH = 5000


def _table(model: Any) -> Table:
    return cast(Table, model.__table__)


CONTACT_FIELDS = ("first_name", "last_name", "role", "email", "phone")


@dataclass(frozen=True)
class CommitCounts:
    created: int
    updated: int
    contacts: int
    created_ids: tuple[int, ...] = ()  # in the order of the plan's creations


AUDIT_COLUMNS = (
    "at",
    "counsellor_id",
    "entity",
    "record_id",
    "action",
    "field",
    "old_value",
    "new_value",
)


def _audit(
    at: datetime,
    who: int | None,
    entity: str,
    record_id: int,
    action: AuditAction = AuditAction.INSERT,
    field: str | None = None,
    old_value: str | None = None,
    new_value: str | None = None,
) -> tuple[Any, ...]:
    return (at, who, entity, record_id, action, field, old_value, new_value)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return str(value.value if isinstance(value, OrganizationKind) else value)[:2000]


class PlanWriter:
    def __init__(
        self,
        conn: Connection,
        existing: Existing,
        *,
        counsellor_id: int | None,
        check: Callable[[], None],
        progress: Callable[[int, int], None],
    ) -> None:
        self.conn = conn
        self.existing = existing
        self.who = counsellor_id
        self.check = check
        self.progress = progress
        self.now = datetime.now()
        self.created_ids: list[int] = []
        self.audit: list[tuple[Any, ...]] = []
        self.contacts: list[tuple[Any, ...]] = []

    def _contact_row(self, organization_id: int, contact: dict[str, Any]) -> tuple[Any, ...]:
        return (organization_id, 1, *(contact.get(name) for name in CONTACT_FIELDS))

    def create(self, rows: list[PlannedRow], kind: OrganizationKind, done: int, total: int) -> int:
        fixed = {"kind": OrganizationKind(kind), "version": 1, "do_not_refer": False}
        for start in range(0, len(rows), BATCH):
            self.check()
            batch = rows[start : start + BATCH]
            params = [tuple(map(row.values.get, ORGANIZATION_FIELDS)) for row in batch]
            ids = bulk_insert(self.conn, _table(Organization), ORGANIZATION_FIELDS, params, fixed)
            self.created_ids.extend(ids)
            for new_id, row in zip(ids, batch, strict=True):
                if row.contact:
                    self.contacts.append(self._contact_row(new_id, row.contact))
            self.progress(done + start + len(batch), total)
        return len(rows)

    def update(self, rows: list[PlannedRow], kind: OrganizationKind) -> int:
        for row in rows:
            assert row.organization_id is not None
            values = dict(row.values)
            if "kind" in row.changes:
                values["kind"] = kind
            old = self.existing.records[row.organization_id]
            if values:
                self.conn.execute(
                    update(Organization)
                    .where(Organization.id == row.organization_id)
                    .values(**values, version=Organization.version + 1, updated_at=self.now)
                )
            for name, new in values.items():
                self.audit.append(
                    _audit(
                        self.now,
                        self.who,
                        "organization",
                        row.organization_id,
                        action=AuditAction.UPDATE,
                        field=name,
                        old_value=_text(old.get(name)),
                        new_value=_text(new),
                    )
                )
            if row.contact:
                self.contacts.append(self._contact_row(row.organization_id, row.contact))
        return len(rows)

    def _audit_inserts(self, entity: str, model: Any, ids: list[int]) -> None:
        """One INSERT line of the audit trail per new record, in one bulk statement."""
        shared = {
            "at": self.now,
            "counsellor_id": self.who,
            "entity": entity,
            "action": AuditAction.INSERT,
        }
        insert_per_record(self.conn, _table(AuditEntry), shared, "record_id", _table(model), ids)

    def finish(self) -> int:
        """Contacts and the audit trail, in bulk; returns the number of contacts created."""
        self.check()
        contact_ids: list[int] = []
        if self.contacts:
            columns = ("organization_id", "version", *CONTACT_FIELDS)
            contact_ids = bulk_insert(self.conn, _table(Contact), columns, self.contacts)
        self._audit_inserts("organization", Organization, self.created_ids)
        bulk_insert(self.conn, _table(AuditEntry), AUDIT_COLUMNS, self.audit)
        self._audit_inserts("contact", Contact, contact_ids)
        return len(self.contacts)


def write_plan(
    conn: Connection,
    plan: ImportPlan,
    existing: Existing,
    *,
    counsellor_id: int | None,
    check: Callable[[], None],
    progress: Callable[[int, int], None],
) -> CommitCounts:
    """Apply ``plan`` on ``conn``; the caller commits or rolls back."""
    creations = [r for r in plan.rows if r.action == ImportAction.CREATE]
    updates = [r for r in plan.rows if r.action == ImportAction.UPDATE]
    total = len(creations) + len(updates)
    writer = PlanWriter(conn, existing, counsellor_id=counsellor_id, check=check, progress=progress)
    with bulk_cache(conn):
        created = writer.create(creations, plan.kind, 0, total)
        check()
        updated = writer.update(updates, plan.kind)
        progress(total, total)
        contacts = writer.finish()
    return CommitCounts(
        created=created,
        updated=updated,
        contacts=contacts,
        created_ids=tuple(writer.created_ids),
    )
