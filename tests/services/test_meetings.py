"""Meetings: create, edit, list (upcoming first), read with registrants sorted for the sheet."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import MeetingKind, MeetingStatus, RegistrationStatus
from guichet.services.meeting_registrations import register, set_status
from guichet.services.meetings import (
    MeetingData,
    SpeakerData,
    create_meeting,
    delete_meeting,
    get_meeting,
    list_meetings,
    registrants,
    update_meeting,
)
from tests.services.intake_helpers import make_company, make_counsellor
from tests.services.meeting_helpers import START, make_meeting, make_people


def test_a_meeting_is_created_and_read_back_whole(portable_db: Database) -> None:
    db = portable_db
    cluster = make_company(db, "Cluster Sotraban", city="Le Havre", postal_code="76600")
    hall = make_company(
        db,
        "Maison de l'entreprise",
        address_street="3 rue Verte",
        postal_code="76170",
        city="Lillebonne",
        commune_insee="76384",
    )
    counsellor = make_counsellor(db)
    data = MeetingData(
        title="  Hydrogène :   marchés de la filière ",
        start_at=START,
        end_at=START.replace(hour=11),
        kind=MeetingKind.INFORMATION,
        place_organization_id=hall,
        capacity=40,
        counsellor_id=counsellor,
        partner_ids=(cluster, cluster),
        speakers=(SpeakerData(" Léa  Roux ", organization_id=cluster, topic="Le cluster"),),
        description="Ordre du jour",
    )
    meeting_id = create_meeting(db, data)
    detail = get_meeting(db, meeting_id)
    assert detail.title == "Hydrogène : marchés de la filière"
    assert detail.kind_label == "Réunion d'information"
    assert detail.status_label == "Prévue"
    assert detail.place.text == "Maison de l'entreprise, 3 rue Verte, 76170 Lillebonne"
    assert detail.place.commune_insee == "76384"
    assert [p.name for p in detail.partners] == ["Cluster Sotraban"]
    assert [(s.name, s.organization) for s in detail.speakers] == [("Léa Roux", "Cluster Sotraban")]
    assert detail.counsellor == "Conseiller CM"
    assert detail.data.partner_ids == (cluster,)

    changed = replace(detail.data, status=MeetingStatus.HELD, partner_ids=(), speakers=())
    update_meeting(db, meeting_id, changed, version=detail.version)
    again = get_meeting(db, meeting_id)
    assert (again.status_label, again.partners, again.speakers) == ("Tenue", (), ())
    delete_meeting(db, meeting_id)
    assert list_meetings(db) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "  "}, "title"),
        ({"end_at": START}, "end_at"),
        ({"capacity": 0}, "capacity"),
        ({"place_postal_code": "7617"}, "place_postal_code"),
        ({"speakers": (SpeakerData(" "),)}, "speakers"),
    ],
)
def test_bad_input_is_refused_in_french(
    db: Database, change: dict[str, object], field: str
) -> None:
    data = MeetingData(title="Atelier", start_at=START, end_at=START.replace(hour=12))
    with pytest.raises(ValidationError) as error:
        create_meeting(db, replace(data, **change))  # type: ignore[arg-type]
    assert error.value.field == field


def test_upcoming_meetings_come_first_then_the_past_latest_first(db: Database) -> None:
    for title, day in (
        ("Passée ancienne", 1),
        ("À venir lointaine", 20),
        ("Passée récente", 5),
        ("À venir proche", 12),
    ):
        create_meeting(
            db,
            MeetingData(
                title=title,
                start_at=datetime(2026, 12, day, 9),
                end_at=datetime(2026, 12, day, 11),
                kind=MeetingKind.WORKSHOP if day > 10 else MeetingKind.BREAKFAST,
            ),
        )
    now = datetime(2026, 12, 10, 8)
    titles = [row.title for row in list_meetings(db, now=now)]
    assert titles == ["À venir proche", "À venir lointaine", "Passée récente", "Passée ancienne"]
    workshops = list_meetings(db, now=now, kind=MeetingKind.WORKSHOP)
    assert [row.title for row in workshops] == ["À venir proche", "À venir lointaine"]
    assert [row.title for row in list_meetings(db, now=now, text="recente")] == ["Passée récente"]


def test_registrants_are_sorted_by_organisation_then_name(portable_db: Database) -> None:
    db = portable_db
    meeting_id = make_meeting(db)
    people = make_people(
        db,
        [
            ("Zodiac Usinage", "Anne", "Bernard"),
            ("", "Paul", "Albert"),
            ("Ateliers Écrin", "Zoé", "Martin"),
            ("ateliers écrin", "Marc", "Durand"),
            ("Zodiac Usinage", "Luc", "Arnaud"),
        ],
    )
    for contact_id in people:
        register(db, meeting_id, contact_id=contact_id, at=START.replace(day=1))
    cancelled = get_meeting(db, meeting_id).registrations[0]
    set_status(db, cancelled.registration_id, RegistrationStatus.CANCELLED)
    names = [(r.organization, r.last_name) for r in registrants(db, meeting_id)]
    assert names == [
        ("Ateliers Écrin", "Martin"),
        ("Zodiac Usinage", "Arnaud"),
        ("Zodiac Usinage", "Bernard"),
        ("", "Albert"),
    ]
    everyone = registrants(db, meeting_id, statuses=None)
    assert len(everyone) == 5
    detail = get_meeting(db, meeting_id)
    assert (detail.counts.registered, detail.counts.cancelled) == (4, 1)
