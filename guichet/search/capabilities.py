"""The capability thesaurus as the search sees it: folded words, ancestors and descendants.

Indexing writes, for each organization, the names and synonyms of its capabilities *and of
their ancestors*: searching « Usinage » finds an organization that only has « Tournage CN »,
and « plastique » (a synonym of Plasturgie) finds one that only has « Injection ». The query
side uses :meth:`Thesaurus.expand` to say which capabilities a query names (with all their
descendants), for ranking and for the « Compétence : … » reason.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, text

from guichet.reference.text import words


@dataclass(frozen=True)
class CapabilityEntry:
    id: int
    parent_id: int | None
    name: str
    words: frozenset[str]  # folded words of the name and every synonym


class Thesaurus:
    """An in-memory copy of the ``capability`` table (a few hundred rows at most)."""

    def __init__(self, rows: Iterable[tuple[int, int | None, str, str | None]]) -> None:
        self.entries: dict[int, CapabilityEntry] = {}
        self._children: dict[int | None, list[int]] = {}
        for cap_id, parent_id, name, synonyms in rows:
            phrases = [name, *(s for s in (synonyms or "").split("|") if s.strip())]
            self.entries[cap_id] = CapabilityEntry(
                cap_id, parent_id, name, frozenset(w for p in phrases for w in words(p))
            )
            self._children.setdefault(parent_id, []).append(cap_id)
        self._index_text: dict[int, str] = {}
        pairs = sorted((w, e.id) for e in self.entries.values() for w in e.words)
        self._words = [w for w, _ in pairs]
        self._word_caps = [c for _, c in pairs]

    @classmethod
    def load(cls, connection: Connection) -> Thesaurus:
        rows = connection.execute(text("SELECT id, parent_id, name, synonyms FROM capability"))
        return cls((r[0], r[1], r[2], r[3]) for r in rows)

    def ancestors_and_self(self, cap_id: int) -> list[int]:
        chain: list[int] = []
        current: int | None = cap_id
        while current is not None and current in self.entries and current not in chain:
            chain.append(current)
            current = self.entries[current].parent_id
        return chain

    def descendants_and_self(self, cap_id: int) -> set[int]:
        found: set[int] = set()
        stack = [cap_id]
        while stack:
            current = stack.pop()
            if current in found:
                continue
            found.add(current)
            stack.extend(self._children.get(current, ()))
        return found

    def index_text(self, cap_ids: Iterable[int]) -> str:
        """Folded words (each once) of these capabilities and their ancestors, with synonyms."""
        seen: dict[str, None] = {}
        for cap_id in cap_ids:
            if cap_id not in self._index_text:
                chain = self.ancestors_and_self(cap_id)
                parts: dict[str, None] = {}
                for member in chain:
                    entry = self.entries[member]
                    parts.update(dict.fromkeys(words(entry.name)))
                    parts.update(dict.fromkeys(sorted(entry.words)))
                self._index_text[cap_id] = " ".join(parts)
            seen.update(dict.fromkeys(self._index_text[cap_id].split()))
        return " ".join(seen)

    def matching(self, tokens: Iterable[str]) -> set[int]:
        """Capabilities whose name or a synonym has a word starting with one of ``tokens``."""
        found: set[int] = set()
        for token in tokens:
            if not token:
                continue
            i = bisect.bisect_left(self._words, token)
            while i < len(self._words) and self._words[i].startswith(token):
                found.add(self._word_caps[i])
                i += 1
        return found

    def expand(self, tokens: Iterable[str]) -> set[int]:
        """Capabilities a query names, with all their descendants."""
        expanded: set[int] = set()
        for cap_id in self.matching(tokens):
            expanded |= self.descendants_and_self(cap_id)
        return expanded

    def name(self, cap_id: int) -> str:
        entry = self.entries.get(cap_id)
        return entry.name if entry else ""
