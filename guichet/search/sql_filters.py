"""SearchFilters as SQL conditions on ``organization o`` (SQLite dialect, bound parameters)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from guichet.models.enums import MembershipStatus
from guichet.search.capabilities import Thesaurus
from guichet.search.filters import SearchFilters


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for candidate in range(day.day, 0, -1):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass
class FilterSql:
    """``conditions`` joined with AND, on the alias ``o`` of ``organization``."""

    conditions: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def bind(self, value: Any) -> str:
        name = f"f{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def bind_all(self, values: Iterable[Any]) -> str:
        return ", ".join(self.bind(v) for v in values)

    @property
    def where(self) -> str:
        return "".join(f" AND {c}" for c in self.conditions)

    def __bool__(self) -> bool:
        return bool(self.conditions)


def _exists(link: str, column: str, ids: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM {link} x WHERE x.organization_id = o.id AND x.{column} IN ({ids}))"
    )


def filter_sql(
    filters: SearchFilters | None,
    thesaurus: Thesaurus,
    territory: frozenset[str],
    today: date,
    *,
    dates_as_text: bool = True,
) -> FilterSql:
    """Conditions for ``filters``; SQLite compares dates as ISO text, other databases as dates."""
    out = FilterSql()

    def day(value: date) -> str:
        return out.bind(value.isoformat() if dates_as_text else value)

    if filters is None:
        return out
    f = filters
    if f.kinds:
        out.conditions.append(f"o.kind IN ({out.bind_all(sorted(k.value for k in f.kinds))})")
    for cap_id in sorted(f.capability_ids):
        family = sorted(thesaurus.descendants_and_self(cap_id))
        out.conditions.append(
            _exists("organization_capability", "capability_id", out.bind_all(family))
        )
    for cert_id in sorted(f.certification_ids):
        out.conditions.append(
            _exists("organization_certification", "certification_id", out.bind(cert_id))
        )
    for sector_id in sorted(f.sector_ids):
        out.conditions.append(_exists("organization_sector", "sector_id", out.bind(sector_id)))
    if f.commune_insee:
        out.conditions.append(f"o.commune_insee = {out.bind(f.commune_insee.strip())}")
    if f.on_territory:
        codes = sorted(territory) or [""]
        out.conditions.append(f"o.commune_insee IN ({out.bind_all(codes)})")
    if f.naf_division:
        division = f.naf_division.strip()[:2]
        out.conditions.append(f"substr(o.naf_code, 1, 2) = {out.bind(division)}")
    if f.headcount_bands:
        out.conditions.append(f"o.headcount_band IN ({out.bind_all(sorted(f.headcount_bands))})")
    if f.network:
        now = day(today)
        out.conditions.append(
            "EXISTS (SELECT 1 FROM membership m WHERE m.organization_id = o.id "
            "AND EXISTS (SELECT 1 FROM organization n WHERE n.id = m.network_id "
            f"AND lower(n.legal_name) = lower({out.bind(f.network)})) "
            f"AND m.status = {out.bind(MembershipStatus.ACTIVE.value)} "
            f"AND m.start_on <= {now} AND (m.end_on IS NULL OR m.end_on >= {now}))"
        )
    if f.verified_within_months is not None:
        since = months_before(today, max(0, f.verified_within_months))
        out.conditions.append(f"o.verified_on >= {day(since)}")
    if f.exclude_do_not_refer:
        out.conditions.append(f"o.do_not_refer = {out.bind(False)}")
    return out
