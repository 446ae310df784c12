"""Demo: a few people silent for more than three years, so « Données personnelles » and
``guichet rgpd purge --dry-run`` have something to show (deterministic, own random stream)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from guichet.models import Contact, Inquiry, Registration, Visit

SILENT = 8


def add_silent_contacts(session: Session, rng: random.Random, now: datetime) -> None:
    """People who never made an inquiry, registered or were visited: their last contact
    coming from them goes back 3 to 4½ years."""
    session.flush()
    quiet = session.scalars(
        select(Contact)
        .where(
            Contact.anonymized_at.is_(None),
            ~exists().where(Inquiry.contact_id == Contact.id),
            ~exists().where(Registration.contact_id == Contact.id),
            ~exists().where(Visit.contact_id == Contact.id),
        )
        .order_by(Contact.id)
    ).all()
    for contact in rng.sample(list(quiet), min(SILENT, len(quiet))):
        days = rng.randint(3 * 365 + 20, 4 * 365 + 180)
        contact.last_inbound_at = (now - timedelta(days=days)).replace(hour=10, minute=15)
