"""Writes the audit trail from the session itself, so no service can forget it.

Every mapped class with ``__audited__ = True`` gets one ``AuditEntry`` per changed column on
update, and one entry on insert and delete. The counsellor comes from ``session.info``.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from guichet.models.audit import AuditEntry
from guichet.models.enums import AuditAction

SKIPPED_FIELDS = frozenset({"version", "created_at", "updated_at", "last_sign_in"})
#: Logged as changed, never with their values (a password hash stays out of the trail).
MASKED_FIELDS = frozenset({"password_hash"})
MASK = "••••••"
MAX_VALUE_CHARS = 2000


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} octets>"
    return str(value)[:MAX_VALUE_CHARS]


def _entries_for_update(obj: Any, at: datetime, who: int | None) -> list[AuditEntry]:
    state = inspect(obj)
    entries = []
    for attr in state.mapper.column_attrs:
        if attr.key in SKIPPED_FIELDS:
            continue
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if _text(old) == _text(new):
            continue
        if attr.key in MASKED_FIELDS:
            old, new = (MASK if old else None), (MASK if new else None)
        entries.append(
            AuditEntry(
                at=at,
                counsellor_id=who,
                entity=obj.__tablename__,
                record_id=getattr(obj, "id", None),
                action=AuditAction.UPDATE,
                field=attr.key,
                old_value=_text(old),
                new_value=_text(new),
            )
        )
    return entries


def _before_flush(session: Session, _context: object, _instances: object) -> None:
    at = datetime.now()
    who = session.info.get("counsellor_id")
    pending: list[AuditEntry] = []
    for obj in session.dirty:
        if getattr(obj, "__audited__", False) and session.is_modified(
            obj, include_collections=False
        ):
            pending.extend(_entries_for_update(obj, at, who))
    for obj in session.deleted:
        if getattr(obj, "__audited__", False):
            pending.append(
                AuditEntry(
                    at=at,
                    counsellor_id=who,
                    entity=obj.__tablename__,
                    record_id=getattr(obj, "id", None),
                    action=AuditAction.DELETE,
                )
            )
    session.info.setdefault("audit_new", []).extend(
        obj for obj in session.new if getattr(obj, "__audited__", False)
    )
    session.add_all(pending)


def _after_flush(session: Session, _context: object) -> None:
    """Inserts are logged once their primary key is known."""
    created = session.info.pop("audit_new", [])
    if not created:
        return
    at = datetime.now()
    who = session.info.get("counsellor_id")
    rows = [
        {
            "at": at,
            "counsellor_id": who,
            "entity": obj.__tablename__,
            "record_id": obj.id,
            "action": AuditAction.INSERT,
        }
        for obj in created
    ]
    session.connection().execute(insert(AuditEntry), rows)


def install_audit_hook(session: Session) -> None:
    if session.info.get("audit_hooked"):
        return
    event.listen(session, "before_flush", _before_flush)
    event.listen(session, "after_flush", _after_flush)
    session.info["audit_hooked"] = True


def record_merge(session: Session, entity: str, kept_id: int, removed_id: int, detail: str) -> None:
    """Writes one audit line for a merge of two records (the removed one is named in it)."""
    session.add(
        AuditEntry(
            at=datetime.now(),
            counsellor_id=session.info.get("counsellor_id"),
            entity=entity,
            record_id=kept_id,
            action=AuditAction.MERGE,
            field="merged_from",
            old_value=str(removed_id),
            new_value=detail[:MAX_VALUE_CHARS],
        )
    )
