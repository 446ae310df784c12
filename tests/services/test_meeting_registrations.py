"""Registrations: capacity, waiting list and promotion under cancellations, attendance, walk-ins."""

from __future__ import annotations

import pytest

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import RegistrationStatus as S
from guichet.services.intake import NewContact
from guichet.services.meeting_registrations import (
    register,
    set_capacity,
    set_status,
    toggle_presence,
)
from guichet.services.meetings import get_meeting
from tests.services.intake_helpers import make_company
from tests.services.meeting_helpers import START, make_meeting, make_people


def _states(db: Database, meeting_id: int) -> dict[str, tuple[S, int | None]]:
    return {
        r.last_name: (r.status, r.waiting_position)
        for r in get_meeting(db, meeting_id).registrations
    }


def _people(db: Database, count: int) -> list[int]:
    return make_people(db, [("Usinage Lefebvre", "P", f"N{i}") for i in range(count)])


def test_capacity_waiting_list_and_promotion_under_cancellations(portable_db: Database) -> None:
    db = portable_db
    meeting_id = make_meeting(db, capacity=2)
    people = _people(db, 5)
    results = [
        register(db, meeting_id, contact_id=c, at=START.replace(day=1, hour=i))
        for i, c in enumerate(people)
    ]
    assert [r.status for r in results] == [
        S.REGISTERED,
        S.REGISTERED,
        S.WAITING,
        S.WAITING,
        S.WAITING,
    ]
    assert "liste d'attente (n° 3)" in results[4].message
    # A seated person cancels: the first one waiting takes the seat, the others move up.
    cancel = set_status(db, results[0].registration_id, S.CANCELLED)
    assert cancel.promoted == "P N2"
    assert "P N2 passe de la liste d'attente aux inscrits" in cancel.message
    assert _states(db, meeting_id) == {
        "N0": (S.CANCELLED, None),
        "N1": (S.REGISTERED, None),
        "N2": (S.REGISTERED, None),
        "N3": (S.WAITING, 1),
        "N4": (S.WAITING, 2),
    }
    # Someone waiting cancels: nobody is promoted, the list closes up.
    assert set_status(db, results[3].registration_id, S.CANCELLED).promoted is None
    assert _states(db, meeting_id)["N4"] == (S.WAITING, 1)
    # The cancelled person comes back: the meeting is full, they wait behind N4.
    back = set_status(db, results[0].registration_id, S.REGISTERED)
    assert (back.status, _states(db, meeting_id)["N0"]) == (S.WAITING, (S.WAITING, 2))
    # An excused absence still holds its seat; a larger room seats everyone waiting.
    set_status(db, results[1].registration_id, S.EXCUSED)
    assert _states(db, meeting_id)["N4"] == (S.WAITING, 1)
    set_capacity(db, meeting_id, 10)
    states = _states(db, meeting_id)
    assert states["N4"] == (S.REGISTERED, None) and states["N0"] == (S.REGISTERED, None)
    counts = get_meeting(db, meeting_id).counts
    assert (counts.registered, counts.waiting, counts.cancelled) == (4, 0, 1)


def test_a_person_registered_twice_is_refused(db: Database) -> None:
    meeting_id = make_meeting(db)
    (person,) = _people(db, 1)
    register(db, meeting_id, contact_id=person)
    with pytest.raises(ValidationError, match="déjà inscrit"):
        register(db, meeting_id, contact_id=person)


def test_attendance_is_ticked_and_unticked(portable_db: Database) -> None:
    db = portable_db
    meeting_id = make_meeting(db, capacity=1)
    first, second = _people(db, 2)
    seated = register(db, meeting_id, contact_id=first)
    waiting = register(db, meeting_id, contact_id=second)
    assert toggle_presence(db, seated.registration_id).status == S.PRESENT
    assert toggle_presence(db, seated.registration_id).status == S.REGISTERED
    # Someone on the waiting list who comes anyway is present (they are in the room).
    assert toggle_presence(db, waiting.registration_id).status == S.PRESENT
    assert _states(db, meeting_id)["N1"] == (S.PRESENT, None)
    set_status(db, seated.registration_id, S.ABSENT)
    counts = get_meeting(db, meeting_id).counts
    assert (counts.present, counts.registered) == (1, 2)


def test_a_walk_in_is_present_at_once_even_when_full(portable_db: Database) -> None:
    db = portable_db
    meeting_id = make_meeting(db, capacity=1)
    company = make_company(db, "Forges de Normandie")
    (seated,) = _people(db, 1)
    register(db, meeting_id, contact_id=seated)
    walk_in = register(
        db,
        meeting_id,
        new_person=NewContact(last_name="Vasseur", first_name="Jean", email="J.Vasseur@Forges.fr"),
        organization_id=company,
        walk_in=True,
    )
    assert walk_in.status == S.PRESENT
    row = next(r for r in get_meeting(db, meeting_id).registrations if r.walk_in)
    assert (row.name, row.organization, row.email) == (
        "Jean Vasseur",
        "Forges de Normandie",
        "J.Vasseur@forges.fr",  # the domain folded, as in the intake
    )
    counts = get_meeting(db, meeting_id).counts
    assert (counts.present, counts.walk_ins, counts.registered) == (1, 1, 2)


def test_a_new_person_is_validated_as_in_the_intake(db: Database) -> None:
    meeting_id = make_meeting(db)
    with pytest.raises(ValidationError) as error:
        register(db, meeting_id, new_person=NewContact(last_name="Roux", email="pas-un-mail"))
    assert error.value.field == "contact_email"
    assert get_meeting(db, meeting_id).registrations == ()
