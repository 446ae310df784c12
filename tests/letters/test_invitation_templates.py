"""The invitation's templates: meeting fields known, referral fields refused, defaults valid."""

from __future__ import annotations

import pytest

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.letters.invitation_templates import (
    INVITATION_FIELDS,
    INVITATION_TEMPLATES,
    validate_invitation_template,
)
from guichet.letters.template import parse_template
from guichet.services.settings import SettingsService


def test_default_invitation_templates_use_only_invitation_fields() -> None:
    for source in INVITATION_TEMPLATES.values():
        assert parse_template(source, INVITATION_FIELDS).fields <= set(INVITATION_FIELDS)
    assert {"reunion.titre", "reunion.date", "reunion.lieu"} <= set(INVITATION_FIELDS)


def test_a_referral_field_is_refused_with_its_line() -> None:
    with pytest.raises(ValidationError, match=r"Ligne 2 : champ inconnu \{besoin.sujet\}"):
        validate_invitation_template("Madame,\nVotre besoin : {besoin.sujet}")


def test_the_setting_keeps_a_valid_text_and_refuses_a_broken_one(db: Database) -> None:
    service = SettingsService(db)
    service.update({"letters.invitation_object": "Invitation : {reunion.titre} ({reunion.lieu})"})
    assert (
        service.get("letters.invitation_object") == "Invitation : {reunion.titre} ({reunion.lieu})"
    )
    with pytest.raises(ValidationError, match="Invitation à une réunion : objet"):
        service.update({"letters.invitation_object": "{% si reunion.titre %}sans fin"})
    assert (
        service.get("letters.invitation_object") == "Invitation : {reunion.titre} ({reunion.lieu})"
    )
