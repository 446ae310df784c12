"""Small helpers of the demo generator: weighted draws, slugs, office hours, people, places."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from guichet.models import Inquiry, Organization
from guichet.reference.text import fold

#: Domains of every demo e-mail address and website end with this reserved suffix.
DEMO_EMAIL_SUFFIX = ".example"

T = TypeVar("T")


def pick(rng: random.Random, weighted: Sequence[tuple[T, float]]) -> T:
    return rng.choices([item for item, _ in weighted], [w for _, w in weighted])[0]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def gendered(role: str, female: bool) -> str:
    """``"Chargé(e)"`` → Chargée / Chargé, ``"Conseiller(ère)"``, ``"Directeur(rice)"``."""

    def repl(match: re.Match[str]) -> str:
        word, suffix = match.group(1), match.group(2)
        if not female:
            return word
        if suffix == "ère":
            return word[:-2] + "ère"
        if suffix == "rice":
            return word[:-3] + "rice"
        return word + suffix

    return re.sub(r"(\w+)\((\w+)\)", repl, role)


def log_minutes(rng: random.Random, low: float, high: float) -> timedelta:
    """A whole number of minutes between ``low`` and ``high``, short delays more likely."""
    return timedelta(minutes=round(math.exp(rng.uniform(math.log(low), math.log(high)))))


def random_days(rng: random.Random, low: float, high: float) -> timedelta:
    """A whole number of minutes between ``low`` and ``high`` days."""
    return timedelta(minutes=rng.randint(round(low * 1440), round(high * 1440)))


def office(moment: datetime) -> datetime:
    """``moment``, or the next opening of the offices when it falls at night or on a weekend."""
    day, clock = moment.date(), moment.time()
    opening = time(8, 30 + moment.minute % 30)
    if clock >= time(18, 30):
        day, clock = day + timedelta(days=1), opening
    elif clock < time(8, 30):
        clock = opening
    while day.weekday() >= 5:
        day, clock = day + timedelta(days=1), opening
    return datetime.combine(day, clock)


def at_office_hours(rng: random.Random, day: date) -> datetime:
    if day.weekday() == 5:
        day -= timedelta(days=1)
    elif day.weekday() == 6:
        day += timedelta(days=1)
    minutes = rng.randint(8 * 60 + 30, 17 * 60 + 45)
    return datetime.combine(day, time(minutes // 60, minutes % 60))


def phrase(capability: str) -> str:
    """A capability name as it reads inside a sentence (« soudure TIG », « tournage CN »)."""
    if capability in ("TIG", "MIG/MAG"):
        return f"soudure {capability}"
    if len(capability) > 1 and capability[1].isupper():
        return capability
    return capability[0].lower() + capability[1:]


@dataclass
class Place:
    insee: str
    postal_code: str
    city: str


@dataclass
class Person:
    civility: str
    first_name: str
    last_name: str
    female: bool


@dataclass
class Plan:
    """A member's membership, decided before inquiries (which may have brought it in)."""

    organization: Organization
    start_on: date
    end_on: date | None
    source: Inquiry | None = None
