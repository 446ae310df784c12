"""Builders shared by the meeting tests."""

from __future__ import annotations

from datetime import datetime

import guichet.models as m
from guichet.db import Database
from guichet.services.meetings import MeetingData, create_meeting

START = datetime(2026, 12, 10, 9, 0)


def make_meeting(db: Database, *, capacity: int | None = None, **fields: object) -> int:
    data = MeetingData(
        title=str(fields.pop("title", "Hydrogène : les marchés de la filière")),
        start_at=START,
        end_at=START.replace(hour=11),
        capacity=capacity,
        **fields,  # type: ignore[arg-type]
    )
    return create_meeting(db, data)


def make_people(
    db: Database, names: list[tuple[str, str, str]], **contact_fields: object
) -> list[int]:
    """Contacts from (organisation, first name, last name); organisations shared by name."""
    ids: list[int] = []
    with db.unit_of_work() as s:
        orgs: dict[str, m.Organization] = {}
        for org_name, first, last in names:
            org = None
            if org_name:
                org = orgs.get(org_name)
                if org is None:
                    org = orgs[org_name] = m.Organization(legal_name=org_name)
                    s.add(org)
            contact = m.Contact(
                organization=org, first_name=first, last_name=last, **contact_fields
            )
            s.add(contact)
            s.flush()
            ids.append(contact.id)
    return ids
