"""Follow-ups due, computed with a fixed clock."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from guichet.db import Database
from guichet.models import ReferralStatus
from guichet.services.followups import Stage, due_referrals
from guichet.services.letters import LetterService
from guichet.services.referrals import ReferralChoice, ReferralService
from guichet.services.settings import SettingsService
from tests.services.referral_setup import build_scene

SENT = datetime(2026, 11, 3, 10, 0)  # D+9 = 12/11, D+21 = 24/11, D+45 = 18/12


def _sent_referral(db: Database) -> int:
    scene = build_scene(db)
    service = ReferralService(db)
    referral_id = service.create(scene.need_id, [ReferralChoice(scene.partner_id)], now=SENT)[0].id
    LetterService(db).send(referral_id, at=SENT)
    return referral_id


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 11), None),
        (date(2026, 11, 12), Stage.FOLLOW_UP),
        (date(2026, 11, 23), Stage.FOLLOW_UP),
        (date(2026, 11, 24), Stage.LAST_CHANCE),
        (date(2026, 12, 17), Stage.LAST_CHANCE),
        (date(2026, 12, 18), Stage.EXPIRY),
    ],
)
def test_stage_by_day(db: Database, today: date, expected: Stage | None) -> None:
    _sent_referral(db)
    due = due_referrals(db, today)
    assert [d.stage for d in due] == ([expected] if expected else [])


def test_a_logged_follow_up_clears_the_stage_until_the_next(db: Database) -> None:
    referral_id = _sent_referral(db)
    ReferralService(db).log_follow_up(referral_id, "call", at=datetime(2026, 11, 13, 9, 0))
    assert due_referrals(db, date(2026, 11, 20)) == []
    due = due_referrals(db, date(2026, 11, 26))
    assert [(d.stage, d.due_on, d.days_late) for d in due] == [
        (Stage.LAST_CHANCE, date(2026, 11, 24), 2)
    ]


def test_answered_referrals_are_not_due(db: Database) -> None:
    referral_id = _sent_referral(db)
    ReferralService(db).change_status(
        referral_id, ReferralStatus.TAKEN_CARE, at=datetime(2026, 11, 5)
    )
    assert due_referrals(db, date(2026, 12, 30)) == []


def test_delays_come_from_the_settings(db: Database) -> None:
    SettingsService(db).update({"delays.follow_up_days": 3})
    _sent_referral(db)
    assert [d.stage for d in due_referrals(db, date(2026, 11, 6))] == [Stage.FOLLOW_UP]


def test_demo_has_work_due_and_stage_filter(demo_db: Database) -> None:
    today = date(2026, 11, 20)
    due = due_referrals(demo_db, today)
    assert due, "the demo data set has referrals waiting for an answer"
    assert all(d.referral.status == ReferralStatus.SENT for d in due)
    assert all(d.due_on <= today for d in due)
    only = due_referrals(demo_db, today, stages=frozenset({Stage.FOLLOW_UP}))
    assert all(d.stage == Stage.FOLLOW_UP for d in only)
