"""Réactivité on the home page: the figures of DOMAIN.md over the last 90 days, from the one
source of figures (services/figures), and the opportunities' time to relay.

- median working minutes from an inquiry's arrival to its first action;
- première réponse sous 72 h (all inquiries), mise en relation sous 72 h (inquiries with a
  referral), prise en charge sous 5 jours (referrals sent).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from guichet.db import Database
from guichet.services.figures import Period, ReactivityFigures, Share, reactivity
from guichet.services.opportunity_figures import time_to_relay

WINDOW_DAYS = 90


@dataclass(frozen=True)
class Reactivity:
    figures: ReactivityFigures
    # opportunities: working minutes from arrival to first relay (opportunity_figures)
    relay_median_minutes: float | None = None
    relay_within_hour: float | None = None
    relay_count: int = 0

    @property
    def period(self) -> Period:
        return self.figures.period

    @property
    def median_minutes(self) -> float | None:
        return self.figures.median_minutes

    @property
    def first_response(self) -> Share:
        return self.figures.first_response

    @property
    def referral(self) -> Share:
        return self.figures.referral

    @property
    def taken_care(self) -> Share:
        return self.figures.taken_care


def home_period(now: datetime) -> Period:
    return Period.last_days(now.date(), WINDOW_DAYS)


def load_reactivity(db: Database, now: datetime) -> Reactivity:
    period = home_period(now)
    relay = time_to_relay(db, period.start_at, now)
    return Reactivity(
        figures=reactivity(db, period, now=now),
        relay_median_minutes=relay.median_minutes,
        relay_within_hour=relay.within_goal,
        relay_count=relay.count,
    )
