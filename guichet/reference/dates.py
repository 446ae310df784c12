"""French dates and numbers with Babel (« Lillebonne, le 29 novembre 2026 »)."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent

LOCALE = "fr_FR"


def format_date_long(day: date) -> str:
    """« 1er décembre 2026 » style: French long form."""
    text = format_date(day, format="d MMMM y", locale=LOCALE)
    return text.replace("1 ", "1er ", 1) if day.day == 1 else text


def format_date_short(day: date) -> str:
    return format_date(day, format="dd/MM/y", locale=LOCALE)


def format_datetime_short(moment: datetime) -> str:
    return format_datetime(moment, format="dd/MM/y HH:mm", locale=LOCALE)


def place_and_date(city: str, day: date) -> str:
    """The dateline of a letter: « Lillebonne, le 29 novembre 2026 »."""
    return f"{city}, le {format_date_long(day)}" if city else f"Le {format_date_long(day)}"


def format_number(value: float, digits: int = 0) -> str:
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def format_share(value: float) -> str:
    """A share in [0, 1] as « 81 % »."""
    return format_percent(value, format="#,##0 %", locale=LOCALE)


def format_month_short(day: date) -> str:
    """« déc. 2026 »: a month, for charts and monthly tables."""
    return format_date(day, format="MMM y", locale=LOCALE)
