"""Checks of the network goal's settings (declared in services/settings.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from guichet.errors import ValidationError

#: The cluster's trades: mechanics (24, 25, 28, 29.3, 33.1), electronics (26, 27), plastics
#: (22.2) and hydrogen-related work (20.11, industrial gases). Beginnings of NAF codes.
FIT_NAF_CODES = ("22.2", "24", "25", "26", "27", "28", "29.3", "33.1", "20.11")
FIT_CAPABILITIES = (
    "Mécanique",
    "Chaudronnerie",
    "Soudure",
    "Électronique",
    "Plasturgie",
    "Hydrogène",
    "Automatisme",
    "Traitement de surface",
    "Fabrication additive",
)
SCOPES = {"territory": "sur le territoire", "everywhere": "partout"}


def validate_scope(value: Any) -> None:
    if value not in SCOPES:
        raise ValidationError("indiquez « territory » (le territoire) ou « everywhere » (partout).")


def parse_goal_date(value: str) -> date | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(f"date « {text} » illisible : écrivez AAAA-MM-JJ.") from exc


def validate_goal_date(value: Any) -> None:
    parse_goal_date(str(value))
