"""Every editable template of the app in one place: its default text and the fields it may use.

Referral letters, meeting invitations and opportunity relays share one template language
(:mod:`guichet.letters.template`); each family has its own merge fields. Paramètres › Courriers
and the settings' validators ask here which fields a template stored under a setting key may use.
"""

from __future__ import annotations

from guichet.letters.default_templates import DEFAULT_TEMPLATES
from guichet.letters.invitation_templates import INVITATION_FIELDS, INVITATION_TEMPLATES
from guichet.letters.relay_template import RELAY_FIELDS, RELAY_TEMPLATES
from guichet.letters.template import LETTER_FIELDS

#: every template's default text, by setting key
ALL_TEMPLATES: dict[str, str] = {**DEFAULT_TEMPLATES, **INVITATION_TEMPLATES, **RELAY_TEMPLATES}


def template_fields(setting_key: str) -> dict[str, str]:
    """The fields a template stored under ``setting_key`` may use."""
    if setting_key in INVITATION_TEMPLATES:
        return INVITATION_FIELDS
    if setting_key in RELAY_TEMPLATES:
        return RELAY_FIELDS
    return LETTER_FIELDS
