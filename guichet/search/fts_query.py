"""FTS5 match expressions built from parsed tokens, and the one-typo correction.

Every token is written as a quoted string, so nothing typed can be read as FTS5 syntax
(``"``, ``*``, ``-``, ``(``, ``NEAR``, ``:``, ``AND``…): tokens come from
:func:`guichet.reference.text.words` and hold letters and digits only.
"""

from __future__ import annotations

import json
import string
from collections.abc import Sequence

from sqlalchemy import Connection, text

#: Tokens this long or longer get a one-typo correction when they match no indexed word.
TYPO_MIN_CHARS = 4
#: A prefix of this many characters or more is replaced by the indexed words it begins: FTS5
#: merges the whole doclists of a prefix query before reading them (tens of milliseconds for a
#: common word on 500,000 organizations), while an OR of words is read lazily. Shorter prefixes
#: have their own index (``prefix='1 2 3'``).
EXPAND_MIN_CHARS = 4
MAX_EXPANSION = 40
#: The vocabulary (``search_term``) holds the indexed words of this many characters or more.
VOCABULARY_MIN_CHARS = 3
MAX_ALTERNATIVES = 4
_ALPHABET = string.ascii_lowercase + string.digits

Alternatives = Sequence[tuple[str, bool]]  # (term, as_prefix)


def phrase(term: str, prefix: bool = True) -> str:
    return f'"{term}"' + ("*" if prefix else "")


def group(alternatives: Alternatives) -> str:
    parts = [phrase(term, prefix) for term, prefix in alternatives]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def match_expression(terms: Sequence[Alternatives]) -> str:
    """``[[("usinage", True)], [("bolbec", True)]]`` → ``"usinage"* AND "bolbec"*``."""
    return " AND ".join(group(alternatives) for alternatives in terms)


def column_any(column: str, tokens: Sequence[str]) -> str:
    """Any of ``tokens`` (as prefixes) in one column."""
    return f"{{{column}}} : (" + " OR ".join(phrase(t) for t in tokens) + ")"


def edits1(word: str) -> set[str]:
    """Every word at one deletion, transposition, substitution or insertion from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    inserts = {a + c + b for a, b in splits for c in _ALPHABET}
    return (deletes | transposes | replaces | inserts) - {word}


_TOP = "\U0010ffff"

#: The one-typo lookups, per engine: the variants are a JSON array on SQLite, a text array on
#: PostgreSQL; ``search_term.term`` compares in binary order on both.
_VARIANT_PREFIXES = {
    "sqlite": (
        "SELECT v.value FROM json_each(:v) v WHERE EXISTS (SELECT 1 FROM search_term "
        "WHERE term >= v.value AND term < v.value || char(1114111)) LIMIT :n"
    ),
    "postgresql": (
        "SELECT v FROM unnest(CAST(:v AS text[])) WITH ORDINALITY AS u(v, i) WHERE EXISTS "
        "(SELECT 1 FROM search_term WHERE term >= v AND term < v || chr(1114111)) "
        "ORDER BY i LIMIT :n"
    ),
}
_VARIANT_WORDS = {
    "sqlite": (
        "SELECT term FROM search_term WHERE term IN (SELECT value FROM json_each(:v)) LIMIT :n"
    ),
    "postgresql": "SELECT term FROM search_term WHERE term = ANY(:v) ORDER BY term LIMIT :n",
}


def corrections(connection: Connection, token: str, as_prefix: bool) -> list[str]:
    """Indexed words (or word beginnings, for the token being typed) one typo away."""
    if len(token) < TYPO_MIN_CHARS or token.isdigit():
        return []
    dialect = connection.dialect.name
    variants = sorted(edits1(token))
    sql = (_VARIANT_PREFIXES if as_prefix else _VARIANT_WORDS)[dialect]
    bound: object = json.dumps(variants) if dialect == "sqlite" else variants
    rows = connection.execute(text(sql), {"v": bound, "n": MAX_ALTERNATIVES})
    return [r[0] for r in rows]


def _words_starting(
    connection: Connection, prefixes: Sequence[str], limit: int
) -> dict[str, list[str]]:
    """The indexed words each prefix begins, in order (at most ``limit`` each); one statement
    for them all on PostgreSQL (a round trip each would cost more than the lookups)."""
    if connection.dialect.name == "postgresql" and len(prefixes) > 1:
        found: dict[str, list[str]] = {p: [] for p in prefixes}
        rows = connection.execute(
            text(
                "SELECT u.p, t.term FROM unnest(CAST(:ps AS text[])) AS u(p) CROSS JOIN LATERAL "
                "(SELECT term FROM search_term WHERE term >= u.p AND term < u.p || chr(1114111) "
                "ORDER BY term LIMIT :n) AS t ORDER BY u.p, t.term"
            ),
            {"ps": list(prefixes), "n": limit},
        )
        for prefix, term in rows:
            found[prefix].append(term)
        return found
    return {
        prefix: [
            r[0]
            for r in connection.execute(
                text(
                    "SELECT term FROM search_term WHERE term >= :p AND term < :top "
                    "ORDER BY term LIMIT :n"
                ),
                {"p": prefix, "top": prefix + _TOP, "n": limit},
            )
        ]
        for prefix in prefixes
    }


def terms_for(
    connection: Connection, tokens: Sequence[str], expand_min_chars: int = EXPAND_MIN_CHARS
) -> list[list[tuple[str, bool]]]:
    """Alternatives for each token: the indexed words it begins, or itself as a prefix.

    A token of four letters or more that begins no indexed word is kept, with the words (or,
    for the last token, the word beginnings) one typo away from it. ``expand_min_chars`` below
    four (PostgreSQL: a GIN index intersects words far faster than it gathers a prefix) also
    expands shorter tokens; a two-letter one then keeps itself as a word (the vocabulary holds
    words of three letters or more): the same organizations match either way.
    """
    out: list[list[tuple[str, bool]]] = []
    last = len(tokens) - 1
    shortest = max(expand_min_chars, VOCABULARY_MIN_CHARS - 1)
    expanded = [t for t in tokens if len(t) >= shortest and not t.isdigit()]
    vocabulary = _words_starting(connection, sorted(set(expanded)), MAX_EXPANSION + 1)
    for i, token in enumerate(tokens):
        if token not in vocabulary:
            out.append([(token, True)])
            continue
        known = vocabulary[token]
        if len(known) > MAX_EXPANSION:
            out.append([(token, True)])
        elif len(token) < VOCABULARY_MIN_CHARS:
            out.append([(token, False)] + [(word, False) for word in known])
        elif known:
            out.append([(word, False) for word in known])
        elif len(token) < EXPAND_MIN_CHARS:
            out.append([(token, True)])  # nothing begins with it: no typo correction this short
        else:
            fixes = corrections(connection, token, as_prefix=i == last)
            out.append([(token, True)] + [(fix, i == last) for fix in fixes])
    return out
