"""Creating referrals and moving them through their closed loop."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import (
    AuditEntry,
    Inquiry,
    InquiryStatus,
    Need,
    NeedOutcome,
    Organization,
    Referral,
    ReferralEvent,
    ReferralStatus,
)
from guichet.services.letters import LetterService
from guichet.services.referrals import (
    TRANSITIONS,
    ReferralChoice,
    ReferralService,
    allowed_transitions,
)
from tests.services.referral_setup import build_scene

NOW = datetime(2026, 11, 2, 9, 40)
S = ReferralStatus


def test_creating_a_referral_stamps_the_need_and_inquiry(db: Database) -> None:
    scene = build_scene(db)
    rows = ReferralService(db).create(
        scene.need_id,
        [ReferralChoice(scene.partner_id, scene.contact_id, "Prêt d'honneur")],
        now=NOW,
    )
    assert [r.status for r in rows] == [S.PROPOSED]
    assert rows[0].reference == f"D-2026-0042-{rows[0].id}"
    assert rows[0].contact == "Mme Anne Leroux"
    with db.unit_of_work() as s:
        need = s.get(Need, scene.need_id)
        inquiry = s.get(Inquiry, scene.inquiry_id)
        assert need is not None and inquiry is not None
        assert need.outcome == NeedOutcome.REFERRED
        assert inquiry.first_action_at == NOW
        # Its only need now has an outcome: the inquiry closes, as with « informé » (issue 6).
        assert inquiry.status == InquiryStatus.CLOSED
        events = s.scalars(
            select(ReferralEvent).where(ReferralEvent.referral_id == rows[0].id)
        ).all()
        assert [(e.kind, e.new_status) for e in events] == [("created", "proposed")]
        audited = s.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == "referral", AuditEntry.record_id == rows[0].id
            )
        ).all()
        assert audited, "the session writes the audit trail"


def test_first_action_is_not_overwritten(db: Database) -> None:
    scene = build_scene(db)
    earlier = datetime(2026, 11, 2, 9, 5)
    with db.unit_of_work() as s:
        inquiry = s.get(Inquiry, scene.inquiry_id)
        assert inquiry is not None
        inquiry.first_action_at = earlier
    ReferralService(db).create(scene.need_id, [ReferralChoice(scene.partner_id)], now=NOW)
    with db.unit_of_work() as s:
        assert s.get(Inquiry, scene.inquiry_id).first_action_at == earlier  # type: ignore[union-attr]


def test_no_referral_without_consent(db: Database) -> None:
    scene = build_scene(db, consent=False)
    with pytest.raises(ValidationError, match="consentement"):
        ReferralService(db).create(scene.need_id, [ReferralChoice(scene.partner_id)], now=NOW)
    with db.unit_of_work() as s:
        assert s.scalars(select(Referral)).first() is None
        assert s.get(Need, scene.need_id).outcome is None  # type: ignore[union-attr]


def test_do_not_refer_partner_is_refused(db: Database) -> None:
    scene = build_scene(db)
    with db.unit_of_work() as s:
        partner = s.get(Organization, scene.partner_id)
        assert partner is not None
        partner.do_not_refer, partner.do_not_refer_reason = True, "Litige en cours"
    with pytest.raises(ValidationError, match=r"ne pas orienter.*Litige"):
        ReferralService(db).create(scene.need_id, [ReferralChoice(scene.partner_id)], now=NOW)


def test_a_contact_of_another_organization_is_refused(db: Database) -> None:
    scene = build_scene(db)
    with pytest.raises(ValidationError, match="n'appartient pas"):
        ReferralService(db).create(
            scene.need_id, [ReferralChoice(scene.other_partner_id, scene.contact_id)], now=NOW
        )


def test_one_transaction_for_several_partners(db: Database) -> None:
    scene = build_scene(db)
    service = ReferralService(db)
    service.create(scene.need_id, [ReferralChoice(scene.partner_id)], now=NOW)
    with pytest.raises(ValidationError, match="déjà en cours"):
        service.create(
            scene.need_id,
            [ReferralChoice(scene.other_partner_id), ReferralChoice(scene.partner_id)],
            now=NOW,
        )
    assert len(service.list_referrals(need_id=scene.need_id)) == 1  # nothing half-done
    assert (
        len(service.create(scene.need_id, [ReferralChoice(scene.other_partner_id)], now=NOW)) == 1
    )


def _sent(db: Database) -> tuple[ReferralService, int]:
    scene = build_scene(db)
    service = ReferralService(db)
    row = service.create(scene.need_id, [ReferralChoice(scene.partner_id)], now=NOW)[0]
    LetterService(db).send(row.id, at=datetime(2026, 11, 3, 10, 0))
    return service, row.id


def test_sending_dates_and_schedules_follow_ups(db: Database) -> None:
    service, referral_id = _sent(db)
    row = service.get(referral_id)
    assert row.status == S.SENT
    assert row.sent_at == datetime(2026, 11, 3, 10, 0)
    assert (row.follow_up_on, row.last_chance_on, row.expires_on) == (
        date(2026, 11, 12),
        date(2026, 11, 24),
        date(2026, 12, 18),
    )
    LetterService(db).send(referral_id, at=datetime(2026, 11, 5))  # a reprint changes nothing
    assert service.get(referral_id).sent_at == datetime(2026, 11, 3, 10, 0)


def test_full_loop_dates_every_change(db: Database) -> None:
    service, referral_id = _sent(db)
    taken = datetime(2026, 11, 6, 14, 0)
    service.change_status(referral_id, S.TAKEN_CARE, at=taken)
    done = datetime(2026, 11, 20, 11, 0)
    row = service.change_status(referral_id, S.SUCCEEDED, note="Prêt accordé", at=done)
    assert (row.taken_care_at, row.closed_at, row.outcome_note) == (taken, done, "Prêt accordé")
    history = [what for _, what, _ in service.events(referral_id)]
    assert history == [
        "Mise en relation proposée",
        "Statut : Envoyée",
        "Statut : Prise en charge",
        "Statut : Aboutie",
    ]
    with db.unit_of_work() as s:
        fields = set(
            s.scalars(
                select(AuditEntry.field).where(
                    AuditEntry.entity == "referral", AuditEntry.record_id == referral_id
                )
            )
        )
    assert {"status", "taken_care_at", "closed_at"} <= fields


def test_refusal_requires_a_reason(db: Database) -> None:
    service, referral_id = _sent(db)
    with pytest.raises(ValidationError, match="motif"):
        service.change_status(referral_id, S.REFUSED, reason="   ")
    assert service.get(referral_id).status == S.SENT
    row = service.change_status(referral_id, S.REFUSED, reason="Hors de notre périmètre")
    assert (row.status, row.refusal_reason) == (S.REFUSED, "Hors de notre périmètre")
    assert row.closed_at is not None


@pytest.mark.parametrize(
    ("path", "forbidden"),
    [
        ((), S.TAKEN_CARE),  # a proposal must be sent first
        ((), S.SUCCEEDED),
        ((S.TAKEN_CARE,), S.EXPIRED),
        ((S.TAKEN_CARE, S.SUCCEEDED), S.TAKEN_CARE),  # closed for good
        ((S.REFUSED,), S.SENT),
    ],
)
def test_forbidden_transitions(
    db: Database, path: tuple[ReferralStatus, ...], forbidden: ReferralStatus
) -> None:
    scene = build_scene(db)
    service = ReferralService(db)
    referral_id = service.create(scene.need_id, [ReferralChoice(scene.partner_id)], now=NOW)[0].id
    if path:
        LetterService(db).send(referral_id, at=NOW)
    for status in path:
        service.change_status(referral_id, status, reason="motif")
    before = service.get(referral_id)
    with pytest.raises(ValidationError, match=r"ne peut pas passer|devient « envoyée »"):
        service.change_status(referral_id, forbidden)
    assert service.get(referral_id).status == before.status


def test_every_status_has_a_transition_rule() -> None:
    assert set(TRANSITIONS) == set(ReferralStatus)
    assert S.SENT in TRANSITIONS[S.PROPOSED]  # reached by sending the letters
    assert S.SENT not in allowed_transitions(S.PROPOSED)  # never chosen by hand
    assert allowed_transitions(S.SUCCEEDED) == []


def test_stale_version_is_refused(db: Database) -> None:
    from guichet.errors import ConcurrentEditError

    service, referral_id = _sent(db)
    opened = service.get(referral_id)
    service.change_status(referral_id, S.TAKEN_CARE)
    with pytest.raises(ConcurrentEditError):
        service.change_status(referral_id, S.SUCCEEDED, version=opened.version)


def test_logging_a_follow_up(db: Database) -> None:
    service, referral_id = _sent(db)
    at = datetime(2026, 11, 12, 15, 0)
    row = service.log_follow_up(referral_id, "call", "Message laissé", at=at)
    assert row.last_follow_up_at == at
    assert service.events(referral_id)[-1] == (at, "Appel de relance", "Message laissé")
    with pytest.raises(ValidationError):
        service.log_follow_up(referral_id, "pigeon")
    service.change_status(referral_id, S.REFUSED, reason="Non")
    with pytest.raises(ValidationError, match="close"):
        service.log_follow_up(referral_id, "letter")
