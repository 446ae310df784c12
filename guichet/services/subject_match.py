"""The need type-ahead: subjects matched by their « Thème › Sujet » label, their synonyms
(:mod:`guichet.services.subject_synonyms`) and, for the subjects about finding a skill, the
capability thesaurus (names and synonyms, as stored)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from guichet.reference.text import words
from guichet.services.subject_synonyms import SKILL_SUBJECTS, SUBJECT_SYNONYMS

SUBJECT_SEPARATOR = " › "


@dataclass(frozen=True)
class SubjectKeyword:
    """A word or phrase that also means a subject: ``text`` as written, and the capability
    it comes from (empty for a synonym of the subject itself)."""

    text: str
    capability: str = ""

    @property
    def hint(self) -> str:
        """« « embauche » », « compétence Usinage », « « tournage » : compétence Usinage »."""
        if not self.capability:
            return f"« {self.text} »"
        if words(self.text) == words(self.capability):
            return f"compétence {self.capability}"
        return f"« {self.text} » : compétence {self.capability}"


@dataclass(frozen=True)
class SubjectChoice:
    id: int
    theme_id: int
    theme: str
    name: str
    keywords: tuple[SubjectKeyword, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.theme}{SUBJECT_SEPARATOR}{self.name}"


def subject_keywords(
    name: str, capabilities: Iterable[tuple[str, str | None]]
) -> tuple[SubjectKeyword, ...]:
    """The synonyms of the subject ``name``, and for a skill subject the ``(name, synonyms)`` of
    every capability (synonyms ``|``-separated, as stored), each phrase once."""
    found = [SubjectKeyword(s) for s in SUBJECT_SYNONYMS.get(name, "").split("|") if s]
    if name in SKILL_SUBJECTS:
        for capability, synonyms in capabilities:
            phrases = [capability, *(s.strip() for s in (synonyms or "").split("|"))]
            found += [SubjectKeyword(p, capability) for p in phrases if p]
    seen: set[tuple[str, ...]] = set()
    unique = []
    for keyword in found:
        key = _folded(keyword.text)
        if key and key not in seen:
            seen.add(key)
            unique.append(keyword)
    return tuple(unique)


@lru_cache(maxsize=4096)
def _folded(text: str) -> tuple[str, ...]:
    return tuple(words(text))


def _has(terms: Sequence[str], folded: Iterable[str]) -> bool:
    """Every term begins a word of ``folded``."""
    pool = tuple(folded)
    return all(any(w.startswith(t) for w in pool) for t in terms)


def match_subjects(
    choices: Sequence[SubjectChoice], text: str, limit: int = 12
) -> list[SubjectChoice]:
    """Subjects whose label, or label and keywords together, have a word starting with every
    typed word.

    Accents and case are ignored (« pret » finds « Prêt d'honneur », « usinage » the skill
    subjects through the capability « Usinage »). Subjects whose own name matches the first
    word rank before those matched through their theme or keywords only; otherwise the
    taxonomy's order is kept. An empty text gives every subject.
    """
    terms = words(text)
    if not terms:
        return list(choices[:limit])
    ranked: list[tuple[int, int, SubjectChoice]] = []
    for order, choice in enumerate(choices):
        own = _folded(choice.name)
        label = own + _folded(choice.theme)
        if _has(terms, label) or _has(
            terms, label + tuple(w for k in choice.keywords for w in _folded(k.text))
        ):
            in_name = sum(1 for t in terms if any(w.startswith(t) for w in own))
            ranked.append((-in_name, order, choice))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [choice for _, _, choice in ranked[:limit]]


def subject_hint(choice: SubjectChoice, text: str) -> str:
    """Why ``choice`` matched ``text`` when its label alone does not (« compétence Usinage »),
    else an empty string."""
    terms = words(text)
    label = _folded(choice.name) + _folded(choice.theme)
    missing = [t for t in terms if not any(w.startswith(t) for w in label)]
    if not missing:
        return ""
    found = [
        k for k in choice.keywords if any(w.startswith(t) for t in missing for w in _folded(k.text))
    ]
    if not found:
        return ""
    best = min(found, key=lambda k: (_folded(k.text) != tuple(missing), len(_folded(k.text))))
    return best.hint
