"""French typography in letters: the spaces a line must not break at become no-break spaces.

- the space before « : ; ! ? » and before the closing guillemet, the space after the opening
  guillemet;
- the spaces inside a date (« le 5 décembre 2026 », « 1er décembre 2026 »).

Only existing spaces change (U+00A0, drawn by every font and kept by text extraction): a URL,
a time « 10:30 » or text typed without a space stays as typed. Applied when a letter is
rendered; the stored templates and the data stay as typed.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_BEFORE = re.compile(r"[ \t\u202f]+(?=[:;!?»])")
_AFTER = re.compile(r"(?<=«)[ \t\u202f]+")
_DATE = re.compile(
    rf"\b(?:(le|du|au)[ \t]+)?(\d{{1,2}}(?:er)?)[ \t]+({MONTHS})[ \t]+(\d{{4}})\b",
    re.IGNORECASE,
)


def _date(match: re.Match[str]) -> str:
    day = NBSP.join(match.group(2, 3, 4))
    return f"{match[1]}{NBSP}{day}" if match[1] else day


def french_spacing(text: str) -> str:
    """``text`` with no-break spaces where French typography wants them (idempotent)."""
    text = _DATE.sub(_date, text)
    text = _AFTER.sub(NBSP, text)
    return _BEFORE.sub(NBSP, text)
