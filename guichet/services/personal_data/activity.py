"""When a person last reached the desk: the date retention counts from.

« Contact coming from the person » (the CNIL's « dernier contact émanant du prospect ») is,
here, the latest of:

- an inquiry they made (``Inquiry.received_at`` where they are its contact);
- a meeting registration they asked for (``Registration.registered_at``), and a meeting they
  attended (the meeting's start, registration « présent »);
- a company visit done with them (``Visit.done_at``): they received the agency;
- a referral they took in charge as a partner's person (``Referral.taken_care_at``);
- an answer to an opportunity relayed to them (``Answer.answered_at`` of their relay);
- ``Contact.last_inbound_at``, which intake and registrations keep, and which survives an
  inquiry anonymised after its own period;
- and, when none of these exists, the day their record was created (they gave their details
  then). An imported history (``last_inbound_at`` older than the record) counts as it is.

Invitations, letters and relays sent TO them do not count: they come from the agency.
This is the only definition; the page, the purge and the CLI all use it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, select, union_all
from sqlalchemy.orm import Session

from guichet.models import (
    Answer,
    Contact,
    Inquiry,
    Meeting,
    Referral,
    Registration,
    RegistrationStatus,
    Relay,
    Visit,
    VisitStatus,
)


def last_contact_subquery() -> Select[int, Any]:
    """``(contact_id, last_at)``: the latest contact coming from each person, else the day
    their record was created."""
    events = union_all(
        select(Contact.id.label("contact_id"), Contact.last_inbound_at.label("at")).where(
            Contact.last_inbound_at.is_not(None)
        ),
        select(Inquiry.contact_id, Inquiry.received_at).where(Inquiry.contact_id.is_not(None)),
        select(Registration.contact_id, Registration.registered_at),
        select(Registration.contact_id, Meeting.start_at)
        .join(Meeting, Meeting.id == Registration.meeting_id)
        .where(Registration.status == RegistrationStatus.PRESENT),
        select(Visit.contact_id, Visit.done_at).where(
            Visit.contact_id.is_not(None),
            Visit.status == VisitStatus.DONE,
            Visit.done_at.is_not(None),
        ),
        select(Referral.partner_contact_id, Referral.taken_care_at).where(
            Referral.partner_contact_id.is_not(None), Referral.taken_care_at.is_not(None)
        ),
        select(Relay.contact_id, Answer.answered_at)
        .join(Relay, Relay.id == Answer.relay_id)
        .where(Relay.contact_id.is_not(None)),
    ).subquery("inbound")
    latest = (
        select(events.c.contact_id, func.max(events.c.at).label("at"))
        .group_by(events.c.contact_id)
        .subquery("latest")
    )
    return select(
        Contact.id.label("contact_id"),
        func.coalesce(latest.c.at, Contact.created_at).label("last_at"),
    ).outerjoin(latest, latest.c.contact_id == Contact.id)


def last_contact_from(session: Session, contact_id: int) -> datetime | None:
    """The latest contact coming from this person (``None`` if they do not exist)."""
    last = last_contact_subquery().subquery()
    return session.scalar(select(last.c.last_at).where(last.c.contact_id == contact_id))


def years_before(day: date, years: int) -> date:
    """``day`` moved back by whole years (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
