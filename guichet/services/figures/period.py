"""The period every figure is computed over: whole days, end included, with a French label."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from babel.dates import format_date

from guichet.errors import ValidationError
from guichet.reference.dates import LOCALE, format_date_long

MONTH, QUARTER, YEAR, CUSTOM = "month", "quarter", "year", "custom"


def _shift_year(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + years, day=28)


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """``start`` to ``end``, both days included; ``kind`` is month, quarter, year or custom."""

    start: date
    end: date
    label: str = field(compare=False)  # two periods of the same days are the same period
    kind: str = CUSTOM

    @classmethod
    def of_month(cls, year: int, month: int) -> Period:
        first = date(year, month, 1)
        return cls(
            first, _month_end(year, month), format_date(first, "MMMM y", locale=LOCALE), MONTH
        )

    @classmethod
    def of_quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise ValidationError("Le trimestre va de 1 à 4.", field="quarter")
        first_month = 3 * (quarter - 1) + 1
        rank = "1er" if quarter == 1 else f"{quarter}e"
        return cls(
            date(year, first_month, 1),
            _month_end(year, first_month + 2),
            f"{rank} trimestre {year}",
            QUARTER,
        )

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), f"année {year}", YEAR)

    @classmethod
    def custom(cls, start: date, end: date) -> Period:
        if end < start:
            raise ValidationError(
                "La date de fin de la période précède sa date de début.", field="end"
            )
        for kind in (MONTH, QUARTER, YEAR):  # a whole month, quarter or year is named as such
            whole = cls.containing(start, kind)
            if (whole.start, whole.end) == (start, end):
                return whole
        return cls(start, end, f"du {format_date_long(start)} au {format_date_long(end)}")

    @classmethod
    def last_days(cls, day: date, days: int) -> Period:
        """The ``days`` days ending on ``day`` (Accueil: the last 90 days)."""
        return cls(day - timedelta(days=days - 1), day, f"{days} derniers jours")

    @classmethod
    def containing(cls, day: date, kind: str) -> Period:
        """The month, quarter or year holding ``day``."""
        if kind == MONTH:
            return cls.of_month(day.year, day.month)
        if kind == QUARTER:
            return cls.of_quarter(day.year, (day.month - 1) // 3 + 1)
        if kind == YEAR:
            return cls.of_year(day.year)
        raise ValidationError(f"Type de période inconnu : {kind}.", field="kind")

    def previous_year(self) -> Period:
        """The same period a year before (for comparison)."""
        if self.kind == MONTH:
            return Period.of_month(self.start.year - 1, self.start.month)
        if self.kind == QUARTER:
            return Period.of_quarter(self.start.year - 1, (self.start.month - 1) // 3 + 1)
        if self.kind == YEAR:
            return Period.of_year(self.start.year - 1)
        return Period.custom(_shift_year(self.start, -1), _shift_year(self.end, -1))

    @property
    def start_at(self) -> datetime:
        """The first instant of the period."""
        return datetime.combine(self.start, time.min)

    @property
    def end_before(self) -> datetime:
        """The first instant after the period (queries use ``< end_before``)."""
        return datetime.combine(self.end + timedelta(days=1), time.min)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def months(self) -> list[date]:
        """The first day of every month the period touches, in order."""
        out = []
        month = date(self.start.year, self.start.month, 1)
        while month <= self.end:
            out.append(month)
            month = _month_end(month.year, month.month) + timedelta(days=1)
        return out

    def contains(self, moment: date | datetime) -> bool:
        day = moment.date() if isinstance(moment, datetime) else moment
        return self.start <= day <= self.end
