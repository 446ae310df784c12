"""INSEE headcount bands (tranches d'effectif salarié): codes NN, 00, 01 … 53.

An empty value in SIRENE means "not filled in": :func:`headcount_label` returns None for it.
"""

from __future__ import annotations

from guichet.reference.paths import read_rows

#: ``(code, label)`` in INSEE order, from "unité non employeuse" to "10 000 salariés et plus".
HEADCOUNT_BANDS: tuple[tuple[str, str], ...] = tuple(
    (row["code"], row["libelle"]) for row in read_rows("tranches_effectifs.csv")
)

_LABELS = dict(HEADCOUNT_BANDS)

# Smallest and largest number of employees of each band (None: no upper bound).
# fmt: off
_RANGES: dict[str, tuple[int, int | None]] = {
    "NN": (0, 0), "00": (0, 0), "01": (1, 2), "02": (3, 5), "03": (6, 9),
    "11": (10, 19), "12": (20, 49), "21": (50, 99), "22": (100, 199), "31": (200, 249),
    "32": (250, 499), "41": (500, 999), "42": (1000, 1999), "51": (2000, 4999),
    "52": (5000, 9999), "53": (10000, None),
}
# fmt: on


def headcount_label(code: str | None) -> str | None:
    """Label of a band code (``"11"`` → ``"10 à 19 salariés"``); None when empty or unknown."""
    return _LABELS.get((code or "").strip().upper())


def headcount_range(code: str | None) -> tuple[int, int | None] | None:
    """``(min, max)`` employees of a band, ``max`` None for the last one; None when unknown."""
    return _RANGES.get((code or "").strip().upper())


def is_valid_headcount_code(code: str | None) -> bool:
    """True for one of the 16 INSEE band codes."""
    return (code or "").strip().upper() in _LABELS
