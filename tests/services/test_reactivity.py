"""Réactivité figures with a fixed clock."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from guichet.db import Database
from guichet.models import Inquiry, ReferralStatus
from guichet.services.letters import LetterService
from guichet.services.reactivity import load_reactivity
from guichet.services.referrals import ReferralChoice, ReferralService
from tests.services.referral_setup import RECEIVED, build_scene

NOW = datetime(2026, 11, 25, 12, 0)


def test_empty_database_has_no_figures(db: Database) -> None:
    figures = load_reactivity(db, NOW)
    assert figures.median_minutes is None
    assert figures.referred_within_72h is None
    assert figures.taken_care_within_5d is None


def test_figures_for_one_referral(db: Database) -> None:
    scene = build_scene(db)
    service = ReferralService(db)
    first = RECEIVED + timedelta(minutes=40)
    referral_id = service.create(scene.need_id, [ReferralChoice(scene.partner_id)], now=first)[0].id
    LetterService(db).send(referral_id, at=RECEIVED + timedelta(hours=80))  # later than 72 h
    service.change_status(
        referral_id, ReferralStatus.TAKEN_CARE, at=RECEIVED + timedelta(hours=80, days=2)
    )
    figures = load_reactivity(db, NOW)
    assert figures.median_minutes == pytest.approx(40)
    assert (figures.referred_within_72h, figures.referred_count) == (0.0, 1)
    assert (figures.taken_care_within_5d, figures.taken_care_count) == (1.0, 1)


def test_other_months_do_not_count_in_the_median(db: Database) -> None:
    scene = build_scene(db)
    with db.unit_of_work() as s:
        inquiry = s.get(Inquiry, scene.inquiry_id)
        assert inquiry is not None
        inquiry.first_action_at = RECEIVED + timedelta(minutes=10)
    assert load_reactivity(db, NOW).median_count == 1
    assert load_reactivity(db, datetime(2026, 12, 3)).median_count == 0


def test_demo_figures_are_shares(demo_db: Database) -> None:
    figures = load_reactivity(demo_db, datetime(2026, 11, 20, 10, 30))
    assert figures.median_minutes is not None and figures.median_minutes >= 0
    for share in (figures.referred_within_72h, figures.taken_care_within_5d):
        assert share is not None and 0.0 <= share <= 1.0
