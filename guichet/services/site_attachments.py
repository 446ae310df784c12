"""Photos and plans of a site, stored in the database (same size limit and safe names as the
library's attachments)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import undefer

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import Site, SiteAttachment
from guichet.services.resources import MAX_FILE_BYTES, read_attachment, safe_file_name


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    site_id: int
    file_name: str
    caption: str
    size: int
    added_at: datetime


def add_attachment(db: Database, site_id: int, path: Path, caption: str = "") -> int:
    """Stores the file at ``path`` (size checked before it is read)."""
    return add_attachment_bytes(db, site_id, path.name, read_attachment(path), caption)


def add_attachment_bytes(
    db: Database, site_id: int, file_name: str, data: bytes, caption: str = ""
) -> int:
    name = safe_file_name(file_name)
    if not name:
        raise ValidationError("Ce nom de fichier ne peut pas être enregistré.", field="file")
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError("Le fichier est trop volumineux pour être joint.", field="file")
    with db.unit_of_work() as session:
        site = session.get(Site, site_id)
        if site is None:
            raise NotFoundError("Ce site n'existe plus.")
        item = SiteAttachment(
            file_name=name,
            caption=caption.strip() or None,
            size=len(data),
            added_at=datetime.now(),
            data=data,
        )
        site.attachments.append(item)
        session.flush()
        return item.id


def list_attachments(db: Database, site_id: int) -> list[AttachmentInfo]:
    query = (
        select(SiteAttachment).where(SiteAttachment.site_id == site_id).order_by(SiteAttachment.id)
    )
    with db.unit_of_work(write=False) as session:
        return [
            AttachmentInfo(a.id, a.site_id, a.file_name, a.caption or "", a.size, a.added_at)
            for a in session.scalars(query)
        ]


def attachment_file(db: Database, attachment_id: int) -> tuple[str, bytes]:
    """The safe file name and the bytes of an attachment."""
    query = (
        select(SiteAttachment)
        .where(SiteAttachment.id == attachment_id)
        .options(undefer(SiteAttachment.data))
    )
    with db.unit_of_work(write=False) as session:
        item = session.scalar(query)
        if item is None:
            raise NotFoundError("Cette pièce jointe n'existe plus.")
        return safe_file_name(item.file_name) or f"piece-{item.id}", item.data


def remove_attachment(db: Database, attachment_id: int) -> None:
    with db.unit_of_work() as session:
        item = session.get(SiteAttachment, attachment_id)
        if item is None:
            raise NotFoundError("Cette pièce jointe n'existe plus.")
        session.delete(item)
