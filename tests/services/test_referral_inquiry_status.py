"""Referring a need follows the same inquiry rules as « informé » and « orienté »."""

from __future__ import annotations

from datetime import datetime, timedelta

from guichet.db import Database
from guichet.models import InquiryStatus, NeedOutcome
from guichet.services.inquiry_actions import set_need_outcome
from guichet.services.inquiry_detail import inquiry_detail
from guichet.services.referrals import ReferralChoice, ReferralService
from tests.services.referral_setup import add_need, build_scene

NOW = datetime(2026, 11, 2, 9, 40)


def test_referring_the_last_open_need_closes_the_inquiry(db: Database) -> None:
    scene = build_scene(db)
    other = add_need(db, scene)
    informed_at = NOW - timedelta(minutes=20)
    set_need_outcome(db, other, NeedOutcome.INFORMED, at=informed_at)
    assert inquiry_detail(db, scene.inquiry_id).status == InquiryStatus.IN_PROGRESS

    ReferralService(db).create(scene.need_id, [ReferralChoice(scene.partner_id)], now=NOW)

    detail = inquiry_detail(db, scene.inquiry_id)
    assert detail.status == InquiryStatus.CLOSED
    assert detail.closed_at == NOW
    assert [n.outcome for n in detail.needs] == [NeedOutcome.REFERRED, NeedOutcome.INFORMED]


def test_referring_one_of_two_needs_keeps_the_inquiry_in_progress(db: Database) -> None:
    scene = build_scene(db)
    add_need(db, scene)

    ReferralService(db).create(scene.need_id, [ReferralChoice(scene.partner_id)], now=NOW)

    detail = inquiry_detail(db, scene.inquiry_id)
    assert detail.status == InquiryStatus.IN_PROGRESS
    assert detail.closed_at is None
    assert detail.first_action_at == NOW
    assert [n.outcome for n in detail.needs] == [NeedOutcome.REFERRED, None]


def test_first_action_keeps_the_earliest_across_inform_and_refer(db: Database) -> None:
    scene = build_scene(db)
    other = add_need(db, scene)
    earlier = NOW - timedelta(minutes=30)
    ReferralService(db).create(scene.need_id, [ReferralChoice(scene.partner_id)], now=NOW)
    set_need_outcome(db, other, NeedOutcome.INFORMED, at=earlier)
    assert inquiry_detail(db, scene.inquiry_id).first_action_at == earlier

    # A later referral (second partner on an already referred need) moves nothing back.
    ReferralService(db).create(
        scene.need_id, [ReferralChoice(scene.other_partner_id)], now=NOW + timedelta(hours=2)
    )
    detail = inquiry_detail(db, scene.inquiry_id)
    assert detail.first_action_at == earlier
    assert detail.status == InquiryStatus.CLOSED


def test_second_referral_keeps_the_need_outcome_date(db: Database) -> None:
    scene = build_scene(db)
    service = ReferralService(db)
    service.create(scene.need_id, [ReferralChoice(scene.partner_id)], now=NOW)
    service.create(
        scene.need_id, [ReferralChoice(scene.other_partner_id)], now=NOW + timedelta(days=1)
    )
    need = inquiry_detail(db, scene.inquiry_id).needs[0]
    assert (need.outcome, need.outcome_at) == (NeedOutcome.REFERRED, NOW)


def test_reopening_a_referred_need_reopens_the_inquiry(db: Database) -> None:
    scene = build_scene(db)
    ReferralService(db).create(scene.need_id, [ReferralChoice(scene.partner_id)], now=NOW)
    assert inquiry_detail(db, scene.inquiry_id).status == InquiryStatus.CLOSED
    assert (
        set_need_outcome(db, scene.need_id, None, at=NOW + timedelta(hours=1))
        == InquiryStatus.IN_PROGRESS
    )
    # Referred again later through the shared rule (it has a referral now).
    assert (
        set_need_outcome(db, scene.need_id, NeedOutcome.REFERRED, at=NOW + timedelta(hours=2))
        == InquiryStatus.CLOSED
    )
