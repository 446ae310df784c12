"""What a counsellor does to an inquiry after logging it: edit it (without overwriting a
colleague's change), add a note, give a need its outcome. One transaction per action."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from guichet.db import Database
from guichet.errors import ConcurrentEditError, NotFoundError, ValidationError
from guichet.models import (
    Channel,
    Counsellor,
    Inquiry,
    InquiryNote,
    InquiryStatus,
    Need,
    NeedOutcome,
    label,
)
from guichet.reference.dates import format_datetime_short
from guichet.reference.text import clean_text
from guichet.services.inquiry_status import set_outcome
from guichet.services.locking import ensure_current

MAX_NOTE = 20_000

FIELD_LABELS = {
    "received_at": "Arrivée",
    "channel": "Canal",
    "counsellor_id": "Conseiller",
    "summary": "Résumé",
    "consent_to_share": "Consentement au partage",
    "consent_at": "Date du consentement",
    "status": "Statut",
    "outcome": "Suite donnée",
    "orientation_note": "Note d'orientation",
}


@dataclass(frozen=True)
class InquiryEdit:
    received_at: datetime
    channel: Channel
    counsellor_id: int | None
    summary: str
    consent_to_share: bool
    consent_at: datetime | None


@dataclass(frozen=True)
class Saved:
    id: int
    version: int


def _shown(value: object, names: dict[int, str], field: str) -> str:
    if value is None or value == "":
        return "(vide)"
    if field == "counsellor_id" and isinstance(value, int):
        return names.get(value, str(value))
    if isinstance(value, datetime):
        return format_datetime_short(value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, Enum):
        return label(value)  # type: ignore[arg-type]
    return str(value)


def _check_current(
    session: object, record: object, version: int, opened: dict[str, object]
) -> None:
    """ensure_current, with the changes named and shown in French."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    try:
        ensure_current(record, version, opened)
    except ConcurrentEditError as exc:
        names = {c.id: c.name for c in session.scalars(select(Counsellor))}
        raise ConcurrentEditError(
            exc.message,
            changes={
                FIELD_LABELS.get(f, f): (_shown(old, names, f), _shown(new, names, f))
                for f, (old, new) in exc.changes.items()
            },
        ) from exc


def update_inquiry(
    db: Database, inquiry_id: int, version: int, opened: dict[str, object], edit: InquiryEdit
) -> Saved:
    """Saves the edit form; raises ConcurrentEditError listing what a colleague changed."""
    summary = clean_text(edit.summary, multiline=True).strip()
    if len(summary) > MAX_NOTE:
        raise ValidationError(f"Le résumé dépasse {MAX_NOTE} caractères.", field="summary")
    if (
        edit.received_at > datetime.now().replace(second=59)
        and edit.received_at.date() > datetime.now().date()
    ):
        raise ValidationError("L'heure d'arrivée est dans le futur.", field="received_at")
    with db.unit_of_work() as session:
        inquiry = session.get(Inquiry, inquiry_id)
        if inquiry is None:
            raise NotFoundError("Cette demande n'existe plus.")
        _check_current(session, inquiry, version, opened)
        if edit.counsellor_id is not None and session.get(Counsellor, edit.counsellor_id) is None:
            raise ValidationError("Ce conseiller n'existe plus.", field="counsellor")
        inquiry.received_at = edit.received_at.replace(microsecond=0)
        inquiry.channel = Channel(edit.channel)
        inquiry.counsellor_id = edit.counsellor_id
        inquiry.summary = summary or None
        inquiry.consent_to_share = edit.consent_to_share
        inquiry.consent_at = (
            (edit.consent_at or datetime.now().replace(microsecond=0))
            if edit.consent_to_share
            else None
        )
        session.flush()
        return Saved(inquiry.id, inquiry.version)


def add_note(
    db: Database, inquiry_id: int, text: str, *, author_id: int | None, at: datetime | None = None
) -> int:
    """Adds a follow-up note, dated ``at`` (now by default)."""
    body = clean_text(text, multiline=True).strip()
    if not body:
        raise ValidationError("La note est vide.", field="note")
    if len(body) > MAX_NOTE:
        raise ValidationError(f"La note dépasse {MAX_NOTE} caractères.", field="note")
    with db.unit_of_work() as session:
        if session.get(Inquiry, inquiry_id) is None:
            raise NotFoundError("Cette demande n'existe plus.")
        note = InquiryNote(inquiry_id=inquiry_id, author_id=author_id, text=body)
        if at is not None:
            note.created_at = at
        session.add(note)
        session.flush()
        return note.id


def set_need_outcome(
    db: Database,
    need_id: int,
    outcome: NeedOutcome | None,
    *,
    note: str = "",
    at: datetime | None = None,
    version: int | None = None,
) -> InquiryStatus:
    """Informé, orienté (a note saying where to is required) or mis en relation; ``None`` reopens.

    Returns the inquiry's status afterwards (``close`` once every need has an outcome).
    """
    moment = (at or datetime.now()).replace(microsecond=0)
    text = clean_text(note, multiline=True).strip()
    if outcome == NeedOutcome.ORIENTED and not text:
        raise ValidationError(
            "Indiquez vers qui ou vers quoi l'entreprise est orientée.", field="orientation_note"
        )
    with db.unit_of_work() as session:
        need = session.get(Need, need_id)
        if need is None:
            raise NotFoundError("Ce besoin n'existe plus.")
        if outcome == NeedOutcome.REFERRED and not need.referrals:
            raise ValidationError(
                "Un besoin n'est « mis en relation » qu'avec au moins une mise en relation.",
                field="outcome",
            )
        if version is not None:
            _check_current(session, need, version, {})
        set_outcome(need, outcome, moment, text)
        session.flush()
        return need.inquiry.status
