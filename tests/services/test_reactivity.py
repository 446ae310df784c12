"""Accueil's réactivité: the figures service over the last 90 days, with a fixed clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from guichet.db import Database
from guichet.models import ReferralStatus
from guichet.services.figures import Period, Share, reactivity
from guichet.services.letters import LetterService
from guichet.services.reactivity import load_reactivity
from guichet.services.referrals import ReferralChoice, ReferralService
from tests.services.referral_setup import RECEIVED, build_scene

NOW = datetime(2026, 11, 25, 12, 0)


def test_empty_database_has_no_figures(db: Database) -> None:
    figures = load_reactivity(db, NOW)
    assert figures.median_minutes is None
    assert figures.first_response == Share.of(0, 0)
    assert figures.referral.rate is None
    assert figures.taken_care.rate is None
    assert figures.period == Period(date(2026, 8, 28), date(2026, 11, 25), "90 derniers jours")


def test_figures_for_one_referral(db: Database) -> None:
    scene = build_scene(db)  # received Monday 2 November 2026, 9:00
    service = ReferralService(db)
    first = RECEIVED + timedelta(minutes=40)
    referral_id = service.create(scene.need_id, [ReferralChoice(scene.partner_id)], now=first)[0].id
    LetterService(db).send(referral_id, at=RECEIVED + timedelta(hours=80))  # later than 72 h
    service.change_status(
        referral_id, ReferralStatus.TAKEN_CARE, at=RECEIVED + timedelta(hours=80, days=2)
    )
    figures = load_reactivity(db, NOW)
    assert figures.median_minutes == pytest.approx(40)
    assert figures.first_response == Share.of(1, 1)  # the proposal was its first action
    assert figures.referral == Share.of(0, 1)  # sent after 80 hours
    assert figures.taken_care == Share.of(1, 1)


def test_accueil_and_the_figures_service_agree(demo_db: Database) -> None:
    now = datetime(2026, 11, 20, 10, 30)
    home = load_reactivity(demo_db, now)
    direct = reactivity(demo_db, Period.last_days(now.date(), 90), now=now)
    assert home.figures == direct
    assert home.median_minutes is not None and home.median_minutes >= 0
    for share in (home.first_response, home.referral, home.taken_care):
        assert share.total > 0 and share.rate is not None and 0.0 <= share.rate <= 1.0
