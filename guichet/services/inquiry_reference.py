"""Inquiry references ``D-YYYY-NNNN``: one sequence per year of arrival, never reused.

The number is the highest of the year plus one. Two desks sharing a database may pick the same
number at the same moment; the unique constraint refuses the second insert and
:func:`guichet.services.intake.create_inquiry` retries with the next number.
"""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guichet.models import Inquiry

PREFIX = "D"
_REFERENCE = re.compile(r"^D-(\d{4})-(\d{4,})$")


def format_reference(year: int, number: int) -> str:
    """``D-2026-0042``; numbers past 9999 simply grow (``D-2026-10000``)."""
    if not 1 <= year <= 9999 or number < 1:
        raise ValueError(f"référence impossible : année {year}, numéro {number}")
    return f"{PREFIX}-{year:04d}-{number:04d}"


def parse_reference(text: str) -> tuple[int, int] | None:
    """``(year, number)`` of a reference, or None when ``text`` is not one."""
    match = _REFERENCE.match((text or "").strip().upper())
    if not match:
        return None
    year, number = int(match[1]), int(match[2])
    return (year, number) if year >= 1 and number >= 1 else None


def last_number(session: Session, year: int) -> int:
    """The highest number used in ``year`` (0 when none).

    References are compared by length first, so ``D-2026-10000`` comes after ``D-2026-9999``.
    """
    prefix = f"{PREFIX}-{year:04d}-"
    found = session.scalar(
        select(Inquiry.reference)
        .where(Inquiry.reference.like(f"{prefix}%"))
        .order_by(func.length(Inquiry.reference).desc(), Inquiry.reference.desc())
        .limit(1)
    )
    parsed = parse_reference(found) if found else None
    return parsed[1] if parsed else 0


def next_reference(session: Session, year: int) -> str:
    return format_reference(year, last_number(session, year) + 1)
