"""Validation of the meeting form (French messages naming the field)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from guichet.errors import ValidationError
from guichet.reference.text import clean_optional, clean_text

if TYPE_CHECKING:
    from guichet.services.meeting_types import MeetingData, SpeakerData

_LIMITS = {
    "title": ("Titre", 200),
    "place_name": ("Lieu", 200),
    "place_street": ("Adresse", 120),
    "place_city": ("Commune", 80),
}


def _one_line(text: str | None) -> str | None:
    return " ".join(clean_text(text).split()) or None if text else None


def _speaker(speaker: SpeakerData) -> SpeakerData:
    name = _one_line(speaker.name)
    if not name:
        raise ValidationError("Indiquez le nom de chaque intervenant.", field="speakers")
    if len(name) > 160:
        raise ValidationError("Le nom d'un intervenant dépasse 160 caractères.", field="speakers")
    topic = _one_line(speaker.topic)
    return replace(speaker, name=name, topic=topic[:250] if topic else None)


def check_meeting(data: MeetingData) -> MeetingData:
    values: dict[str, object] = {
        name: _one_line(getattr(data, name)) for name in (*_LIMITS, "place_postal_code")
    }
    for name, (caption, limit) in _LIMITS.items():
        value = values[name]
        if isinstance(value, str) and len(value) > limit:
            raise ValidationError(
                f"« {caption} » ne doit pas dépasser {limit} caractères ({len(value)} saisis).",
                field=name,
            )
    if not values["title"]:
        raise ValidationError("Le titre de la réunion est obligatoire.", field="title")
    postal = values["place_postal_code"]
    if isinstance(postal, str):
        postal = values["place_postal_code"] = postal.replace(" ", "")
        if not re.fullmatch(r"\d{5}", postal):
            raise ValidationError(
                f"Code postal « {postal} » : 5 chiffres attendus.", field="place_postal_code"
            )
    if data.end_at <= data.start_at:
        raise ValidationError("La fin de la réunion doit suivre son début.", field="end_at")
    if data.capacity is not None and data.capacity < 1:
        raise ValidationError("La capacité doit être d'au moins une place.", field="capacity")
    insee = data.place_commune_insee
    if insee and not re.fullmatch(r"\d[\dAB]\d{3}", insee):
        raise ValidationError(f"Code commune « {insee} » invalide.", field="place_commune_insee")
    return replace(
        data,
        description=clean_optional(data.description, multiline=True),
        partner_ids=tuple(dict.fromkeys(data.partner_ids)),
        speakers=tuple(_speaker(s) for s in data.speakers),
        **values,  # type: ignore[arg-type]
    )
