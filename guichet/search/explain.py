"""Turns the ranked ids of one page into hits, with the French reason of each match.

Runs on the page only (``limit`` rows at most), never on the whole result set.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, text

from guichet.models.enums import OrganizationKind
from guichet.search.capabilities import Thesaurus
from guichet.search.filters import OrganizationHit

# Tiers of the ranking, best first.
EXACT, NAME_START, CAPABILITY, TEXT, LISTING = 0, 1, 2, 3, 4

_COLUMN_REASONS = (
    ("names", "Nom"),
    ("ident", "SIREN/SIRET"),
    ("place", "Commune"),
    ("capabilities", "Compétence"),
    ("labels", "Certification ou filière"),
    ("contacts", "Contact"),
    ("description", "Description"),
)


@dataclass(frozen=True)
class Ranked:
    id: int
    tier: int
    relevance: float = 0.0  # higher is better, within a tier
    #: a partial match: the words typed it has, out of ``of`` (empty for an ordinary match)
    matched: tuple[str, ...] = ()
    of: int = 0

    @property
    def score(self) -> float:
        if self.of:  # below every full match, by the share of the words found
            return (LISTING - self.tier) * 10.0 * len(self.matched) / self.of + self.relevance
        return (LISTING - self.tier) * 1000.0 + self.relevance


def partial_reason(matched: Sequence[str], of: int, reason: str) -> str:
    """« 1 mot sur 2 : usinage — Compétence : Usinage »."""
    count = len(matched)
    words = "mot" if count == 1 else "mots"
    return f"{count} {words} sur {of} : {', '.join(matched)} — {reason}"


def _display_name(legal: str, trade: str | None) -> str:
    if trade and trade != legal:
        return f"{trade} ({legal})"
    return legal


def _matches(column_text: str, tokens: Sequence[str]) -> bool:
    """True when a word of ``column_text`` starts with one of ``tokens``."""
    padded = " " + column_text
    return any(" " + t in padded for t in tokens)


def _text_reason(texts: dict[str, str], tokens: Sequence[str]) -> str:
    found = [label for column, label in _COLUMN_REASONS if _matches(texts[column], tokens)]
    return " + ".join(found[:3]) if found else "Texte"


def hits_for(
    connection: Connection,
    ranked: Sequence[Ranked],
    tokens: Sequence[str],
    digits: str | None,
    thesaurus: Thesaurus,
    territory: frozenset[str],
) -> list[OrganizationHit]:
    """Hits in the order of ``ranked``."""
    if not ranked:
        return []
    ids = [r.id for r in ranked]
    columns = ", ".join(f"s.{c}" for c, _ in _COLUMN_REASONS)
    index_join = " LEFT JOIN organization_search s ON s.id = o.id"
    rows = connection.execute(
        text(
            "SELECT o.id, o.kind, o.legal_name, o.trade_name, o.siren, o.siret, o.postal_code, "
            f"o.city, o.commune_insee, o.do_not_refer, {columns} FROM organization o"
            f"{index_join} WHERE o.id IN :ids"
        ).bindparams(bindparam("ids", expanding=True)),
        {"ids": ids},
    )
    by_id = {row[0]: row for row in rows}
    capabilities: dict[int, list[int]] = defaultdict(list)
    for org_id, cap_id in connection.execute(
        text(
            "SELECT organization_id, capability_id FROM organization_capability "
            "WHERE organization_id IN :ids"
        ).bindparams(bindparam("ids", expanding=True)),
        {"ids": ids},
    ):
        capabilities[org_id].append(cap_id)
    wanted = thesaurus.expand(tokens) if tokens else set()
    hits = []
    for item in ranked:
        row = by_id.get(item.id)
        if row is None:  # deleted between the ranking and now
            continue
        org_id, kind, legal, trade, siren, siret, postal, city, insee, dnr = row[:10]
        texts = {c: (row[10 + i] or "") for i, (c, _) in enumerate(_COLUMN_REASONS)}
        matched = tuple(
            sorted(
                (thesaurus.name(c) for c in capabilities.get(org_id, ()) if c in wanted),
                key=str.casefold,
            )
        )
        if item.tier == EXACT:
            reason = (
                "SIRET"
                if digits and digits == siret
                else "SIREN"
                if digits and digits == siren
                else "Nom exact"
            )
        elif item.tier == NAME_START:
            reason = "Nom"
        elif item.tier == CAPABILITY and matched:
            reason = "Compétence : " + ", ".join(matched[:3])
        elif item.tier == LISTING:
            reason = ""  # no words: listed by the filters alone, nothing to explain
        else:
            reason = _text_reason(texts, tokens)
        if item.of:
            reason = partial_reason(item.matched, item.of, reason)
        hits.append(
            OrganizationHit(
                id=org_id,
                kind=OrganizationKind(kind),
                name=_display_name(legal, trade),
                legal_name=legal,
                trade_name=trade,
                siret=siret,
                postal_code=postal,
                city=city,
                commune_insee=insee,
                on_territory=bool(insee) and insee in territory,
                do_not_refer=bool(dnr),
                score=item.score,
                reason=reason,
                matched_capabilities=matched,
                matched_words=item.matched,
                query_words=item.of,
            )
        )
    return hits
