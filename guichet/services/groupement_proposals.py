"""Groupements to propose when no single company covers a lot (or the whole opportunity).

Every requirement (a capability or certification of a lot) becomes one bit; a candidate's mask
says which requirements it meets. A proposal is two or three candidates whose masks together
cover every bit, none of them redundant (removing any one leaves a bit uncovered). Candidates
with the same mask are interchangeable for coverage, so the search runs over distinct masks
and keeps only the best few candidates of each, which keeps it fast over thousands of them.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from guichet.services.opportunity_matching import (
    Candidate,
    History,
    LotNeed,
    Pool,
    Thesaurus,
    as_pool,
)

PER_MASK = 3
MASKS_PER_REQUIREMENT = 8


@dataclass(frozen=True, slots=True)
class Requirement:
    lot_number: int
    kind: str  # "capability" | "certification"
    id: int


@dataclass(frozen=True)
class Contribution:
    organization_id: int
    name: str
    brings: tuple[str, ...]
    lot_numbers: tuple[int, ...]


@dataclass(frozen=True)
class Proposal:
    members: tuple[Contribution, ...]
    score: float
    reasons: tuple[str, ...]

    @property
    def organization_ids(self) -> tuple[int, ...]:
        return tuple(c.organization_id for c in self.members)


def requirements_of(needs: Sequence[LotNeed]) -> list[Requirement]:
    found: list[Requirement] = []
    for need in needs:
        found.extend(Requirement(need.number, "capability", c) for c in sorted(need.capabilities))
        found.extend(
            Requirement(need.number, "certification", c) for c in sorted(need.certifications)
        )
    return found


def masks(
    requirements: Sequence[Requirement],
    candidates: Pool | Iterable[Candidate],
    thesaurus: Thesaurus,
) -> dict[int, int]:
    """Candidate id → bit mask of the requirements it meets (only candidates meeting some)."""
    pool = as_pool(candidates, thesaurus)
    holders: dict[tuple[str, int], set[int]] = {}
    result: dict[int, int] = {}
    for bit, req in enumerate(requirements):
        key = (req.kind, req.id)
        if key not in holders:
            holders[key] = (
                pool.capability_holders(req.id)
                if req.kind == "capability"
                else pool.certification_holders(req.id)
            )
        for cid in holders[key]:
            result[cid] = result.get(cid, 0) | 1 << bit
    return result


def is_minimal_cover(member_masks: Sequence[int], full: int) -> bool:
    """The masks cover ``full`` and none of them can be left out."""
    union = 0
    for mask in member_masks:
        union |= mask
    if union & full != full:
        return False
    for left_out in range(len(member_masks)):
        rest = 0
        for index, mask in enumerate(member_masks):
            if index != left_out:
                rest |= mask
        if rest & full == full:
            return False
    return True


def _personal_score(candidate: Candidate, history: History) -> float:
    score = (3.0 if candidate.on_territory else 0.0) + (1.0 if candidate.member else 0.0)
    return score - (2.0 if candidate.id in history.declined_buyer else 0.0)


def _shortlist(
    mask_of: dict[int, int], pool: dict[int, Candidate], history: History, bits: int
) -> dict[int, list[int]]:
    """Distinct mask → its best few candidates; only the masks most useful to some bit."""
    by_mask: dict[int, list[int]] = {}
    for cid, mask in mask_of.items():
        by_mask.setdefault(mask, []).append(cid)
    personal = {cid: _personal_score(pool[cid], history) for cid in mask_of}  # once each
    for mask, ids in by_mask.items():
        by_mask[mask] = heapq.nsmallest(
            PER_MASK, ids, key=lambda c: (-personal[c], pool[c].name, c)
        )
    kept: set[int] = set()
    for bit in range(bits):
        holding = [m for m in by_mask if m >> bit & 1]
        holding.sort(key=lambda m: (-m.bit_count(), -personal[by_mask[m][0]]))
        kept.update(holding[:MASKS_PER_REQUIREMENT])
    return {m: by_mask[m] for m in kept}


def _mask_sets(masks_kept: list[int], full: int) -> list[tuple[int, ...]]:
    """Pairs and triples of distinct masks forming a minimal cover of ``full``."""
    found: list[tuple[int, ...]] = []
    ordered = sorted(masks_kept)
    supersets: dict[int, list[int]] = {}
    for i, a in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            b = ordered[j]
            union = (a | b) & full
            if union == full:
                if is_minimal_cover((a, b), full):
                    found.append((a, b))
                continue
            if not (a & ~b & full) or not (b & ~a & full):
                continue  # one of them would add nothing to any third
            missing = full & ~union
            if missing not in supersets:
                supersets[missing] = [k for k, c in enumerate(ordered) if c & missing == missing]
            for k in supersets[missing]:
                if k > j and is_minimal_cover((a, b, ordered[k]), full):
                    found.append((a, b, ordered[k]))
    return found


def _score(
    group: Sequence[Candidate], history: History, site: Candidate | None
) -> tuple[float, list[str]]:
    reasons: list[str] = []
    score = sum(_personal_score(c, history) for c in group) / len(group)
    score += 3.0 if len(group) == 2 else 0.0
    if all(c.on_territory for c in group):
        score += 3
        reasons.append("toutes sur le territoire")
    else:
        on = sum(c.on_territory for c in group)
        reasons.append(f"{on} sur {len(group)} sur le territoire")
    pairs = list(combinations(sorted(group, key=lambda c: (c.name.casefold(), c.id)), 2))
    closeness = 0.0
    for a, b in pairs:
        if frozenset((a.id, b.id)) in history.worked_together:
            closeness += 3
            reasons.append(f"{a.name} et {b.name} ont déjà travaillé ensemble")
        if a.commune and a.commune == b.commune:
            closeness += 2
            reasons.append(f"{a.name} et {b.name} : même commune")
        elif a.epci and a.epci == b.epci:
            closeness += 1
            reasons.append(f"{a.name} et {b.name} : même intercommunalité")
    score += closeness / len(pairs)
    if site is not None:
        near = [
            c.name
            for c in group
            if (c.commune and c.commune == site.commune) or (c.epci and c.epci == site.epci)
        ]
        score += 0.5 * len(near)
        if near:
            reasons.append("proches du site : " + ", ".join(near))
    declined = [c.name for c in group if c.id in history.declined_buyer]
    if declined:
        reasons.append("a décliné cet acheteur récemment : " + ", ".join(declined))
    return score, reasons


def _contribution(
    candidate: Candidate, mask: int, requirements: Sequence[Requirement], thesaurus: Thesaurus
) -> Contribution:
    brings: list[str] = []
    lots: list[int] = []
    for bit, req in enumerate(requirements):
        if mask >> bit & 1:
            text = (
                thesaurus.capability_name(req.id)
                if req.kind == "capability"
                else thesaurus.certification_name(req.id)
            )
            if text not in brings:
                brings.append(text)
            if req.lot_number not in lots:
                lots.append(req.lot_number)
    return Contribution(candidate.id, candidate.name, tuple(brings), tuple(lots))


def propose_groupements(
    needs: Sequence[LotNeed],
    candidates: Pool | Iterable[Candidate],
    thesaurus: Thesaurus,
    history: History | None = None,
    *,
    site: Candidate | None = None,
    limit: int = 5,
) -> list[Proposal]:
    """The best minimal combinations of 2–3 candidates meeting every requirement of ``needs``.

    ``site`` carries the commune and EPCI of the place of work (its other fields are unused).
    """
    past = history or History()
    requirements = requirements_of(needs)
    if not requirements:
        return []
    indexed = as_pool(candidates, thesaurus)
    pool = indexed.by_id
    mask_of = masks(requirements, indexed, thesaurus)
    full = (1 << len(requirements)) - 1
    shortlist = _shortlist(mask_of, pool, past, len(requirements))
    heap: list[tuple[float, tuple[int, ...], Proposal]] = []
    for mask_set in _mask_sets(list(shortlist), full):
        for ids in _products([shortlist[m] for m in mask_set]):
            group = [pool[i] for i in ids]
            score, reasons = _score(group, past, site)
            rank = (score, tuple(-i for i in sorted(ids)))
            if len(heap) >= limit and rank <= heap[0][:2]:
                continue  # not among the best: what each brings is not worth spelling out
            members = sorted(
                (
                    _contribution(c, m, requirements, thesaurus)
                    for c, m in zip(group, mask_set, strict=True)
                ),
                key=lambda c: (-len(c.brings), c.name.casefold(), c.organization_id),
            )
            entry = (*rank, Proposal(tuple(members), score, tuple(reasons)))
            if len(heap) < limit:
                heapq.heappush(heap, entry)
            else:
                heapq.heapreplace(heap, entry)
    ranked = sorted(heap, key=lambda e: e[:2], reverse=True)
    return [entry[2] for entry in ranked]


def _products(lists: Sequence[list[int]]) -> Iterable[tuple[int, ...]]:
    if not lists:
        yield ()
        return
    for head in lists[0]:
        for tail in _products(lists[1:]):
            yield (head, *tail)
