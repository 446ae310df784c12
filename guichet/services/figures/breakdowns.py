"""Who and what the period's inquiries were about: subjects, counsellors, NAF sections, headcount
bands, communes (SQL GROUP BY, an inquiry counted once per group)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, distinct, func, or_, select

from guichet.db import Database
from guichet.models import Counsellor, Inquiry, Need, Organization, Subject, Theme
from guichet.reference.communes import commune
from guichet.reference.headcount import HEADCOUNT_BANDS
from guichet.reference.naf import all_naf
from guichet.services.figures.common import Count
from guichet.services.figures.period import Period

NOT_GIVEN = "Non renseigné"
TOP_SUBJECTS = 10


@cache
def naf_sections() -> dict[str, tuple[str, frozenset[str]]]:
    """Section letter → (label, its two-digit divisions)."""
    out: dict[str, tuple[str, set[str]]] = {}
    for entry in all_naf():
        out.setdefault(entry.section, (entry.section_label, set()))[1].add(entry.division)
    return {k: (label, frozenset(divisions)) for k, (label, divisions) in sorted(out.items())}


def section_of_division(division: str | None) -> str | None:
    for section, (_, divisions) in naf_sections().items():
        if division in divisions:
            return section
    return None


def organization_condition(
    *,
    naf_section: str | None = None,
    headcount_band: str | None = None,
    commune_insee: str | None = None,
) -> ColumnElement[bool] | None:
    """The organizations a breakdown's bar stands for (the Demandes filter uses it too);
    « » stands for « not given »."""
    conditions: list[ColumnElement[bool]] = []
    if naf_section is not None:
        division = func.substr(Organization.naf_code, 1, 2)
        if naf_section:
            conditions.append(division.in_(sorted(naf_sections()[naf_section][1])))
        else:
            conditions.append(Organization.naf_code.is_(None))
    for column, value in (
        (Organization.headcount_band, headcount_band),
        (Organization.commune_insee, commune_insee),
    ):
        if value is not None:
            conditions.append(column == value if value else column.is_(None))
    if not conditions:
        return None
    condition = conditions[0]
    for other in conditions[1:]:
        condition = condition & other
    return condition


def inquiry_organization_filter(
    *,
    naf_section: str | None = None,
    headcount_band: str | None = None,
    commune_insee: str | None = None,
) -> ColumnElement[bool] | None:
    """The inquiries a breakdown's bar counts: those of the organizations it stands for; for
    « not given » (« »), the inquiries without an organization as well."""
    condition = organization_condition(
        naf_section=naf_section, headcount_band=headcount_band, commune_insee=commune_insee
    )
    if condition is None:
        return None
    matching = Inquiry.organization_id.in_(select(Organization.id).where(condition))
    if "" in (naf_section, headcount_band, commune_insee):
        return or_(matching, Inquiry.organization_id.is_(None))
    return matching


def _in_period(query: Any, period: Period) -> Any:
    return query.where(
        Inquiry.received_at >= period.start_at, Inquiry.received_at < period.end_before
    )


def _sorted(counts: Iterable[Count]) -> tuple[Count, ...]:
    return tuple(sorted(counts, key=lambda c: (-c.count, c.label)))


def top_subjects(db: Database, period: Period, limit: int = TOP_SUBJECTS) -> tuple[Count, ...]:
    """The subjects most asked about (an inquiry counted once per subject); key: subject id."""
    n = func.count(distinct(Inquiry.id))
    query = _in_period(
        select(Subject.id, Subject.name, Theme.name, n)
        .select_from(Inquiry)
        .join(Need, Need.inquiry_id == Inquiry.id)
        .join(Subject, Subject.id == Need.subject_id)
        .join(Theme, Theme.id == Subject.theme_id)
        .group_by(Subject.id, Subject.name, Theme.name)
        .order_by(n.desc(), Subject.name)
        .limit(limit),
        period,
    )
    with db.unit_of_work(write=False) as session:
        return tuple(
            Count(str(i), f"{name} ({theme})", int(count))
            for i, name, theme, count in session.execute(query)
        )


def by_counsellor(db: Database, period: Period) -> tuple[Count, ...]:
    """Inquiries by counsellor (their initials: reports carry no names); key: counsellor id."""
    query = _in_period(
        select(Counsellor.id, Counsellor.initials, func.count(Inquiry.id))
        .select_from(Inquiry)
        .outerjoin(Counsellor, Counsellor.id == Inquiry.counsellor_id)
        .group_by(Counsellor.id, Counsellor.initials),
        period,
    )
    with db.unit_of_work(write=False) as session:
        return _sorted(
            Count(str(i) if i is not None else "", initials or NOT_GIVEN, int(n))
            for i, initials, n in session.execute(query)
        )


def _by_organization(db: Database, period: Period, column: Any) -> list[tuple[Any, int]]:
    query = _in_period(
        select(column, func.count(Inquiry.id))
        .select_from(Inquiry)
        .outerjoin(Organization, Organization.id == Inquiry.organization_id)
        .group_by(column),
        period,
    )
    with db.unit_of_work(write=False) as session:
        return [(value, int(n)) for value, n in session.execute(query)]


def by_naf_section(db: Database, period: Period) -> tuple[Count, ...]:
    """Inquiries by the NAF section of their organization; key: the section letter."""
    sums: dict[str, int] = {}
    for division, n in _by_organization(db, period, func.substr(Organization.naf_code, 1, 2)):
        section = section_of_division(division) or ""
        sums[section] = sums.get(section, 0) + n
    sections = naf_sections()
    return _sorted(
        Count(key, f"{key} — {sections[key][0]}" if key else NOT_GIVEN, n)
        for key, n in sums.items()
    )


def by_headcount_band(db: Database, period: Period) -> tuple[Count, ...]:
    """Inquiries by headcount band, in INSEE order; key: the band code."""
    counts = {
        band or "": n for band, n in _by_organization(db, period, Organization.headcount_band)
    }
    ordered = [
        Count(code, text, counts.pop(code)) for code, text in HEADCOUNT_BANDS if code in counts
    ]
    ordered += [Count(code, code or NOT_GIVEN, n) for code, n in sorted(counts.items())]
    return tuple(ordered)


def commune_name(insee: str) -> str:
    found = commune(insee) if insee else None
    return found.name if found else (insee or NOT_GIVEN)


def by_commune(db: Database, period: Period) -> tuple[Count, ...]:
    """Inquiries by the commune of their organization; key: the INSEE code."""
    return _sorted(
        Count(insee or "", commune_name(insee or ""), n)
        for insee, n in _by_organization(db, period, Organization.commune_insee)
    )
