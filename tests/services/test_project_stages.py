"""The stage machine: explicit transitions, a reason to close, dated events, next actions."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import ProjectStage
from guichet.services.project_stages import (
    add_note,
    allowed_stages,
    change_stage,
    neighbour,
    set_next_action,
)
from guichet.services.projects import get_project, list_projects
from tests.services.project_setup import TODAY, a_project

S = ProjectStage


def test_transitions_are_one_step_or_a_close() -> None:
    assert allowed_stages(S.FIRST_CONTACT) == (S.QUALIFICATION, S.LOST, S.ABANDONED)
    assert allowed_stages(S.VISITS) == (S.PROPOSALS, S.DECISION, S.LOST, S.ABANDONED)
    assert allowed_stages(S.ESTABLISHED) == ()
    assert allowed_stages(S.LOST) == (S.QUALIFICATION,)
    assert neighbour(S.DECISION, 1) is S.ESTABLISHED
    assert neighbour(S.FIRST_CONTACT, -1) is None
    assert neighbour(S.ESTABLISHED, 1) is None


def test_a_project_moves_along_with_dated_events(portable_db: Database) -> None:
    db = portable_db
    pid = a_project(db)
    version = change_stage(db, pid, S.QUALIFICATION, at=datetime(2026, 12, 2, 10))
    change_stage(db, pid, S.SITE_SEARCH, version=version, at=datetime(2026, 12, 3, 10))
    detail = get_project(db, pid)
    assert detail.stage is S.SITE_SEARCH and detail.stage_since == date(2026, 12, 3)
    assert [(e.old_stage, e.new_stage) for e in detail.events] == [
        ("", "Premier contact"),
        ("Premier contact", "Qualification"),
        ("Qualification", "Recherche de sites"),
    ]


def test_a_skip_is_refused_with_the_allowed_stages(db: Database) -> None:
    pid = a_project(db)
    with pytest.raises(ValidationError, match="pas directement à « Décision »") as caught:
        change_stage(db, pid, S.DECISION)
    assert "« Qualification »" in caught.value.message
    assert get_project(db, pid).stage is S.FIRST_CONTACT


@pytest.mark.parametrize("closing", [S.LOST, S.ABANDONED])
def test_closing_needs_a_reason_and_keeps_it(db: Database, closing: ProjectStage) -> None:
    pid = a_project(db)
    with pytest.raises(ValidationError, match="Indiquez pourquoi"):
        change_stage(db, pid, closing, reason="  ")
    change_stage(db, pid, closing, reason="Site retenu au Havre")
    detail = get_project(db, pid)
    assert detail.stage is closing and detail.closed_reason == "Site retenu au Havre"
    assert detail.events[-1].note == "Site retenu au Havre"
    change_stage(db, pid, S.QUALIFICATION)  # reopened
    assert get_project(db, pid).closed_reason == ""


def test_an_established_project_no_longer_moves(db: Database) -> None:
    pid = a_project(db)
    for stage in (S.QUALIFICATION, S.SITE_SEARCH, S.PROPOSALS, S.VISITS, S.DECISION):
        change_stage(db, pid, stage)
    change_stage(db, pid, S.ESTABLISHED)
    with pytest.raises(ValidationError, match="terminé"):
        change_stage(db, pid, S.LOST, reason="x")


def test_next_action_flags_in_the_pipeline(db: Database) -> None:
    pid = a_project(db)
    [row] = list_projects(db, today=TODAY)
    assert row.no_next_action and not row.overdue
    set_next_action(db, pid, "Rappeler le dirigeant", date(2026, 11, 25))
    [row] = list_projects(db, today=TODAY)
    assert not row.no_next_action and row.overdue
    [row] = list_projects(db, today=date(2026, 11, 20))
    assert not row.overdue
    with pytest.raises(ValidationError, match="Décrivez"):
        set_next_action(db, pid, "", date(2026, 12, 5))
    add_note(db, pid, "Appel du dirigeant : besoin confirmé")
    assert get_project(db, pid).events[-1].note == "Appel du dirigeant : besoin confirmé"
