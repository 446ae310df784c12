"""Building organizations for search tests, through the ORM like the services do."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

import guichet.models as m
from guichet.db import Database


def add_org(
    db: Database,
    legal_name: str,
    *,
    capabilities: Sequence[str] = (),
    certifications: Sequence[str] = (),
    sectors: Sequence[str] = (),
    contacts: Sequence[tuple[str, str]] = (),
    **fields: Any,
) -> int:
    with db.unit_of_work() as s:
        org = m.Organization(legal_name=legal_name, **fields)
        org.capabilities = [
            s.scalars(select(m.Capability).where(m.Capability.name == n)).one()
            for n in capabilities
        ]
        org.certifications = [
            s.scalars(select(m.Certification).where(m.Certification.name == n)).one()
            for n in certifications
        ]
        org.sectors = [s.scalars(select(m.Sector).where(m.Sector.name == n)).one() for n in sectors]
        for first, last in contacts:
            org.contacts.append(m.Contact(first_name=first, last_name=last))
        s.add(org)
        s.flush()
        return org.id


def capability_id(db: Database, name: str) -> int:
    with db.unit_of_work() as s:
        return s.scalars(select(m.Capability.id).where(m.Capability.name == name)).one()


def named_id(db: Database, model: Any, name: str) -> int:
    with db.unit_of_work() as s:
        return int(s.scalars(select(model.id).where(model.name == name)).one())
