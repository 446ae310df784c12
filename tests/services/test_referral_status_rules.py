"""Every (old, new) referral status pair against the documented rules, on both engines.

The rules (DOMAIN.md « Lifecycles », README « Relances »): proposée → envoyée (only by sending
the letters) or close sans aide; envoyée → prise en charge | refusée (reason required) |
injoignable | expirée | close sans aide; prise en charge → aboutie | close sans aide |
injoignable; a late answer reopens an injoignable or expirée referral (→ prise en charge);
aboutie, close sans aide and refusée are final. The table below is written from those rules,
not from the code: a change in the service that breaks one shows up here.
"""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest
from sqlalchemy import select

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import Referral, ReferralEvent, ReferralStatus
from guichet.services.letters import LetterService
from guichet.services.referrals import ReferralChoice, ReferralService, allowed_transitions
from tests.services.referral_setup import Scene, add_need, build_scene

S = ReferralStatus
NOW = datetime(2026, 11, 2, 9, 40)
LATER = datetime(2026, 11, 20, 9, 0)
P, E, T, A, C, U, R, X = (
    S.PROPOSED,
    S.SENT,
    S.TAKEN_CARE,
    S.SUCCEEDED,
    S.CLOSED_NO_HELP,
    S.UNREACHABLE,
    S.REFUSED,
    S.EXPIRED,
)
#: old → the statuses a counsellor may choose next (« Changer le statut… »).
BY_HAND: dict[ReferralStatus, set[ReferralStatus]] = {
    P: {C},
    E: {T, R, U, X, C},
    T: {A, C, U},
    U: {T},  # a late answer reopens it
    X: {T},  # a late answer reopens it
    A: set(),
    C: set(),
    R: set(),  # a refusal is final: the partner said no
}
FINAL = {A, C, R}
PAIRS = list(itertools.product(list(S), list(S)))


def _referral_in(db: Database, scene: Scene, status: ReferralStatus) -> int:
    """A referral (on a need of its own) sent through its letters, then forced to ``status``."""
    need_id = add_need(db, scene)
    referral_id = (
        ReferralService(db).create(need_id, [ReferralChoice(scene.partner_id)], now=NOW)[0].id
    )
    if status != P:
        LetterService(db).send(referral_id, at=NOW)
    with db.unit_of_work() as s:
        referral = s.get(Referral, referral_id)
        assert referral is not None
        referral.status = status
        referral.closed_at = NOW if status in {A, C, U, R, X} else None
    return referral_id


def test_the_table_covers_every_status() -> None:
    assert set(BY_HAND) == set(S) and len(PAIRS) == 64
    for old in S:
        assert set(allowed_transitions(old)) == BY_HAND[old], old


@pytest.mark.parametrize("old", list(S), ids=lambda s: s.value)
def test_every_pair_follows_the_rules(portable_db: Database, old: ReferralStatus) -> None:
    service = ReferralService(portable_db)
    scene = build_scene(portable_db)
    for new in S:
        referral_id = _referral_in(portable_db, scene, old)
        allowed = new in BY_HAND[old]
        if not allowed:
            with pytest.raises(ValidationError):
                service.change_status(referral_id, new, reason="motif", at=LATER)
            row = service.get(referral_id)
            assert row.status == old, (old, new)
            with portable_db.unit_of_work() as s:
                events = s.scalars(
                    select(ReferralEvent).where(
                        ReferralEvent.referral_id == referral_id,
                        ReferralEvent.at == LATER,
                    )
                ).all()
                assert events == [], (old, new)  # a refused change leaves no trace
            continue
        row = service.change_status(referral_id, new, reason="motif", at=LATER)
        assert row.status == new, (old, new)
        if new in FINAL or new in {U, X}:
            assert row.closed_at == LATER, (old, new)
        if new == T:
            assert row.closed_at is None and row.taken_care_at == LATER, (old, new)


def test_sent_comes_only_from_the_letters(db: Database) -> None:
    referral_id = _referral_in(db, build_scene(db), P)
    with pytest.raises(ValidationError, match="imprimés ou marqués envoyés"):
        ReferralService(db).change_status(referral_id, E)
    LetterService(db).send(referral_id, at=NOW)
    assert ReferralService(db).get(referral_id).status == E


def test_a_refusal_needs_a_reason_even_when_allowed(db: Database) -> None:
    referral_id = _referral_in(db, build_scene(db), E)
    with pytest.raises(ValidationError, match="motif du refus"):
        ReferralService(db).change_status(referral_id, R, reason="  ")
    assert ReferralService(db).get(referral_id).status == E
