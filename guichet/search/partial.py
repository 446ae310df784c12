"""Partial matches: when no organization has every word typed, those that have most of them.

« usinage inox » finds nobody with both words: the directory page and ``guichet search`` then
show the organizations having one of them (or, for three words, two before one), each labelled
with the words it has (« 1 mot sur 2 : usinage »), ranked by the number of words found, then by
the usual ranking. Only asked for by callers that label the answer as partial (never the intake's
company field, where Entrée picks the first suggestion).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import combinations

from guichet.reference.text import words
from guichet.search.explain import Ranked

#: Going down to combinations of fewer words stops once this many organizations are found.
ENOUGH = 400
#: At most this many sub-queries (word combinations) per search, largest combinations first.
MAX_SUBQUERIES = 24

Matching = Callable[[tuple[int, ...], int], list[int]]


def most_words(count: int, matching: Matching, enough: int) -> dict[int, tuple[int, ...]]:
    """For each organization found, the positions of the words it has.

    ``matching(positions, limit)`` gives the ids having every word at ``positions``.
    Combinations are tried from ``count - 1`` words down to single words, and an organization
    gets the union of the combinations that find it; the search stops going down once
    ``enough`` organizations are found. Within :data:`MAX_SUBQUERIES` sub-queries, the single
    words always run (a level of combinations that would not leave room for them is skipped),
    so what an organization has is exact unless one word's own answer was cut at ``enough``.
    """
    found: dict[int, tuple[int, ...]] = {}
    asked = 0
    for size in range(count - 1, 0, -1):
        level = list(combinations(range(count), size))
        if size > 1 and asked + len(level) + count > MAX_SUBQUERIES:
            continue
        for positions in level:
            asked += 1
            for org_id in matching(positions, enough):
                found[org_id] = tuple(sorted({*found.get(org_id, ()), *positions}))
        if len(found) >= enough:
            break
    return found


def rank_partial(
    ranked: Sequence[Ranked], found: dict[int, tuple[int, ...]], labels: Sequence[str]
) -> list[Ranked]:
    """``ranked`` (the usual ranking) reordered by words found, each labelled with its words."""
    order = sorted(range(len(ranked)), key=lambda i: (-len(found[ranked[i].id]), i))
    out = []
    for i in order:
        item = ranked[i]
        matched = tuple(labels[p] for p in found[item.id])
        out.append(Ranked(item.id, item.tier, item.relevance, matched, len(labels)))
    return out


def typed_labels(typed: str, tokens: Sequence[str]) -> list[str]:
    """Each token as the counsellor wrote it (``inox`` typed « Inox » → « inox », ``ecrou`` typed
    « écrou » → « écrou »): the labels of partial matches."""
    spelled: dict[str, str] = {}
    for raw in re.findall(r"[^\W_]+", typed):
        folded = words(raw)
        for word in folded:
            spelled.setdefault(word, raw.lower() if len(folded) == 1 else word)
    return [spelled.get(token, token) for token in tokens]
