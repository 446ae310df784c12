"""The counsellors who use the app and sign the letters."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import Counsellor
from guichet.services.locking import ensure_current
from guichet.services.permissions import Permission, require


@dataclass(frozen=True)
class CounsellorInfo:
    id: int
    name: str
    initials: str
    title: str
    email: str
    phone: str
    signature: str
    active: bool
    version: int


def _info(c: Counsellor) -> CounsellorInfo:
    return CounsellorInfo(
        id=c.id,
        name=c.name,
        initials=c.initials,
        title=c.title or "",
        email=c.email or "",
        phone=c.phone or "",
        signature=c.signature or "",
        active=c.active,
        version=c.version,
    )


def check_identity(
    session: Session, name: str, initials: str, counsellor_id: int | None
) -> tuple[str, str]:
    """The name and initials cleaned, checked (present, initials free); French errors."""
    name, initials = name.strip(), initials.strip().upper()
    if not name:
        raise ValidationError("Le nom du conseiller est obligatoire.", field="name")
    if not initials or len(initials) > 6:
        raise ValidationError("Les initiales comptent de 1 à 6 caractères.", field="initials")
    taken = session.scalar(
        select(Counsellor.id).where(
            Counsellor.initials == initials, Counsellor.id != (counsellor_id or 0)
        )
    )
    if taken:
        raise ValidationError(f"Les initiales {initials} sont déjà prises.", field="initials")
    return name, initials


class CounsellorService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self, *, include_inactive: bool = False) -> list[CounsellorInfo]:
        with self.db.unit_of_work() as session:
            query = select(Counsellor).order_by(Counsellor.name)
            if not include_inactive:
                query = query.where(Counsellor.active.is_(True))
            return [_info(c) for c in session.scalars(query)]

    def save(
        self,
        *,
        name: str,
        initials: str,
        title: str = "",
        email: str = "",
        phone: str = "",
        signature: str = "",
        active: bool = True,
        counsellor_id: int | None = None,
        version: int | None = None,
    ) -> CounsellorInfo:
        with self.db.unit_of_work() as session:
            if counsellor_id is None or counsellor_id != session.info.get("counsellor_id"):
                require(session, Permission.SETTINGS)  # one's own card stays one's own
            name, initials = check_identity(session, name, initials, counsellor_id)
            if counsellor_id is None:
                counsellor = Counsellor(name=name, initials=initials)
                session.add(counsellor)
            else:
                found = session.get(Counsellor, counsellor_id)
                if found is None:
                    raise NotFoundError("Ce conseiller n'existe plus.")
                ensure_current(found, version)
                counsellor = found
            counsellor.name, counsellor.initials, counsellor.title = name, initials, title
            counsellor.email, counsellor.phone = email, phone
            counsellor.signature, counsellor.active = signature, active
            session.flush()
            return _info(counsellor)
