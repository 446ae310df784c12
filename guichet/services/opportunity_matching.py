"""Which organizations can answer a lot, and why: pure functions over preloaded data.

A lot requires capabilities and certifications of the thesaurus. A required capability is held
by an organization that has it or one of its descendants (« Soudure » accepts « TIG »); a
required certification must be held as such. Candidates are ranked by fit, each with its
reasons in French. Nothing here touches the database, so a whole opportunity over thousands of
companies is answered while the counsellor types (see ``bench/opportunities.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from guichet.reference.headcount import headcount_label, headcount_range
from guichet.search.capabilities import Thesaurus as CapabilityTree


class Candidate(NamedTuple):
    """An organization as matching sees it.

    ``capabilities`` are the capabilities it holds directly (only the relevant ones need be
    given); ``epci`` is the SIREN of its commune's EPCI, for proximity. A named tuple rather
    than a frozen dataclass: thousands are built per answer, four times faster.
    """

    id: int
    name: str
    member: bool
    capabilities: frozenset[int]
    certifications: frozenset[int]
    commune: str | None = None
    epci: str | None = None
    on_territory: bool = False
    headcount: str | None = None


@dataclass(frozen=True, slots=True)
class LotNeed:
    lot_id: int
    number: int
    title: str
    capabilities: frozenset[int]
    certifications: frozenset[int]
    min_headcount: str | None = None
    max_headcount: str | None = None


@dataclass(frozen=True)
class History:
    """What the desk knows from the past, for ranking and flags."""

    #: organization → capability ids of the lots it answered (intéressé, candidat, retenu)
    answered_capabilities: Mapping[int, Mapping[int, int]] = field(default_factory=dict)
    #: organization → date it last declined an opportunity of this buyer (recently)
    declined_buyer: Mapping[int, date] = field(default_factory=dict)
    #: pairs of organizations that were in a groupement together before
    worked_together: frozenset[frozenset[int]] = frozenset()


@dataclass(frozen=True)
class Thesaurus:
    """The capability tree (the search's own copy, with names and synonyms) and the names of
    the certifications."""

    tree: CapabilityTree
    certification_names: Mapping[int, str]

    def capability_name(self, capability_id: int) -> str:
        return self.tree.name(capability_id) or "?"

    def certification_name(self, certification_id: int) -> str:
        return self.certification_names.get(certification_id, "?")

    def satisfied(self, held: int, required: frozenset[int]) -> int | None:
        """The required capability that ``held`` satisfies (itself or an ancestor), if any."""
        for capability in self.tree.ancestors_and_self(held):
            if capability in required:
                return capability
        return None


@dataclass(frozen=True)
class Match:
    organization_id: int
    name: str
    member: bool
    score: float
    reasons: tuple[str, ...]
    declined_buyer_on: date | None = None

    @property
    def reason(self) -> str:
        return " ; ".join(self.reasons)


def covered(candidate: Candidate, required: frozenset[int], thesaurus: Thesaurus) -> dict[int, int]:
    """Required capability → the capability of ``candidate`` that covers it (exact first)."""
    found: dict[int, int] = {}
    for held in candidate.capabilities:
        target = thesaurus.satisfied(held, required)
        if target is not None and found.get(target) != target:
            found[target] = held
    return found


def headcount_fit(band: str | None, low: str | None, high: str | None) -> bool | None:
    """True within the lot's band, False outside, None when either side is unknown."""
    if not low and not high:
        return None
    own = headcount_range(band)
    if own is None or band in ("NN", None):
        return None
    low_range, high_range = headcount_range(low), headcount_range(high)
    if low_range is not None and own[0] < low_range[0]:
        return False
    return not (high_range is not None and own[0] > high_range[0])


def _similar(history: History, organization_id: int, need: LotNeed) -> int:
    answered = history.answered_capabilities.get(organization_id, {})
    return sum(count for cap, count in answered.items() if cap in need.capabilities)


def rank(
    candidate: Candidate,
    need: LotNeed,
    thesaurus: Thesaurus,
    history: History,
    cover: Mapping[int, int],
) -> Match:
    """Scores a candidate already known to meet every requirement of ``need``."""
    name = thesaurus.capability_name
    score = 0.0
    reasons: list[str] = []
    for required in sorted(need.capabilities, key=name):
        held = cover[required]
        if held == required:
            score += 3
            reasons.append(name(required))
        else:
            score += 1
            reasons.append(f"{name(required)} (par « {name(held)} »)")
    for cert in sorted(need.certifications, key=thesaurus.certification_name):
        reasons.append(f"certifié {thesaurus.certification_name(cert)}")
    if candidate.on_territory:
        score += 4
        reasons.append("sur le territoire")
    else:
        reasons.append("hors territoire")
    fit = headcount_fit(candidate.headcount, need.min_headcount, need.max_headcount)
    label = headcount_label(candidate.headcount) or "effectif inconnu"
    if fit is True:
        score += 2
        reasons.append(f"{label} : dans la tranche demandée")
    elif fit is False:
        score -= 2
        reasons.append(f"{label} : hors de la tranche demandée")
    similar = _similar(history, candidate.id, need)
    if similar:
        score += min(similar, 3)
        reasons.append(f"a déjà répondu à {similar} lot(s) semblable(s)")
    declined = history.declined_buyer.get(candidate.id)
    if declined is not None:
        score -= 3
        reasons.append(f"a décliné une opportunité de cet acheteur le {declined:%d/%m/%Y}")
    if candidate.member:
        score += 1
    else:
        reasons.append("hors réseau (annuaire)")
    return Match(candidate.id, candidate.name, candidate.member, score, tuple(reasons), declined)


def eligible(candidate: Candidate, need: LotNeed, thesaurus: Thesaurus) -> dict[int, int] | None:
    """The cover of ``need``'s capabilities when ``candidate`` meets every requirement."""
    if not need.certifications <= candidate.certifications:
        return None
    cover = covered(candidate, need.capabilities, thesaurus)
    return cover if len(cover) == len(need.capabilities) else None


class Pool:
    """Candidates indexed by what they hold, so a lot's holders are set intersections."""

    def __init__(self, candidates: Iterable[Candidate], thesaurus: Thesaurus) -> None:
        self.thesaurus = thesaurus
        self.by_id: dict[int, Candidate] = {}
        self._capability: dict[int, set[int]] = {}
        self._certification: dict[int, set[int]] = {}
        for candidate in candidates:
            self.by_id[candidate.id] = candidate
            for capability in candidate.capabilities:
                self._capability.setdefault(capability, set()).add(candidate.id)
            for certification in candidate.certifications:
                self._certification.setdefault(certification, set()).add(candidate.id)

    def capability_holders(self, capability: int) -> set[int]:
        """Candidates holding ``capability`` or one of its descendants."""
        found: set[int] = set()
        for held in self.thesaurus.tree.descendants_and_self(capability):
            found |= self._capability.get(held, set())
        return found

    def certification_holders(self, certification: int) -> set[int]:
        return self._certification.get(certification, set())

    def meeting(self, need: LotNeed) -> set[int]:
        """Candidates meeting every requirement of ``need`` (everyone for a lot without any)."""
        found: set[int] | None = None
        for capability in need.capabilities:
            holders = self.capability_holders(capability)
            found = holders if found is None else found & holders
        for certification in need.certifications:
            holders = self.certification_holders(certification)
            found = set(holders) if found is None else found & holders
        return set(self.by_id) if found is None else found


def as_pool(candidates: Pool | Iterable[Candidate], thesaurus: Thesaurus) -> Pool:
    return candidates if isinstance(candidates, Pool) else Pool(candidates, thesaurus)


def match_lot(
    need: LotNeed,
    candidates: Pool | Iterable[Candidate],
    thesaurus: Thesaurus,
    history: History | None = None,
    limit: int | None = None,
) -> list[Match]:
    """The candidates meeting every requirement of the lot, best first (network first)."""
    past = history or History()
    pool = as_pool(candidates, thesaurus)
    matches = []
    for cid in pool.meeting(need):
        candidate = pool.by_id[cid]
        cover = eligible(candidate, need, thesaurus)
        if cover is not None:
            matches.append(rank(candidate, need, thesaurus, past, cover))
    matches.sort(key=lambda m: (not m.member, -m.score, m.name.casefold(), m.organization_id))
    return matches if limit is None else matches[:limit]
