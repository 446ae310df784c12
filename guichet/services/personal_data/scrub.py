"""The parts of anonymisation that reach beyond a person's own rows.

- :func:`person_needles`: what identifies people in free text (full names in both orders and
  after a civility, e-mails, phones in their stored and typed forms), read BEFORE their rows
  are emptied;
- :func:`clear_audit_values`: the old and new values of the anonymised rows leave the trail;
- :func:`scrub_free_text`: any remaining occurrence in free-text columns and audit values is
  replaced (a name quoted in another company's note, an e-mail pasted in a description);
- :func:`scrub_search_index`: their words leave the SQLite search index, its segments and
  its vocabulary;
- :func:`record_anonymised`: one audit line per anonymised record, without values.

All of it runs through SQL in the caller's transaction (Core updates: the audit hook must
not copy the removed text into the trail again).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, or_, select, text, update
from sqlalchemy.orm import Session

from guichet.models import (
    AuditAction,
    AuditEntry,
    Contact,
    InformationGiven,
    Inquiry,
    InquiryNote,
    Meeting,
    Need,
    Organization,
    Referral,
    ReferralEvent,
    Visit,
    VisitAnswer,
)
from guichet.reference.phones import format_phone
from guichet.search import pg_index
from guichet.search.indexer import process_pending
from guichet.search.normalize import fold_words

#: Free-text columns searched for a remaining occurrence of a person (model, columns).
FREE_TEXT: tuple[tuple[type, tuple[str, ...]], ...] = (
    (AuditEntry, ("old_value", "new_value")),
    (Inquiry, ("summary",)),
    (Need, ("description", "orientation_note")),
    (InquiryNote, ("text",)),
    (InformationGiven, ("note",)),
    (Referral, ("reason", "refusal_reason", "outcome_note")),
    (ReferralEvent, ("note",)),
    (Visit, ("notes",)),
    (VisitAnswer, ("value",)),
    (Organization, ("description",)),
    (Meeting, ("description",)),
)
#: LIKE terms per pre-filtering statement (times the columns, well under SQLite's depth limit).
TERMS_PER_QUERY = 100
#: Records whose anonymisation is logged as such (one line each).
LOGGED_ENTITIES = ("contact", "inquiry")
_CIVILITIES = ("M.", "M", "Mme", "Monsieur", "Madame", "Mlle", "Mademoiselle")


@dataclass(frozen=True)
class Needles:
    pattern: re.Pattern[str]
    like_terms: tuple[str, ...]  # a cheap SQL pre-filter (case-insensitive LIKE)
    words: frozenset[str]  # folded name words, as the search index holds them


def _phone_forms(e164: str) -> list[str]:
    national = format_phone(e164)
    digits = re.sub(r"\D", "", national)
    forms = [re.escape(e164)]
    if len(digits) >= 6:
        forms.append(r"[\s.\-]?".join(re.escape(d) for d in digits))
    return forms


def person_needles(people: Sequence[Contact]) -> Needles | None:
    """What identifies these people in free text (read before their rows are emptied)."""
    forms: list[str] = []
    like: list[str] = []
    words: set[str] = set()
    for person in people:
        first, last = (person.first_name or "").strip(), (person.last_name or "").strip()
        if last:
            like.append(last)
            words.update(fold_words(first, last).split())
            if first:
                forms += [f"{first} {last}", f"{last} {first}"]
            forms += [f"{civility} {last}" for civility in _CIVILITIES]
            if person.civility:
                forms.append(f"{person.civility} {last}")
        if person.email:
            forms.append(person.email)
            like.append(person.email)
        phones = [p for p in (person.phone, person.mobile) if p]
        for phone in phones:
            like.append(phone)
            like.append(re.sub(r"\D", "", format_phone(phone))[-4:])
    literal = [re.escape(f).replace(r"\ ", r"\s+") for f in forms if len(f) >= 4]
    for person in people:
        for number in (person.phone, person.mobile):
            if number:
                literal += _phone_forms(number)
    if not literal:
        return None
    literal.sort(key=len, reverse=True)
    pattern = re.compile("|".join(literal), re.IGNORECASE)
    return Needles(pattern, tuple(t for t in like if len(t) >= 3), frozenset(words))


def clear_audit_values(session: Session, touched: dict[str, set[int]]) -> None:
    """The old and new values of these records leave the audit trail (who and when stay)."""
    for entity, ids in touched.items():
        if ids:
            session.execute(
                update(AuditEntry)
                .where(AuditEntry.entity == entity, AuditEntry.record_id.in_(sorted(ids)))
                .values(old_value=None, new_value=None)
                .execution_options(synchronize_session=False)
            )


def scrub_free_text(session: Session, needles: Needles, replacement: str) -> int:
    """Replace any remaining occurrence in :data:`FREE_TEXT`; returns the rows changed."""
    changed = 0
    terms = list(dict.fromkeys(needles.like_terms))
    for model, columns in FREE_TEXT:
        table: Table = model.__table__  # type: ignore[attr-defined]
        versioned = "version" in table.c
        found: dict[int, Any] = {}
        # a few terms per statement: SQLite refuses an expression deeper than 1000 terms
        for start in range(0, len(terms), TERMS_PER_QUERY):
            chunk = terms[start : start + TERMS_PER_QUERY]
            wanted = or_(*(table.c[c].ilike(f"%{term}%") for c in columns for term in chunk))
            for row in session.execute(
                select(table.c.id, *(table.c[c] for c in columns)).where(wanted)
            ):
                found[row[0]] = row
        for row in found.values():
            values: dict[str, Any] = {}
            for column, value in zip(columns, row[1:], strict=True):
                if value and needles.pattern.search(value):
                    values[column] = needles.pattern.sub(replacement, value)
            if not values:
                continue
            if versioned:
                values["version"] = table.c.version + 1
            session.execute(update(table).where(table.c.id == row[0]).values(**values))
            changed += 1
    if changed:
        session.expire_all()
    return changed


def scrub_search_index(session: Session, needles: Needles | None) -> None:
    """Re-index now (the index is the same table on both engines), on SQLite merge the FTS
    segments (a deleted row's words stay in an older segment until then), and drop the
    vocabulary words no indexed row holds any more."""
    connection = session.connection()
    dialect = connection.dialect.name
    session.flush()
    if dialect == "sqlite":
        process_pending(connection)
        connection.exec_driver_sql(
            "INSERT INTO organization_fts (organization_fts) VALUES ('optimize')"
        )
    elif dialect == "postgresql":
        pg_index.process_pending(connection)
    else:
        return
    if needles is None:
        return
    for word in sorted(needles.words):
        used = connection.execute(
            text(
                "SELECT 1 FROM organization_search WHERE names LIKE :p OR contacts LIKE :p "
                "OR description LIKE :p OR labels LIKE :p OR place LIKE :p "
                "OR capabilities LIKE :p LIMIT 1"
            ),
            {"p": f"%{word}%"},
        ).first()
        if used is None:
            connection.execute(text("DELETE FROM search_term WHERE term = :t"), {"t": word})


def record_anonymised(session: Session, touched: dict[str, set[int]], at: datetime) -> None:
    """One line per anonymised person or inquiry: that it happened, not what was removed."""
    who = session.info.get("counsellor_id")
    session.add_all(
        AuditEntry(
            at=at,
            counsellor_id=who,
            entity=entity,
            record_id=record_id,
            action=AuditAction.ANONYMISE,
        )
        for entity in LOGGED_ENTITIES
        for record_id in sorted(touched.get(entity, ()))
    )
