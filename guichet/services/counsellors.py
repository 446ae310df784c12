"""The counsellors who use the app and sign the letters."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import Counsellor
from guichet.services.locking import ensure_current


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
        name, initials = name.strip(), initials.strip().upper()
        if not name:
            raise ValidationError("Le nom du conseiller est obligatoire.", field="name")
        if not initials or len(initials) > 6:
            raise ValidationError("Les initiales comptent de 1 à 6 caractères.", field="initials")
        with self.db.unit_of_work() as session:
            taken = session.scalar(
                select(Counsellor.id).where(
                    Counsellor.initials == initials, Counsellor.id != (counsellor_id or 0)
                )
            )
            if taken:
                raise ValidationError(
                    f"Les initiales {initials} sont déjà prises.", field="initials"
                )
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
