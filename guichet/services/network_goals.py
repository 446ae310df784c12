"""The network goal's counter: members at a date, gained this year and what brought them,
members, arrivals and departures by month.

An organisation counts once however many memberships it holds (two merged records keep both
memberships and their origins, never twice the member); « on the territory » is where the
organisation is now, so a company that moves out leaves the count.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import select

from guichet.db import Database
from guichet.models import (
    Counsellor,
    Membership,
    MembershipOrigin,
    MembershipStatus,
    Organization,
    OrganizationKind,
    label,
)
from guichet.models.organization import display_name
from guichet.services.membership_origins import OriginText, describe_origins
from guichet.services.network_settings import SCOPES, parse_goal_date
from guichet.services.settings import SettingsService
from guichet.services.territory import territory_codes

UNKNOWN_ORIGIN = "unknown"


@dataclass(frozen=True)
class Goal:
    network_id: int | None
    network: str
    target: int
    scope: str  # "territory" | "everywhere"
    due_on: date | None

    @property
    def scope_label(self) -> str:
        return SCOPES.get(self.scope, self.scope)


@dataclass(frozen=True)
class Gain:
    organization_id: int
    organization: str
    start_on: date
    origin: str  # a MembershipOrigin value or "unknown"
    brought_by: str  # the origin in French, with the counsellor when known
    origin_page: str | None = None  # the page that opens the origin, and the record there
    origin_record_id: int | None = None


@dataclass(frozen=True)
class OriginCount:
    origin: str
    label: str
    count: int


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    at: date
    members: int
    gains: tuple[Gain, ...]
    origins: tuple[OriginCount, ...]

    @property
    def gained_this_year(self) -> int:
        return len(self.gains)

    @property
    def reached(self) -> bool:
        return self.members >= self.goal.target

    @property
    def remaining(self) -> int:
        return max(0, self.goal.target - self.members)


@dataclass(frozen=True)
class MonthFigures:
    month: date  # first day of the month
    members: int  # at the end of the month
    arrivals: int
    departures: int


class _Period(NamedTuple):  # a tuple: ten years of memberships are built at each reload
    organization_id: int
    organization: str
    start: date
    end: date | None  # exclusive: a member until the day before
    origin: str
    counsellor: str | None
    #: (kind, record id, counsellor id): described in French only for the gains shown
    origin_key: tuple[MembershipOrigin | None, int | None, int | None]


def origin_text(origin: str) -> str:
    if origin == UNKNOWN_ORIGIN:
        return "Origine non renseignée"
    return label(MembershipOrigin(origin))


def _brought_by(p: _Period, described: OriginText) -> str:
    """« Réunion du 9 novembre 2026 : Hydrogène… (Claire Martin) »."""
    if not p.counsellor or p.counsellor in described.text:  # « Visite du … (Claire Martin) »
        return described.text
    return f"{described.text} ({p.counsellor})"


def load_goal(db: Database) -> Goal:
    values = SettingsService(db).all()
    name = str(values["network.goal_network"]).strip()
    with db.unit_of_work(write=False) as s:
        networks = list(
            s.scalars(select(Organization).where(Organization.kind == OrganizationKind.NETWORK))
        )
    found = next((n for n in networks if n.legal_name.casefold() == name.casefold()), None)
    if found is None:  # « Sotraban » matches « Sotraban — réseau des sous-traitants »
        found = next((n for n in networks if name.casefold() in n.legal_name.casefold()), None)
    return Goal(
        network_id=found.id if found else None,
        network=found.legal_name if found else name,
        target=int(values["network.goal_target"]),
        scope=str(values["network.goal_scope"]),
        due_on=parse_goal_date(str(values["network.goal_date"])),
    )


def _periods(db: Database, goal: Goal) -> list[_Period]:
    if goal.network_id is None:
        return []
    territory = (
        territory_codes(SettingsService(db).get("territory.insee_codes"))
        if goal.scope == "territory"
        else None
    )
    with db.unit_of_work(write=False) as s:
        counsellors = {c.id: c.name for c in s.scalars(select(Counsellor))}
        statement = (
            select(
                Membership.start_on,
                Membership.end_on,
                Membership.status,
                Membership.origin_kind,
                Membership.origin_id,
                Membership.origin_counsellor_id,
                Organization.id,
                Organization.legal_name,
                Organization.trade_name,
                Organization.commune_insee,
            )
            .join(Organization, Organization.id == Membership.organization_id)
            .where(
                Membership.network_id == goal.network_id,
                Membership.status.in_((MembershipStatus.MEMBER, MembershipStatus.LEFT)),
                Organization.kind != OrganizationKind.NETWORK,
            )
        )
        # Core rows: no ORM bookkeeping for ten years of them
        rows = s.connection().execute(statement).all()
        periods = []
        left = MembershipStatus.LEFT
        # unpacked rather than read by name: ten years of memberships, ten columns each
        for start, end_on, status, kind, origin_id, by, org_id, legal, trade, commune in rows:
            if territory is not None and commune not in territory:
                continue
            # an old « échue » without its date ends the day it began: no known period
            end = (end_on or start) if status == left else None
            periods.append(
                _Period(
                    org_id,
                    display_name(legal, trade),
                    start,
                    end,
                    kind.value if kind else UNKNOWN_ORIGIN,
                    counsellors.get(by or 0),
                    (kind, origin_id, by),
                )
            )
    return sorted(periods, key=lambda p: (p.start, p.organization_id))


def _member_on(periods: list[_Period], day: date) -> set[int]:
    return {p.organization_id for p in periods if p.start <= day and (p.end is None or p.end > day)}


def _by_organization(periods: list[_Period]) -> dict[int, list[_Period]]:
    of_organization: dict[int, list[_Period]] = {}
    for p in periods:
        of_organization.setdefault(p.organization_id, []).append(p)
    return of_organization


def _arrivals(
    periods: list[_Period],
    first: date,
    last: date,
    of_organization: dict[int, list[_Period]] | None = None,
    starts: list[date] | None = None,
) -> list[_Period]:
    """Periods starting in [first, last] of organisations not members the day before (a
    renewal the same day, or a second record of a merged organisation, is no arrival)."""
    seen: set[int] = set()
    out = []
    # ``periods`` is sorted by start (:func:`_periods`): only the slice starting in the range
    starts = starts if starts is not None else [p.start for p in periods]
    starting = periods[bisect_left(starts, first) : bisect_right(starts, last)]
    if of_organization is None:  # the periods of the organisations starting one, only
        wanted = {p.organization_id for p in starting}
        of_organization = _by_organization([q for q in periods if q.organization_id in wanted])
    for p in starting:
        if p.organization_id not in seen:
            before = [q for q in of_organization[p.organization_id] if q is not p]
            if p.organization_id not in _member_on(before, p.start - timedelta(days=1)):
                out.append(p)
                seen.add(p.organization_id)
    return out


def _departures(periods: list[_Period], first: date, last: date, members: set[int]) -> int:
    """Organisations whose period ended in [first, last] and that are not ``members`` (those of
    ``last``) any more."""
    gone = {
        p.organization_id
        for p in periods
        if p.end is not None and p.end > p.start and first <= p.end <= last
    }
    return len(gone - members)


def _gains(db: Database, arrivals: list[_Period]) -> tuple[Gain, ...]:
    """The arrivals as gains, their origins described in French (only those: a few queries)."""
    with db.unit_of_work(write=False) as s:
        texts = describe_origins(s, (p.origin_key for p in arrivals))
    return tuple(
        Gain(
            p.organization_id,
            p.organization,
            p.start,
            p.origin,
            _brought_by(p, texts[p.origin_key]),
            texts[p.origin_key].page,
            texts[p.origin_key].record_id,
        )
        for p in arrivals
    )


@dataclass(frozen=True)
class PeriodChange:
    """The goal's network over [first, last]: members on the last day, who came, how many left."""

    members: int
    gains: tuple[Gain, ...]
    departures: int


