"""What a directory search asks for (filters) and what it answers (hits): plain frozen data."""

from __future__ import annotations

from dataclasses import dataclass

from guichet.models.enums import OrganizationKind


@dataclass(frozen=True)
class SearchFilters:
    """Restrictions on a directory search; the defaults restrict nothing.

    Inside one set (``kinds``, ``headcount_bands``) any value matches. Each capability,
    certification and sector of the sets is required (an organization needing ``Usinage`` and
    ``Soudure`` must have both); a capability is satisfied by any of its descendants.
    """

    kinds: frozenset[OrganizationKind] = frozenset()
    capability_ids: frozenset[int] = frozenset()
    certification_ids: frozenset[int] = frozenset()
    sector_ids: frozenset[int] = frozenset()
    commune_insee: str | None = None
    on_territory: bool = False
    naf_division: str | None = None
    headcount_bands: frozenset[str] = frozenset()
    network: str | None = None
    verified_within_months: int | None = None
    exclude_do_not_refer: bool = False

    @property
    def is_empty(self) -> bool:
        return self == SearchFilters()


@dataclass(frozen=True)
class OrganizationHit:
    """One organization found, with why it matched (``reason``, in French).

    When no organization has every word typed, a search asked for partial matches answers
    those that have most of them: ``matched_words`` are the words this one has, out of
    ``query_words`` (both empty for an ordinary hit).
    """

    id: int
    kind: OrganizationKind
    name: str
    legal_name: str
    trade_name: str | None
    siret: str | None
    postal_code: str | None
    city: str | None
    commune_insee: str | None
    on_territory: bool
    do_not_refer: bool
    score: float
    reason: str
    matched_capabilities: tuple[str, ...]
    matched_words: tuple[str, ...] = ()
    query_words: int = 0

    @property
    def partial(self) -> bool:
        """True when the organization has only some of the words typed."""
        return len(self.matched_words) < self.query_words
