"""Text folding shared by search, name matching and address normalisation.

``fold`` is called for every row the search engine indexes, so the common case is fast: pure
ASCII goes through ``str.lower``/``split`` only, and Latin letters go through one
``str.translate`` with a table computed once at import. Only text still non-ASCII after that
(Greek, Cyrillic, rare symbols) pays for a full ``unicodedata`` pass.
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


def upper_ascii(text: str) -> str:
    """Capitals without accents, single spaces (``"Rue de l'Église"`` → ``"RUE DE L'EGLISE"``)."""
    return fold(text).upper()


# Characters no stored text keeps: C0 and C1 controls (but tab and the line breaks, handled
# below), DEL, lone surrogates and the two non-characters XML refuses.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Every line boundary ``str.splitlines`` knows: CRLF, LF, CR, VT, FF, FS, GS, RS, NEL, LS, PS.
_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def clean_text(text: str, *, multiline: bool = False) -> str:
    """Text as it may be stored and written to any file: no control characters.

    Control characters are removed; line breaks of every kind become ``\\n`` in a multi-line
    field (a description, a note) and a space in a one-line field (a name, a city), like tabs.
    Printable text comes back unchanged (and fast: one ``isprintable`` call).

    >>> clean_text("Usinage\\x0bLefèbvre\\u2028SARL\\x00")
    'Usinage Lefèbvre SARL'
    >>> clean_text("Ligne 1\\r\\nLigne 2\\x85fin", multiline=True)
    'Ligne 1\\nLigne 2\\nfin'
    """
    if text.isprintable():
        return text
    text = _LINE_BREAKS.sub("\n" if multiline else " ", _CONTROLS.sub("", text))
    return text if multiline else text.replace("\t", " ")


def clean_optional(text: str | None, *, multiline: bool = False) -> str | None:
    """:func:`clean_text` of a value that may be missing."""
    return None if text is None else clean_text(text, multiline=multiline)
