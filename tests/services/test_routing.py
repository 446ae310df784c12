"""The routing table: rules saved with checked limits, then used by the suggestions."""

from __future__ import annotations

import pytest

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.services.referral_suggestions import SuggestionService
from guichet.services.routing import RoutingService
from tests.services.referral_setup import build_scene


def test_rule_limits_are_checked_and_used(db: Database) -> None:
    scene = build_scene(db)
    service = RoutingService(db)
    with pytest.raises(ValidationError, match="commune INSEE inconnu"):
        service.save(
            subject_id=scene.subject_id, partner_id=scene.other_partner_id, communes=["99999"]
        )
    with pytest.raises(ValidationError, match="Tranche"):
        service.save(
            subject_id=scene.subject_id, partner_id=scene.other_partner_id, headcount_bands=["77"]
        )
    with pytest.raises(ValidationError, match="NAF"):
        service.save(
            subject_id=scene.subject_id, partner_id=scene.other_partner_id, naf_prefixes=["AB"]
        )
    with pytest.raises(ValidationError, match="n'appartient pas"):
        service.save(
            subject_id=scene.subject_id,
            partner_id=scene.other_partner_id,
            contact_id=scene.contact_id,
        )
    rule = service.save(
        subject_id=scene.subject_id,
        partner_id=scene.other_partner_id,
        communes=["76058"],
        note="Bolbec",
    )
    assert rule.communes == ("76058",)
    ids = [s.organization_id for s in SuggestionService(db).for_need(scene.need_id).suggestions]
    assert scene.other_partner_id not in ids  # the company is in Lillebonne
    service.save(
        subject_id=scene.subject_id,
        partner_id=scene.other_partner_id,
        communes=["76058", "76384"],
        rule_id=rule.id,
        version=rule.version,
    )
    ids = [s.organization_id for s in SuggestionService(db).for_need(scene.need_id).suggestions]
    assert scene.other_partner_id in ids
    service.delete(rule.id)
    assert [r.partner_id for r in service.rules()] == [scene.partner_id]
