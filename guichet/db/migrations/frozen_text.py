"""Frozen text folding for the migrations: ``fold`` and ``words`` as they were at revisions
0002 and 0003 (copies of ``guichet.reference.text`` at those revisions).

A migration must give the same result forever, whatever the application's code becomes, so it
imports no live guichet module; the migrations that fold text share this one frozen copy
instead of each carrying its own. Never change it: a migration needing another folding gets a
new frozen module of its own (``tests/db/test_frozen_migrations.py`` checks this one still
matches the revisions it serves, and that it imports nothing from guichet).
"""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not decompose, folded the way a French reader expects.
# fmt: off
_SPECIAL: dict[str, str] = {
    "æ": "ae", "œ": "oe", "ß": "ss", "ð": "d", "þ": "th", "ø": "o", "đ": "d", "ħ": "h",
    "ı": "i", "ĸ": "k", "ŀ": "l", "ł": "l", "ŉ": "'n", "ŋ": "n", "ŧ": "t", "ſ": "s",
    "ƀ": "b", "ƒ": "f", "ǥ": "g", "ȷ": "j", "ɇ": "e",
    # Typography pasted from word processors.
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "«": '"', "»": '"', "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2026": "...", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ",
}
# fmt: on

_LETTER_NAME = re.compile(
    r"^LATIN (?:SMALL|CAPITAL) (?:LETTER|LIGATURE) (?:\w+ )*?([A-Z]{1,2})(?: WITH .*)?$"
)
_WORD = re.compile(r"[^\W_]+")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fold_char(char: str) -> str | None:
    """Fold one character of the Latin blocks, or None when there is no ASCII rendering."""
    lower = char.lower()
    if lower in _SPECIAL:
        return _SPECIAL[lower]
    stripped = _strip_marks(lower)
    if stripped.isascii():
        return stripped
    if len(stripped) == 1 and stripped in _SPECIAL:
        return _SPECIAL[stripped]
    if stripped.endswith("\u00b7"):  # Catalan "l·l": keep the letter, drop the dot
        head = stripped[:-1]
        return head if head.isascii() else None
    match = _LETTER_NAME.match(unicodedata.name(char, ""))
    return match.group(1).lower() if match else None


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    blocks = (range(0x00A0, 0x02B0), range(0x1E00, 0x1F00), range(0x2C60, 0x2C80))
    for code in (code for block in blocks for code in block):
        char = chr(code)
        folded = _fold_char(char)
        if folded is None:
            continue
        # ``fold`` lowers before translating: map the lower-case form too (Ɓ → ɓ → b).
        for variant in {char, char.lower()}:
            if len(variant) == 1 and variant != folded:
                table.setdefault(ord(variant), folded)
    for code in range(0x0300, 0x0370):  # combining marks typed or pasted in decomposed form
        table[code] = ""
    for char, folded in _SPECIAL.items():
        table[ord(char)] = folded
    return table


_TABLE = _build_table()


def fold(text: str) -> str:
    """Fold text for comparison: lower case, no accents, ligatures expanded, single spaces.

    >>> fold("  Œuvre   SOCIALE de l’Hôpital ")
    "oeuvre sociale de l'hopital"

    Latin letters (Latin-1 and Latin Extended-A) always fold to ASCII. ``fold`` is idempotent.
    """
    if text.isascii():
        return " ".join(text.lower().split())
    folded = text.lower().translate(_TABLE)
    if not folded.isascii():
        folded = _strip_marks(folded).lower().translate(_TABLE)
    return " ".join(folded.split())


def words(text: str) -> list[str]:
    """Split folded text into words of letters and digits.

    >>> words("Port-Jérôme-sur-Seine, l'usine")
    ['port', 'jerome', 'sur', 'seine', 'l', 'usine']
    """
    return _WORD.findall(fold(text))
