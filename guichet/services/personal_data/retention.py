"""Retention that runs: who is past their period, and anonymising them in one action.

A contact is past retention when the latest contact coming from them
(:func:`~guichet.services.personal_data.activity.last_contact_subquery`) is at least
``retention.inactive_years`` years old (3 by default: a contact three years minus a day ago
is kept). An inquiry is past its own period when it was closed at least
``retention.closed_inquiry_years`` years ago. « Anonymiser » needs the RGPD permission
(responsable); Guichet proposes it at start once a month (``rgpd.last_proposal``).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.models import Contact, Inquiry, InquiryStatus, Organization, label
from guichet.models.organization import full_name
from guichet.services.permissions import Permission, accounts_enabled, allowed, require
from guichet.services.personal_data.activity import last_contact_subquery, years_before
from guichet.services.personal_data.anonymise import Anonymised, anonymise
from guichet.services.settings import SettingsService, setting_row


@dataclass(frozen=True)
class DueContact:
    id: int
    name: str
    organization: str
    email: str
    last_contact: datetime


@dataclass(frozen=True)
class DueInquiry:
    id: int
    reference: str
    organization: str
    channel: str
    received_at: datetime
    closed_at: datetime


@dataclass(frozen=True)
class DueList:
    """What is past retention on ``as_of``, with the cut-offs that decided it."""

    as_of: date
    contacts_before: date  # last contact on or before this day: due
    inquiries_before: date  # closed on or before this day: due
    contacts: tuple[DueContact, ...]  # the oldest first (all, or the ``limit`` oldest)
    inquiries: tuple[DueInquiry, ...]
    contacts_total: int  # all that are due, listed or not
    inquiries_total: int

    @property
    def empty(self) -> bool:
        return not self.contacts_total and not self.inquiries_total

    @property
    def complete(self) -> bool:
        """Every due record is in the lists (none left out by a limit)."""
        return (len(self.contacts), len(self.inquiries)) == (
            self.contacts_total,
            self.inquiries_total,
        )


def _limit(day: date) -> datetime:
    """Everything strictly before the next midnight is on or before ``day``."""
    return datetime.combine(day + timedelta(days=1), time())


def _oldest(
    session: Session, query: Select[*tuple[Any, ...]], limit: int | None
) -> tuple[Sequence[Any], int]:
    """The rows of ``query`` (only the ``limit`` first) and how many it has in all, in one
    statement: the count is a window over the whole list, taken before the limit."""
    if limit is None:
        rows = session.connection().execute(query).all()
        return rows, len(rows)
    counted = query.add_columns(func.count().over()).limit(limit)
    rows = session.connection().execute(counted).all()
    return rows, int(rows[0][-1]) if rows else 0


def _due_contacts_query(cutoff: date) -> Select[*tuple[Any, ...]]:
    last = last_contact_subquery().subquery()
    c = Contact
    return (
        select(
            c.id,
            c.civility,
            c.first_name,
            c.last_name,
            c.email,
            Organization.legal_name,
            last.c.last_at,
        )
        .join(last, last.c.contact_id == c.id)
        .outerjoin(Organization, Organization.id == c.organization_id)
        .where(c.anonymized_at.is_(None), last.c.last_at < _limit(cutoff))
        .order_by(last.c.last_at, c.id)
    )


def _contacts(rows: Sequence[Any]) -> list[DueContact]:
    # the columns shown, as plain rows: thousands of them at ten years
    return [
        DueContact(key, full_name(civility, first, last_name), org or "", email or "", last_at)
        for key, civility, first, last_name, email, org, last_at, *_total in rows
    ]


def due_contacts(session: Session, cutoff: date) -> list[DueContact]:
    """The contacts past retention, the oldest first."""
    return _contacts(_oldest(session, _due_contacts_query(cutoff), None)[0])


def _due_inquiries_query(cutoff: date) -> Select[*tuple[Any, ...]]:
    i = Inquiry
    return (
        select(i.id, i.reference, Organization.legal_name, i.channel, i.received_at, i.closed_at)
        .outerjoin(Organization, Organization.id == i.organization_id)
        .where(
            i.anonymized_at.is_(None),
            i.status == InquiryStatus.CLOSED,
            i.closed_at.is_not(None),
            i.closed_at < _limit(cutoff),
        )
        .order_by(i.closed_at, i.id)
    )


def _inquiries(rows: Sequence[Any]) -> list[DueInquiry]:
    return [
        DueInquiry(key, reference, org or "", label(channel), received_at, closed_at)
        for key, reference, org, channel, received_at, closed_at, *_total in rows
        if closed_at is not None
    ]


def due_inquiries(session: Session, cutoff: date) -> list[DueInquiry]:
    """The closed inquiries past retention, the oldest first."""
    return _inquiries(_oldest(session, _due_inquiries_query(cutoff), None)[0])


def remove_drafts(files: Sequence[Path], result: Anonymised) -> list[Path]:
    """Intake drafts on disk that name an anonymised person are deleted (after the commit)."""
    removed = []
    for path in files:
        try:
            content = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        named = result.pattern is not None and result.pattern.search(content) is not None
        with contextlib.suppress(ValueError, AttributeError):
            named = named or json.loads(content).get("contact_id") in result.contact_ids
        if named:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            removed.append(path)
    return removed


class RetentionService:
    def __init__(self, db: Database, draft_files: Sequence[Path] = ()) -> None:
        self.db = db
        self.draft_files = tuple(draft_files)

    def due(
        self, *, as_of: date | None = None, before: date | None = None, limit: int | None = None
    ) -> DueList:
        """What is past retention on ``as_of`` (today); ``before`` replaces both cut-offs;
        ``limit``: only the oldest of each list (the page), with how many are due in all."""
        day = as_of or date.today()
        values = SettingsService(self.db).all()
        contacts_before = before or years_before(day, int(values["retention.inactive_years"]))
        inquiries_before = before or years_before(
            day, int(values["retention.closed_inquiry_years"])
        )
        with self.db.unit_of_work(write=False) as session:
            contacts, contacts_total = _oldest(session, _due_contacts_query(contacts_before), limit)
            inquiries, inquiries_total = _oldest(
                session, _due_inquiries_query(inquiries_before), limit
            )
        return DueList(
            day,
            contacts_before,
            inquiries_before,
            tuple(_contacts(contacts)),
            tuple(_inquiries(inquiries)),
            contacts_total,
            inquiries_total,
        )

    def anonymise(
        self,
        contact_ids: Collection[int],
        inquiry_ids: Collection[int],
        *,
        now: datetime | None = None,
    ) -> Anonymised:
        """« Anonymiser »: one transaction, responsable only (French refusal otherwise)."""
        with self.db.unit_of_work() as session:
            require(session, Permission.RGPD)
            result = anonymise(
                self.db, session, contact_ids=contact_ids, inquiry_ids=inquiry_ids, now=now
            )
        remove_drafts(self.draft_files, result)
        return result

    def purge(
        self, *, before: date | None = None, dry_run: bool = False, as_of: date | None = None
    ) -> tuple[DueList, Anonymised | None]:
        """Everything past retention (``guichet rgpd purge``); nothing written on a dry run.

        The list is read again inside the write transaction, so what is anonymised is what is
        due at that instant."""
        listed = self.due(as_of=as_of, before=before)
        if dry_run:
            return listed, None
        return listed, self.anonymise_due(listed)

    def anonymise_due(self, listed: DueList) -> Anonymised:
        """« Tout anonymiser »: everything due by ``listed``'s cut-offs, listed or not. The
        records are read again inside the write transaction, so what is anonymised is what is
        due at that instant."""
        with self.db.unit_of_work() as session:
            require(session, Permission.RGPD)
            contacts = [c.id for c in due_contacts(session, listed.contacts_before)]
            inquiries = [i.id for i in due_inquiries(session, listed.inquiries_before)]
            result = anonymise(self.db, session, contact_ids=contacts, inquiry_ids=inquiries)
        remove_drafts(self.draft_files, result)
        return result

    # -- the monthly proposal ------------------------------------------------------------------
    def proposal_due(self, today: date | None = None) -> bool:
        """True when a responsable acts (accounts on, the RGPD permission), was not asked this
        month, and something is past retention. Without accounts nobody is known to be the
        responsable: the page and ``guichet rgpd purge`` remain, nothing pops up."""
        day = today or date.today()
        if SettingsService(self.db).get("rgpd.last_proposal") == f"{day:%Y-%m}":
            return False
        with self.db.unit_of_work(write=False) as session:
            if not accounts_enabled(session) or not allowed(session, Permission.RGPD):
                return False
        return not self.due(as_of=day).empty

    def remember_proposal(self, today: date | None = None) -> None:
        """The proposal was shown this month (whatever the answer): not again before the next."""
        day = today or date.today()
        with self.db.unit_of_work() as session:
            session.merge(setting_row("rgpd.last_proposal", f"{day:%Y-%m}"))