def period_change(db: Database, first: date, last: date, goal: Goal | None = None) -> PeriodChange:
    periods = _periods(db, goal or load_goal(db))
    members = _member_on(periods, last)
    return PeriodChange(
        len(members),
        _gains(db, _arrivals(periods, first, last)),
        _departures(periods, first, last, members),
    )


def goal_progress(db: Database, at: date | None = None, goal: Goal | None = None) -> GoalProgress:
    day = at or date.today()
    goal = goal or load_goal(db)
    return _progress(db, goal, day, _periods(db, goal))


def _progress(db: Database, goal: Goal, day: date, periods: list[_Period]) -> GoalProgress:
    gains = _gains(db, _arrivals(periods, date(day.year, 1, 1), day))
    counts = Counter(g.origin for g in gains)
    origins = tuple(
        OriginCount(origin, origin_text(origin), n)
        for origin, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return GoalProgress(goal, day, len(_member_on(periods, day)), gains, origins)


def _add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def monthly_figures(
    db: Database, *, months: int = 36, at: date | None = None, goal: Goal | None = None
) -> list[MonthFigures]:
    """Members at the end of each of the last ``months`` months (the current one up to ``at``),
    with the arrivals and departures of each month."""
    day = at or date.today()
    goal = goal or load_goal(db)
    return _months(_periods(db, goal), months, day)


def network_figures(
    db: Database, *, months: int = 36, at: date | None = None
) -> tuple[GoalProgress, list[MonthFigures]]:
    """:func:`goal_progress` and :func:`monthly_figures` from one read of the memberships
    (the Réseau page shows both)."""
    day = at or date.today()
    goal = load_goal(db)
    periods = _periods(db, goal)
    return _progress(db, goal, day, periods), _months(periods, months, day)


def _merged(of_organization: dict[int, list[_Period]]) -> list[tuple[date, date | None]]:
    """Each organisation's membership as disjoint [start, end) spans (``None``: still on): an
    organisation is a member on a day when exactly one of its spans holds it."""
    spans: list[tuple[date, date | None]] = []
    for own in of_organization.values():
        current: tuple[date, date | None] | None = None
        for p in sorted(own, key=lambda p: p.start):
            if p.end is not None and p.end <= p.start:
                continue  # no day of membership
            if current is None:
                current = (p.start, p.end)
            elif current[1] is None:
                break  # still a member: later periods add nothing
            elif p.start <= current[1]:
                current = (current[0], None if p.end is None else max(current[1], p.end))
            else:
                spans.append(current)
                current = (p.start, p.end)
        if current is not None:
            spans.append(current)
    return spans


def _months(periods: list[_Period], months: int, day: date) -> list[MonthFigures]:
    """Each month from sorted dates and bisection (ten years of memberships, 36 months): the
    members on its last day are the spans opened by then less those closed by then."""
    of_organization = _by_organization(periods)
    starts = [p.start for p in periods]
    spans = _merged(of_organization)
    opened = sorted(start for start, _ in spans)
    closed = sorted(end for _, end in spans if end is not None)
    ended = sorted(
        (p.end, p.organization_id) for p in periods if p.end is not None and p.end > p.start
    )
    current = date(day.year, day.month, 1)
    out = []
    for back in range(months - 1, -1, -1):
        first = _add_months(current, -back)
        last = min(_add_months(first, 1) - timedelta(days=1), day)
        members = bisect_right(opened, last) - bisect_right(closed, last)
        gone = {
            org
            for _, org in ended[
                bisect_left(ended, first, key=lambda e: e[0]) : bisect_right(
                    ended, last, key=lambda e: e[0]
                )
            ]
        }
        departures = sum(1 for org in gone if org not in _member_on(of_organization[org], last))
        out.append(
            MonthFigures(
                first,
                members,
                len(_arrivals(periods, first, last, of_organization, starts)),
                departures,
            )
        )
    return out
