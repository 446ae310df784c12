"""Postal addresses laid out per AFNOR NF Z10-011 (French postal address standard).

Lines: 1 recipient name, 2 person or department, 3 building / zone, 4 number and street,
5 lieu-dit / BP, 6 postal code and town, then the country for foreign addresses. Empty lines
are dropped. Lines 1–3 are kept as typed; lines 4–6 and the country line are written in capitals
without accents or punctuation, "bis"/"ter" shortened to "B"/"T". Line 6 follows La Poste's
"libellé d'acheminement" (hyphens and apostrophes become spaces: ``76330 PORT JEROME SUR SEINE``).
Problems give French warnings; nothing blocks, the counsellor decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from guichet.reference.text import upper_ascii

MAX_LINE_LENGTH = 38
MAX_LINES = 6
MAX_LINES_ABROAD = 7

_DOMESTIC_COUNTRIES = frozenset(("", "FRANCE", "FR", "FRA", "REPUBLIQUE FRANCAISE"))
# Punctuation removed from lines 4-6 (replaced by a space); "-" and "'" survive on lines 4-5.
_PUNCTUATION = re.compile(r"""[,.;:!?"()\[\]{}<>«»/\\*°_|+=~^#@%$]""")
_REPETITION = {"BIS": "B", "TER": "T", "QUATER": "Q", "QUINQUIES": "C"}
_REPETITION_WORD = re.compile(r"\b(\d+)\s*(BIS|TER|QUATER|QUINQUIES)\b")
_REPETITION_LETTER = re.compile(r"\b(\d+)([BTQC])\b")


@dataclass(frozen=True, slots=True)
class PostalAddress:
    """An address as typed. ``country`` empty (or France) means a domestic address."""

    name: str
    person: str = ""
    building: str = ""
    street: str = ""
    locality: str = ""
    postal_code: str = ""
    town: str = ""
    country: str = ""

    @property
    def is_abroad(self) -> bool:
        """True when the country is set and is not France."""
        return upper_ascii(self.country) not in _DOMESTIC_COUNTRIES


@dataclass(frozen=True, slots=True)
class AddressResult:
    """The lines to print and the (non-blocking) French warnings."""

    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The lines joined by newlines."""
        return "\n".join(self.lines)


def _free_lines(text: str) -> list[str]:
    return [" ".join(part.split()) for part in (text or "").splitlines() if part.strip()]


def _postal_lines(text: str, *, delivery: bool = False) -> list[str]:
    lines = []
    for part in (text or "").splitlines():
        line = _PUNCTUATION.sub(" ", upper_ascii(part))
        if delivery:
            line = line.replace("-", " ").replace("'", " ")
        line = " ".join(line.split())
        if line:
            lines.append(line)
    return lines


def _street_lines(text: str) -> list[str]:
    lines = []
    for line in _postal_lines(text):
        line = _REPETITION_WORD.sub(lambda m: f"{m[1]} {_REPETITION[m[2]]}", line)
        lines.append(_REPETITION_LETTER.sub(r"\1 \2", line))
    return lines


def address_lines(address: PostalAddress) -> AddressResult:
    """Lay out an address for an envelope window or a letter head.

    >>> address_lines(PostalAddress("Sotraban", street="12 bis, rue de l'Église",
    ...                              postal_code="76170", town="Lillebonne")).lines
    ['Sotraban', "12 B RUE DE L'EGLISE", '76170 LILLEBONNE']
    """
    warnings: list[str] = []
    abroad = address.is_abroad
    postal_code = " ".join((address.postal_code or "").split())
    if not abroad:
        postal_code = postal_code.replace(" ", "")

    lines = _free_lines(address.name)
    if not lines:
        warnings.append("Nom du destinataire manquant.")
    lines += _free_lines(address.person) + _free_lines(address.building)
    # Abroad, the destination country's conventions apply: no "bis" → "B" rewriting.
    street = _postal_lines(address.street) if abroad else _street_lines(address.street)
    locality = _postal_lines(address.locality)
    lines += street + locality
    town_line = " ".join(_postal_lines(f"{postal_code} {address.town}", delivery=True))
    if town_line:
        lines.append(town_line)
    if abroad:
        lines += _postal_lines(address.country)

    if not street and not locality:
        warnings.append("Ni voie ni lieu-dit : le courrier risque de ne pas être distribué.")
    if not abroad:
        if not postal_code:
            warnings.append("Code postal manquant.")
        elif not re.fullmatch(r"\d{5}", postal_code):
            warnings.append(f"Code postal « {postal_code} » : 5 chiffres attendus.")
    if not (address.town or "").strip():
        warnings.append("Commune manquante.")
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_LENGTH:
            warnings.append(f"Ligne {number} : {len(line)} caractères ({MAX_LINE_LENGTH} au plus).")
    limit = MAX_LINES_ABROAD if abroad else MAX_LINES
    if len(lines) > limit:
        warnings.append(f"L'adresse compte {len(lines)} lignes ({limit} au plus).")
    return AddressResult(lines=lines, warnings=warnings)


def delivery_problems(address: PostalAddress) -> list[str]:
    """What keeps La Poste from delivering a letter to ``address`` (empty when deliverable).

    A deliverable block has a street or a lieu-dit / BP line, and a postal code with a town (a
    town alone abroad).
    """
    missing = []
    if not (address.street or "").strip() and not (address.locality or "").strip():
        missing.append("ni rue ni lieu-dit ou boîte postale")
    if not address.is_abroad and not (address.postal_code or "").strip():
        missing.append("pas de code postal")
    if not (address.town or "").strip():
        missing.append("pas de commune")
    return missing
