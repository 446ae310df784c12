"""Checks of the network goal's settings (declared in services/settings.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from guichet.errors import ValidationError

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
