"""NAF rév. 2 activity codes (INSEE, 2008): 732 sub-classes in a five-level tree.

Codes are kept in the SIRENE form ``25.62B``; store :data:`NAF_VERSION` beside every code,
NAF 2025 will replace this nomenclature gradually.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from guichet.errors import ValidationError
from guichet.reference.paths import read_rows
from guichet.reference.text import words

NAF_VERSION = "NAFRev2"

_CODE = re.compile(r"^(\d{2})\.?(\d{2})([A-Z])$")
_STOPWORDS = frozenset(
    {"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "ou", "par"}
    | {"pour", "sf", "sur", "un", "une"}
)


@dataclass(frozen=True, slots=True)
class NafEntry:
    """One NAF rév. 2 sub-class with its division and section."""

    code: str  # "25.62B"
    label: str
    division: str  # "25"
    division_label: str
    section: str  # "C"
    section_label: str
    short_label: str = ""  # INSEE's 40-character label

    @property
    def compact_code(self) -> str:
        """The code without its dot (``"2562B"``)."""
        return self.code.replace(".", "")


@cache
def _entries() -> dict[str, NafEntry]:
    return {
        row["code_sous_classe"]: NafEntry(
            code=row["code_sous_classe"],
            label=row["libelle"],
            division=row["code_division"],
            division_label=row["libelle_division"],
            section=row["code_section"],
            section_label=row["libelle_section"],
            short_label=row["libelle_40"],
        )
        for row in read_rows("naf_rev2_sous_classes.csv")
    }


@cache
def _index() -> list[tuple[NafEntry, frozenset[str], frozenset[str]]]:
    rows = read_rows("naf_rev2_sous_classes.csv")
    entries = _entries()
    index = []
    for row in rows:
        own = frozenset(words(row["libelle"]))
        context = frozenset(
            words(" ".join((row["libelle_classe"], row["libelle_groupe"], row["libelle_division"])))
        )
        index.append((entries[row["code_sous_classe"]], own, context - own))
    return index


def normalize_naf_code(text: str) -> str | None:
    """Canonical ``NN.NNL`` form of ``"25.62B"``, ``"2562b"``, ``" 25 62 B "``; None if malformed.

    Only the shape is checked; use :func:`naf_entry` to know whether the code exists.
    """
    compact = re.sub(r"[\s\-]+", "", text or "").upper()
    match = _CODE.match(compact)
    return f"{match[1]}.{match[2]}{match[3]}" if match else None


def naf_entry(code: str) -> NafEntry | None:
    """The sub-class of a code (with or without its dot), or None when unknown."""
    normalized = normalize_naf_code(code)
    return _entries().get(normalized) if normalized else None


def validate_naf_code(text: str, *, field: str = "naf_code") -> str:
    """Return the canonical code or raise :class:`ValidationError` (malformed or unknown)."""
    normalized = normalize_naf_code(text)
    if normalized is None:
        raise ValidationError(
            f"Le code NAF « {(text or '').strip()} » doit avoir la forme 25.62B "
            "(4 chiffres et une lettre).",
            field=field,
        )
    if normalized not in _entries():
        raise ValidationError(
            f"Le code NAF {normalized} n'existe pas dans la NAF rév. 2.", field=field
        )
    return normalized


def all_naf() -> list[NafEntry]:
    """The 732 sub-classes, in code order."""
    return list(_entries().values())


def naf_divisions() -> list[tuple[str, str]]:
    """The 88 divisions as ``(code, label)``, in code order."""
    seen: dict[str, str] = {}
    for entry in _entries().values():
        seen.setdefault(entry.division, entry.division_label)
    return sorted(seen.items())


def search_naf(text: str, limit: int = 20) -> list[NafEntry]:
    """Find sub-classes by code prefix (``"25.6"``, ``"256"``) or by label words.

    Label search ignores accents and case; every significant query word must start a word
    of the sub-class label or of its class, group or division label. Matches in the
    sub-class label itself, and whole-word matches, rank first.
    """
    query = (text or "").strip()
    if not query or limit <= 0:
        return []
    if query[0].isdigit():
        prefix = re.sub(r"[\s.\-]+", "", query).upper()
        return [e for e in _entries().values() if e.compact_code.startswith(prefix)][:limit]
    terms = [w for w in words(query) if w not in _STOPWORDS] or words(query)
    if not terms:
        return []
    scored: list[tuple[int, str, NafEntry]] = []
    for entry, own, context in _index():
        score = 0
        for term in terms:
            if term in own:
                score += 4
            elif any(w.startswith(term) for w in own):
                score += 3
            elif term in context:
                score += 2
            elif any(w.startswith(term) for w in context):
                score += 1
            else:
                break
        else:
            scored.append((-score, entry.code, entry))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [entry for _, _, entry in scored[:limit]]
