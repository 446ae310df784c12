"""INSEE legal categories, level III (4 digits: 5499 SARL, 5710 SAS, 6540 SCI…)."""

from __future__ import annotations

from functools import cache

from guichet.reference.paths import read_rows


@cache
def _labels() -> dict[str, str]:
    return {row["code"]: row["libelle"] for row in read_rows("categories_juridiques_n3.csv")}


def legal_form_label(code: str | None) -> str | None:
    """Label of a 4-digit category (``"5710"`` → ``"SAS, société par actions simplifiée"``)."""
    return _labels().get((code or "").strip())


def all_legal_forms() -> list[tuple[str, str]]:
    """The 260 categories as ``(code, label)``, by code."""
    return sorted(_labels().items())
