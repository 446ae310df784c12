"""Small builders shared by the intake tests (plain SQLAlchemy, one transaction each)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

import guichet.models as m
from guichet.db import Database


def subject_ids(db: Database, count: int = 2) -> list[int]:
    with db.unit_of_work() as s:
        return list(s.scalars(select(m.Subject.id).order_by(m.Subject.id).limit(count)))


def make_company(db: Database, name: str = "Usinage Lefebvre", **fields: object) -> int:
    with db.unit_of_work() as s:
        org = m.Organization(legal_name=name, **fields)
        s.add(org)
        s.flush()
        return org.id


def make_counsellor(db: Database, initials: str = "CM") -> int:
    with db.unit_of_work() as s:
        c = m.Counsellor(name=f"Conseiller {initials}", initials=initials)
        s.add(c)
        s.flush()
        return c.id


def make_resource(db: Database, theme_id: int, title: str = "Fiche prêt d'honneur") -> int:
    with db.unit_of_work() as s:
        r = m.Resource(title=title, theme_id=theme_id, kind=m.ResourceKind.SHEET)
        s.add(r)
        s.flush()
        return r.id


def theme_of(db: Database, subject_id: int) -> int:
    with db.unit_of_work() as s:
        subject = s.get(m.Subject, subject_id)
        assert subject is not None
        return subject.theme_id


NOW = datetime(2026, 11, 20, 10, 30)
