"""The audience of a meeting: directory filters with the thesaurus, past attendees of a theme,
exclusions counted with their reason, invitations recorded per contact."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

import guichet.models as m
from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import Channel, MeetingStatus, RegistrationStatus
from guichet.search.filters import SearchFilters
from guichet.services.meeting_audience import (
    AudienceQuery,
    invitations,
    preview_audience,
    record_invitations,
)
from guichet.services.meeting_registrations import register, set_status
from guichet.services.meetings import get_meeting
from tests.search.helpers import add_org, capability_id
from tests.services.meeting_helpers import make_meeting


def _opposed(db: Database, contact_name: str) -> None:
    with db.unit_of_work() as s:
        contact = s.scalars(select(m.Contact).where(m.Contact.last_name == contact_name)).one()
        contact.opposed_on = date(2026, 3, 1)


def _hydrogen_directory(db: Database) -> None:
    add_org(
        db,
        "H2 Réservoirs",
        capabilities=["Réservoirs haute pression"],
        contacts=[("Anne", "Arnaud"), ("Bruno", "Bernard"), ("Chloé", "Colin")],
    )
    add_org(db, "Hydro Normandie", capabilities=["Hydrogène"], contacts=[("Denis", "Dubois")])
    add_org(
        db,
        "Refus SA",
        capabilities=["Hydrogène"],
        do_not_contact=True,
        contacts=[("Eva", "Petit"), ("Fred", "Roux")],
    )
    add_org(db, "Sans Contact H2", capabilities=["Hydrogène"])
    add_org(db, "Usinage Lefebvre", capabilities=["Usinage"], contacts=[("Gus", "Girard")])
    with db.unit_of_work() as s:
        for contact in s.scalars(select(m.Contact)):
            contact.email = f"{contact.last_name.lower()}@exemple.fr"


def test_capability_with_its_children_and_opposed_people_left_out(portable_db: Database) -> None:
    db = portable_db
    _hydrogen_directory(db)
    _opposed(db, "Colin")
    meeting_id = make_meeting(db)
    query = AudienceQuery(
        filters=SearchFilters(capability_ids=frozenset({capability_id(db, "Hydrogène")}))
    )
    preview = preview_audience(db, meeting_id, query)
    assert [(p.organization, p.name) for p in preview.members] == [
        ("H2 Réservoirs", "Anne Arnaud"),
        ("H2 Réservoirs", "Bruno Bernard"),
        ("Hydro Normandie", "Denis Dubois"),
    ]
    assert preview.exclusion_counts == {"opposition": 1, "ne pas contacter": 2}
    assert preview.summary() == (
        "3 contacts de 2 organisations ; 2 contacts exclus : ne pas contacter ; "
        "1 contact exclu : opposition ; 1 organisation sans contact"
    )
    everyone = [p.contact_id for p in preview.members + preview.excluded]
    recorded = record_invitations(
        db, meeting_id, everyone, channel=Channel.EMAIL, sent_on=date(2026, 11, 20)
    )
    assert (recorded.recorded, recorded.skipped) == (3, 3)  # exclusions checked again
    assert [(i.name, i.sent_on) for i in invitations(db, meeting_id)] == [
        ("Anne Arnaud", date(2026, 11, 20)),
        ("Bruno Bernard", date(2026, 11, 20)),
        ("Denis Dubois", date(2026, 11, 20)),
    ]
    assert get_meeting(db, meeting_id).counts.invited == 3
    again = preview_audience(db, meeting_id, query)
    assert again.members == () and again.exclusion_counts["déjà invité"] == 3
    # A second invitation by post is another channel; a postal address is then needed.
    by_post = preview_audience(
        db, meeting_id, AudienceQuery(filters=query.filters, channel=Channel.MAIL)
    )
    assert by_post.exclusion_counts["sans adresse postale"] == 3


def test_past_attendees_of_a_theme(db: Database) -> None:
    _hydrogen_directory(db)
    with db.unit_of_work() as s:
        theme_id = s.scalars(select(m.Theme.id).order_by(m.Theme.id)).first()
        people = {c.last_name: c.id for c in s.scalars(select(m.Contact))}
    assert theme_id is not None
    past = make_meeting(db, theme_id=theme_id, status=MeetingStatus.HELD)
    for name in ("Girard", "Dubois", "Arnaud"):
        result = register(db, past, contact_id=people[name])
        if name != "Arnaud":  # registered but did not come
            set_status(db, result.registration_id, RegistrationStatus.PRESENT)
    meeting_id = make_meeting(db)
    attendees = preview_audience(db, meeting_id, AudienceQuery(past_theme_id=theme_id))
    assert [p.name for p in attendees.members] == ["Denis Dubois", "Gus Girard"]
    both = preview_audience(db, meeting_id, AudienceQuery(text="usinage", past_theme_id=theme_id))
    assert [p.name for p in both.members] == ["Gus Girard"]


def test_a_query_without_any_criterion_is_refused(db: Database) -> None:
    meeting_id = make_meeting(db)
    with pytest.raises(ValidationError, match="au moins un critère"):
        preview_audience(db, meeting_id, AudienceQuery())
