"""Audit lines that are not field changes: exports with personal data, reads of a person's
record (the access log, when the setting ``audit.log_reads`` asks for it)."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.db.audit import MAX_VALUE_CHARS
from guichet.models import AuditEntry, Setting
from guichet.models.enums import AuditAction

#: The setting that turns the access log on (declared in guichet/services/settings.py).
LOG_READS_KEY = "audit.log_reads"
#: The ``entity`` of an export line (an export concerns many records, none in particular).
EXPORT_ENTITY = "export"


def record_export(session: Session, what: str, count: int) -> None:
    """Always logs an export carrying personal data: what was exported and how many rows."""
    session.add(
        AuditEntry(
            at=datetime.now(),
            counsellor_id=session.info.get("counsellor_id"),
            entity=EXPORT_ENTITY,
            record_id=None,
            action=AuditAction.EXPORT,
            field="rows",
            new_value=f"{what[: MAX_VALUE_CHARS - 20]} ({count} lignes)",
        )
    )


def reads_logged(session: Session) -> bool:
    row = session.get(Setting, LOG_READS_KEY)
    if row is None:
        return False
    try:
        return bool(json.loads(row.value))
    except ValueError:
        return False


def record_read(session: Session, entity: str, record_id: int) -> None:
    """Logs that the acting counsellor opened a person's record, when the setting asks for it
    (the caller's unit of work must be a write one)."""
    if not reads_logged(session):
        return
    session.add(
        AuditEntry(
            at=datetime.now(),
            counsellor_id=session.info.get("counsellor_id"),
            entity=entity,
            record_id=record_id,
            action=AuditAction.READ,
        )
    )


def log_opened(db: Database, entity: str, record_id: int) -> bool:
    """The access log: the acting counsellor opened a person's record (only when the setting
    asks for it — otherwise no write at all). True when a line was written."""
    with db.unit_of_work(write=False) as session:
        if not reads_logged(session):
            return False
    with db.unit_of_work() as session:
        record_read(session, entity, record_id)
    return True
