"""Folding of indexed text and parsing of what the counsellor typed.

Both sides go through :func:`guichet.reference.text.words`, so case, accents and ligatures
(``œ`` → ``oe``, ``æ`` → ``ae``) never matter. Digits typed in groups (``732 829 320 00074``)
are joined back into one identifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guichet.reference.text import words

#: Words that carry no meaning in a query; dropped unless they are all there is.
STOPWORDS = frozenset(
    {"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "un", "une"}
)
#: The longest query kept (a pasted page is cut, never an error).
MAX_QUERY_CHARS = 200
MAX_TOKENS = 8

_ONLY_DIGITS = re.compile(r"^[\d\s.\-/_\u00a0\u202f]+$")


def fold_key(text: str | None) -> str:
    """Comparison key of a name: folded words separated by single spaces.

    >>> fold_key("  L'Œuvre  — SARL ")
    'l oeuvre sarl'
    """
    return " ".join(words(text or ""))


def fold_words(*texts: str | None) -> str:
    """Folded words of several texts, for an index column."""
    return " ".join(w for t in texts if t for w in words(t))


def _join_digit_groups(tokens: list[str]) -> list[str]:
    """``["732", "829", "320", "00074"]`` → ``["73282932000074"]`` (SIREN/SIRET typed grouped).

    A run starts with a 3-digit group and goes on with digit groups of 3; the first group of
    another length ends it (the NIC, or the group being typed).
    """
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.isdigit() and len(token) == 3:
            joined, j = token, i + 1
            while j < len(tokens) and tokens[j].isdigit() and len(joined) + len(tokens[j]) <= 14:
                joined += tokens[j]
                j += 1
                if len(tokens[j - 1]) != 3:
                    break
            if j > i + 1:
                out.append(joined)
                i = j
                continue
        out.append(token)
        i += 1
    return out


@dataclass(frozen=True)
class ParsedQuery:
    """What the counsellor typed, ready for the index.

    Attributes:
        tokens: folded words to match, each as a prefix (the last one is being typed).
        key: the folded query as a whole, compared with folded names for « Nom exact ».
        digits: the query as a SIREN/SIRET when it is only digits and separators.
    """

    tokens: tuple[str, ...]
    key: str
    digits: str | None

    @property
    def is_empty(self) -> bool:
        return not self.tokens


def parse_query(text: str) -> ParsedQuery:
    """Parse typed text; never raises, whatever the text (markup, FTS syntax, control chars)."""
    text = (text or "")[:MAX_QUERY_CHARS]
    raw = words(text)
    digits = None
    if raw and _ONLY_DIGITS.match(text):
        digits = "".join(raw)
        raw = [digits]
    tokens = _join_digit_groups(raw)
    key = " ".join(tokens)
    meaningful = [t for t in tokens[:-1] if t not in STOPWORDS] + tokens[-1:]
    return ParsedQuery(tuple(meaningful[:MAX_TOKENS]), key, digits)
