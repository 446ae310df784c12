"""Communes of Seine-Maritime (COG 2026) with postal codes and EPCI, and the desk's territory.

Only current communes (``commune-actuelle``) are returned. The names and former INSEE codes of
communes déléguées and associées (e.g. Notre-Dame-de-Gravenchon, now part of
Port-Jérôme-sur-Seine) resolve to their current commune, since SIRENE and people still use them.
Communes outside the département are unknown here: lookups return None or an empty list.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass
from functools import cache

from guichet.reference.paths import read_rows
from guichet.reference.text import words

#: SIREN of CA Caux Seine Agglo, the default territory.
DEFAULT_TERRITORY_EPCI = "200010700"

_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_SUR = re.compile(r"(^|[\s\-])s/", re.IGNORECASE)
_TRAILING_ARTICLE = re.compile(r"^(.*)\(\s*(le|la|les|l')\s*\)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Commune:
    """A current commune."""

    insee: str
    name: str
    postal_codes: tuple[str, ...]
    epci_siren: str
    epci_name: str
    departement: str
    #: INSEE legal population (COG 2026 file); 0 when not given
    population: int = 0


def name_key(name: str) -> str:
    """Comparison key of a commune name: no accents, case, hyphens; ``St`` = ``Saint``.

    ``"ST-ROMAIN-DE-COLBOSC"``, ``"Saint Romain de Colbosc"`` and ``"Havre (Le)"`` /
    ``"Le Havre"`` give the same keys.
    """
    text = _SUR.sub(r"\1 sur ", name or "")
    match = _TRAILING_ARTICLE.match(text)
    if match:
        text = f"{match[2]} {match[1]}"
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words(text))


@dataclass(frozen=True, slots=True)
class _Tables:
    by_insee: dict[str, Commune]
    former_codes: dict[str, str]  # former or délégué INSEE code -> current code
    by_name: dict[str, list[Commune]]  # name key -> communes (current names first)
    by_postal_code: dict[str, list[Commune]]


@cache
def _tables() -> _Tables:
    rows = read_rows("communes_76.csv")
    by_insee: dict[str, Commune] = {}
    for row in rows:
        if row["type"] == "commune-actuelle":
            by_insee[row["code_insee"]] = Commune(
                insee=row["code_insee"],
                name=row["nom"],
                postal_codes=tuple(p for p in row["codes_postaux"].split("|") if p),
                epci_siren=row["siren_epci"],
                epci_name=row["nom_epci"],
                departement=row["code_departement"],
                population=int(row.get("population_insee") or 0),
            )
    former: dict[str, str] = {}
    by_name: dict[str, list[Commune]] = {}
    for commune in by_insee.values():
        by_name.setdefault(name_key(commune.name), []).append(commune)
    for row in rows:
        if row["type"] == "commune-actuelle":
            for old in filter(None, row["anciens_codes"].split("|")):
                former.setdefault(old, row["code_insee"])
            continue
        parent = by_insee.get(row["code_commune_parent"])
        if parent is None:
            continue
        if row["code_insee"] not in by_insee:  # also in anciens_codes in the 2026 data
            former.setdefault(row["code_insee"], parent.insee)
        bucket = by_name.setdefault(name_key(row["nom"]), [])
        if parent not in bucket:
            bucket.append(parent)
    by_cp: dict[str, list[Commune]] = {}
    by_size = sorted(by_insee.values(), key=lambda c: (-c.population, name_key(c.name)))
    for commune in by_size:
        for postal_code in commune.postal_codes:
            by_cp.setdefault(postal_code, []).append(commune)
    return _Tables(by_insee, former, by_name, by_cp)


def current_insee(insee: str) -> str | None:
    """The current INSEE code for a current, délégué or former code; None when unknown."""
    code = (insee or "").strip().upper()
    tables = _tables()
    if code in tables.by_insee:
        return code
    return tables.former_codes.get(code)


def commune(insee: str) -> Commune | None:
    """The current commune of an INSEE code (former and délégué codes resolved)."""
    code = current_insee(insee)
    return _tables().by_insee[code] if code else None


def all_communes() -> list[Commune]:
    """The 707 current communes of Seine-Maritime, by INSEE code."""
    return sorted(_tables().by_insee.values(), key=lambda c: c.insee)


def communes_for_postal_code(postal_code: str) -> list[Commune]:
    """Communes served by a postal code, most populous first, then by name (``"76400"`` →
    Fécamp, Saint-Léonard, Froberville…): the likeliest one is proposed first."""
    return list(_tables().by_postal_code.get((postal_code or "").strip(), []))


def commune_by_name(name: str, postal_code: str | None = None) -> Commune | None:
    """Find a commune by name, ignoring accents, case, hyphens and ``St``/``Saint``.

    Names of communes déléguées resolve to their current commune. With ``postal_code``, only
    a commune served by that code is returned.
    """
    candidates = _tables().by_name.get(name_key(name), [])
    if postal_code:
        wanted = postal_code.strip()
        candidates = [c for c in candidates if wanted in c.postal_codes]
    return candidates[0] if candidates else None


def postal_code_matches_commune(postal_code: str, insee: str) -> bool:
    """True when ``postal_code`` serves the commune. False for unknown communes and CEDEX codes
    (which are not in La Poste's open base): use it for a warning, never to block."""
    found = commune(insee)
    return found is not None and (postal_code or "").strip() in found.postal_codes


@cache
def territory_insee_codes() -> frozenset[str]:
    """INSEE codes of the 50 communes of CA Caux Seine Agglo (the default territory)."""
    return frozenset(row["code_insee"] for row in read_rows("caux_seine_agglo_communes.csv"))


def epci_insee_codes(epci_siren: str) -> frozenset[str]:
    """INSEE codes of the communes of an EPCI, to use as another territory."""
    return frozenset(c.insee for c in _tables().by_insee.values() if c.epci_siren == epci_siren)


def is_on_territory(insee: str, territory: Set[str] | None = None) -> bool:
    """True when the commune (current, délégué or former code) is in ``territory``.

    Args:
        insee: INSEE code of the commune.
        territory: set of current INSEE codes; Caux Seine Agglo by default.
    """
    codes = territory_insee_codes() if territory is None else territory
    code = (insee or "").strip()
    return code in codes or (current_insee(code) or "") in codes


@cache
def _epcis() -> tuple[tuple[str, str], ...]:
    rows = read_rows("epci_76.csv")
    return tuple(sorted(((r["siren_epci"], r["nom"]) for r in rows), key=lambda i: name_key(i[1])))


def epcis() -> list[tuple[str, str]]:
    """EPCI with communes in Seine-Maritime as ``(siren, name)``, by name."""
    return list(_epcis())


@cache
def _departements() -> dict[str, str]:
    return {row["code_departement"]: row["nom"] for row in read_rows("departements.csv")}


def departement_name(code: str) -> str | None:
    """Name of a département (``"76"`` → ``"Seine-Maritime"``, ``"2A"``, ``"974"``)."""
    return _departements().get((code or "").strip().upper())
