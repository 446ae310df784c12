"""The outbox: inquiries logged while the team server was away, sent once it is back.

A SQLite file beside the local copy of the directory (one per server). Each item is written in
one transaction (``synchronous=FULL``): once :meth:`Outbox.add` returns, a kill or a power cut
loses nothing. Sending goes through the normal intake service, one transaction per inquiry,
with the item's key stored on the server inquiry (``inquiry.offline_key``, unique): an item
whose key is already on the server — the app died between the server's commit and the
outbox's update, or another window sent it — is marked sent, never stored twice.

Warnings: the intake never blocks on a repeat request or « ne pas orienter » (the form shows
them and lets the counsellor save); sending does the same — the inquiry is stored, and the
warnings are kept with the sent item and listed in the result for the counsellor to read. An
item the server refuses (its company or a subject removed meanwhile) stays in the outbox with
the French reason, until it is sent or discarded.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import Channel, Inquiry
from guichet.services.intake import IntakeDraft, NeedDraft, NewContact, create_inquiry
from guichet.services.offline_copy import copy_path

SCHEMA = """
CREATE TABLE IF NOT EXISTS item (
    key TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    label TEXT NOT NULL,
    draft TEXT NOT NULL,
    sent_reference TEXT,
    sent_at TEXT,
    warnings TEXT,
    problem TEXT
)
"""


@dataclass(frozen=True)
class OutboxItem:
    key: str
    created_at: datetime
    label: str  # who asked (the company or the person), for the lists
    draft: IntakeDraft
    sent_reference: str | None = None
    problem: str | None = None  # why the server refused it last time


@dataclass(frozen=True)
class SentItem:
    key: str
    label: str
    reference: str
    warnings: tuple[str, ...]
    already_sent: bool  # found on the server: sent earlier, only the outbox was behind


@dataclass(frozen=True)
class SendResult:
    sent: tuple[SentItem, ...]
    refused: tuple[OutboxItem, ...]


def outbox_path(data_dir: Path, url: str) -> Path:
    copy = copy_path(data_dir, url)
    return copy.with_name(copy.name.replace("annuaire-", "envois-"))


def _encode(draft: IntakeDraft) -> str:
    data = asdict(draft)
    data["received_at"] = draft.received_at.isoformat()
    data["consent_at"] = draft.consent_at.isoformat() if draft.consent_at else None
    data["channel"] = Channel(draft.channel).value
    data["offline_key"] = None
    return json.dumps(data, ensure_ascii=False)


def _decode(text: str) -> IntakeDraft:
    data = json.loads(text)
    return IntakeDraft(
        received_at=datetime.fromisoformat(data["received_at"]),
        needs=tuple(
            NeedDraft(n["subject_id"], n["description"], tuple(n["resource_ids"]))
            for n in data["needs"]
        ),
        channel=Channel(data["channel"]),
        counsellor_id=data["counsellor_id"],
        organization_id=data["organization_id"],
        contact_id=data["contact_id"],
        new_contact=NewContact(**data["new_contact"]) if data["new_contact"] else None,
        summary=data["summary"],
        consent_to_share=data["consent_to_share"],
        consent_at=datetime.fromisoformat(data["consent_at"]) if data["consent_at"] else None,
        meeting_id=data["meeting_id"],
    )


class Outbox:
    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(self.path, isolation_level=None)) as conn:
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute(SCHEMA)
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def add(self, draft: IntakeDraft, label: str, *, now: datetime | None = None) -> OutboxItem:
        """Keep the inquiry for later (checked as far as possible without the server)."""
        from guichet.services.intake import validate_draft

        clean = validate_draft(draft, now=now)
        item = OutboxItem(
            str(uuid.uuid4()),
            (now or datetime.now()).replace(microsecond=0),
            label.strip() or "Demande",
            clean,
        )
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO item (key, created_at, label, draft) VALUES (?, ?, ?, ?)",
                (item.key, item.created_at.isoformat(), item.label, _encode(clean)),
            )
        return item

    def items(self, *, pending_only: bool = True) -> list[OutboxItem]:
        if not self.path.exists():
            return []
        where = "WHERE sent_reference IS NULL" if pending_only else ""
        with self._transaction() as conn:
            rows = conn.execute(
                "SELECT key, created_at, label, draft, sent_reference, problem FROM item "
                f"{where} ORDER BY created_at, rowid"
            ).fetchall()
        return [
            OutboxItem(k, datetime.fromisoformat(c), label, _decode(d), ref, problem)
            for k, c, label, d, ref, problem in rows
        ]

    def pending_count(self) -> int:
        return len(self.items())

    def discard(self, key: str) -> None:
        """The counsellor gives an unsent item up (a sent one stays as the record)."""
        with self._transaction() as conn:
            conn.execute("DELETE FROM item WHERE key = ? AND sent_reference IS NULL", (key,))

    def _mark_sent(self, key: str, reference: str, warnings: tuple[str, ...]) -> None:
        with self._transaction() as conn:
            conn.execute(
                "UPDATE item SET sent_reference = ?, sent_at = ?, warnings = ?, problem = NULL "
                "WHERE key = ?",
                (reference, datetime.now().isoformat(), json.dumps(warnings), key),
            )

    def _mark_refused(self, key: str, problem: str) -> None:
        with self._transaction() as conn:
            conn.execute("UPDATE item SET problem = ? WHERE key = ?", (problem, key))

    def send(self, db: Database) -> SendResult:
        """Send every pending item to the server ``db``, one transaction per inquiry."""
        sent: list[SentItem] = []
        refused: list[OutboxItem] = []
        for item in self.items():
            done = self._send_one(db, item)
            if isinstance(done, SentItem):
                sent.append(done)
            else:
                refused.append(done)
        return SendResult(tuple(sent), tuple(refused))

    def _send_one(self, db: Database, item: OutboxItem) -> SentItem | OutboxItem:
        existing = _on_server(db, item.key)
        warnings: tuple[str, ...] = ()
        if existing is None:
            draft = IntakeDraft(**{**item.draft.__dict__, "offline_key": item.key})
            try:
                created = create_inquiry(db, draft)
            except ValidationError as exc:
                self._mark_refused(item.key, exc.message)
                return OutboxItem(
                    item.key, item.created_at, item.label, item.draft, None, exc.message
                )
            except IntegrityError:  # another window sent it at the same instant
                existing = _on_server(db, item.key)
                if existing is None:
                    raise
            else:
                warnings = tuple(w.message for w in created.warnings)
                self._mark_sent(item.key, created.reference, warnings)
                return SentItem(item.key, item.label, created.reference, warnings, False)
        self._mark_sent(item.key, existing, ())
        return SentItem(item.key, item.label, existing, (), True)


def describe(result: SendResult) -> str:
    """The result in French, for the window and the command line."""
    lines: list[str] = []
    if result.sent:
        lines.append(f"{len(result.sent)} demande(s) envoyée(s) :")
    for sent in result.sent:
        note = " (déjà reçue par le serveur)" if sent.already_sent else ""
        lines.append(f"• {sent.reference} — {sent.label}{note}")
        lines.extend(f"    ⚠ {warning}" for warning in sent.warnings)
    if result.refused:
        lines.append("")
        lines.append(
            f"{len(result.refused)} demande(s) gardée(s) en attente, refusée(s) par le serveur "
            "(Fichier › Demandes en attente d'envoi) :"
        )
        lines.extend(f"• {item.label} : {item.problem}" for item in result.refused)
    return "\n".join(lines) or "Aucune demande n'était en attente."


def _on_server(db: Database, key: str) -> str | None:
    """The reference of the inquiry already stored for outbox item ``key``, if any."""
    with db.unit_of_work(write=False) as session:
        return session.scalar(select(Inquiry.reference).where(Inquiry.offline_key == key))
