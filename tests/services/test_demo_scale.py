"""`guichet demo --echelle N`: N times the activity, over more years, with histories that hold
together (nothing before its inquiry, nothing after now) and the letters of every referral sent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from guichet.db import Database
from guichet.models import Inquiry, Letter, LetterKind, Need, Organization, Referral, ReferralEvent
from guichet.services import letter_archive
from guichet.services.demo import generate_demo
from guichet.services.demo.scale import DemoScale
from tests.conftest import DEMO_NOW


def _count(db: Database, model: Any) -> int:
    with db.unit_of_work(write=False) as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def doubled(db: Database) -> Database:
    generate_demo(db, now=DEMO_NOW, scale=2, letters=True)
    return db


def test_twice_the_demo_has_about_twice_the_activity(doubled: Database, demo_db: Database) -> None:
    for model, low, high in (
        (Inquiry, 1.9, 2.1),
        (Need, 1.7, 2.3),
        (Referral, 1.6, 2.4),
        (Organization, 1.5, 2.1),  # organisations grow as N^0.89: desks see companies again
    ):
        ratio = _count(doubled, model) / _count(demo_db, model)
        assert low <= ratio <= high, (model.__name__, ratio)
    with doubled.unit_of_work(write=False) as s, demo_db.unit_of_work(write=False) as d:
        first = s.scalar(select(func.min(Inquiry.received_at)))
        first_1x = d.scalar(select(func.min(Inquiry.received_at)))
        references = list(s.scalars(select(Inquiry.reference)))
    assert first is not None and first_1x is not None
    assert DEMO_NOW - first > (DEMO_NOW - first_1x) + timedelta(days=180)  # more years
    assert DEMO_NOW - first <= timedelta(days=DemoScale(2).history_days + 1)
    assert len(set(references)) == len(references)


def test_every_history_holds_together(doubled: Database) -> None:
    with doubled.unit_of_work(write=False) as s:
        rows = s.execute(
            select(Inquiry.received_at, Referral.proposed_at, Referral.sent_at, Referral.closed_at)
            .join(Need, Need.inquiry_id == Inquiry.id)
            .join(Referral, Referral.need_id == Need.id)
        ).all()
        events = s.execute(
            select(Inquiry.received_at, ReferralEvent.at)
            .join(Need, Need.inquiry_id == Inquiry.id)
            .join(Referral, Referral.need_id == Need.id)
            .join(ReferralEvent, ReferralEvent.referral_id == Referral.id)
        ).all()
        inquiries = s.execute(
            select(Inquiry.received_at, Inquiry.first_action_at, Inquiry.closed_at)
        ).all()
    assert rows and events
    for received, proposed, sent, closed in rows:
        assert received <= proposed <= DEMO_NOW  # no referral before its inquiry
        assert sent is None or proposed <= sent <= DEMO_NOW
        assert closed is None or (sent is not None and sent <= closed <= DEMO_NOW)
    assert all(received <= at <= DEMO_NOW for received, at in events)
    for received, first_action, closed in inquiries:
        assert first_action is None or received <= first_action
        assert closed is None or (first_action is not None and first_action <= closed)


def test_every_sent_referral_has_its_pair_of_letters(doubled: Database) -> None:
    with doubled.unit_of_work(write=False) as s:
        sent = {
            referral_id: sent_at
            for referral_id, sent_at in s.execute(
                select(Referral.id, Referral.sent_at).where(Referral.sent_at.is_not(None))
            )
        }
        letters = s.execute(
            select(Letter.referral_id, Letter.kind, Letter.sent_at, Letter.pdf_sha256)
        ).all()
        sizes = {key: len(letter_archive.load(doubled, s, key)) for key in {x[3] for x in letters}}
    assert len(letters) == 2 * len(sent)
    assert {(r, k) for r, k, _, _ in letters} == {
        (r, k) for r in sent for k in (LetterKind.TO_COMPANY, LetterKind.TO_PARTNER)
    }
    for referral_id, _kind, sent_at, key in letters:
        assert referral_id is not None and sent_at == sent[referral_id]
        assert sizes[key] > 10_000  # a real PDF, rendered once and archived under each referral


def test_the_scale_is_bounded() -> None:
    assert DemoScale(1).organizations(60) == 60 and DemoScale(1).history_days == 548
    assert DemoScale(100).activity(300) == 30_000
    assert DemoScale(100).organizations(150) == 9_000
    assert DemoScale(100).history_days == 3650
    with pytest.raises(ValueError):
        DemoScale(0)
