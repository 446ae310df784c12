"""Which words of a need to search the directory with, and how to quote them back."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from guichet.reference.communes import commune
from guichet.reference.text import words

MIN_WORD = 3
STOP_WORDS = frozenset(
    [
        "les",
        "des",
        "une",
        "aux",
        "par",
        "sur",
        "avec",
        "dans",
        "pour",
        "sans",
        "sous",
        "leur",
        "leurs",
        "nous",
        "vous",
        "elle",
        "elles",
        "sont",
        "etre",
        "avoir",
        "fait",
        "faire",
        "besoin",
        "besoins",
        "cherche",
        "recherche",
        "recherchee",
        "recherches",
        "souhaite",
        "entreprise",
        "societe",
        "projet",
        "plus",
        "tres",
        "cette",
        "votre",
        "notre",
        "aussi",
        "mais",
        "donc",
        "comme",
        "entre",
        "chez",
        "afin",
        "pas",
        "qui",
        "que",
        "quoi",
        "son",
        "ses",
        "est",
        "ete",
    ]
)


def spelled(term: str, *texts: str) -> str:
    """A folded search term as the counsellor wrote it (« equipement » → « équipement »)."""
    written: dict[str, str] = {}
    for raw in (r for text in texts for r in re.findall(r"[^\W_]+", text)):
        for word in words(raw):
            written.setdefault(word, raw if raw.isupper() and len(raw) > 1 else raw.lower())
    return " ".join(written.get(word, word) for word in term.split())


@lru_cache(maxsize=4)
def place_words(insee_codes: frozenset[str]) -> frozenset[str]:
    """Folded words of these communes' names (« port », « jerome », « seine »…)."""
    names = (c.name for code in insee_codes if (c := commune(code)) is not None)
    return frozenset(w for name in names for w in words(name))


def search_terms(subject: str, description: str, ignore: frozenset[str] = frozenset()) -> list[str]:
    """The subject, pairs of adjacent significant words (« soudure tig »), then single words.

    Words in ``ignore`` (the territory's place names: where the work is, not what it is) are
    left out of the description's words.
    """
    seen = set(words(subject))
    significant = [
        w
        for w in words(description)
        if len(w) >= MIN_WORD and w not in STOP_WORDS and w not in ignore
    ]
    pairs = [f"{a} {b}" for a, b in pairwise(significant)]
    singles = [w for w in dict.fromkeys(significant) if w not in seen]
    return [subject, *pairs[:6], *singles][:16]
