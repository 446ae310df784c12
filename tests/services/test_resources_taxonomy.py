"""The resource library and the editable taxonomy."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import guichet.models as m
from guichet.db import Database
from guichet.errors import ConcurrentEditError, ValidationError
from guichet.services import taxonomy
from guichet.services.intake import IntakeDraft, NeedDraft, create_inquiry
from guichet.services.intake_context import subject_choices
from guichet.services.resources import (
    ResourceDraft,
    attach_file,
    delete_resource,
    file_bytes,
    give_information,
    list_resources,
    proposed_resources,
    save_resource,
)
from guichet.services.subject_match import SubjectChoice, match_subjects
from tests.services.intake_helpers import NOW, make_company, subject_ids, theme_of


def test_resource_crud_with_an_attached_file(db: Database) -> None:
    theme = theme_of(db, subject_ids(db)[0])
    saved = save_resource(
        db, ResourceDraft("Fiche Initiative", theme_id=theme, url="https://example.org")
    )
    edited = save_resource(
        db,
        ResourceDraft("Fiche Initiative 2026", theme_id=theme),
        resource_id=saved.id,
        version=saved.version,
    )
    with pytest.raises(ConcurrentEditError):
        save_resource(db, ResourceDraft("Autre titre"), resource_id=saved.id, version=saved.version)
    attach_file(db, saved.id, "C:\\docs\\fiche.pdf", b"%PDF-1.4 test")
    assert file_bytes(db, saved.id) == ("fiche.pdf", b"%PDF-1.4 test")
    edited = list_resources(db)[0]
    assert [r.title for r in list_resources(db, text="initiative")] == ["Fiche Initiative 2026"]
    assert edited.file_name == "fiche.pdf"
    attach_file(db, saved.id, "", None)
    assert file_bytes(db, saved.id) is None
    with pytest.raises(ValidationError, match="https://"):
        save_resource(db, ResourceDraft("Lien", url="www.example.org"))
    with pytest.raises(ValidationError, match="date de la réunion"):
        save_resource(db, ResourceDraft("Réunion", kind=m.ResourceKind.MEETING))
    delete_resource(db, saved.id)
    assert list_resources(db) == []


def test_proposed_resources_follow_the_theme_and_skip_given_and_past(db: Database) -> None:
    first, _second = subject_ids(db)
    theme = theme_of(db, first)
    keep = save_resource(db, ResourceDraft("Fiche", theme_id=theme))
    save_resource(db, ResourceDraft("Périmée", theme_id=theme, valid_until=date(2020, 1, 1)))
    save_resource(
        db,
        ResourceDraft(
            "Réunion passée",
            kind=m.ResourceKind.MEETING,
            theme_id=theme,
            event_at=datetime(2020, 1, 1, 9),
        ),
    )
    save_resource(db, ResourceDraft("Inactive", theme_id=theme, active=False))
    created = create_inquiry(
        db,
        IntakeDraft(received_at=NOW, needs=(NeedDraft(first),), organization_id=make_company(db)),
        now=NOW,
    )
    need = created.need_ids[0]
    assert [r.title for r in proposed_resources(db, need, today=date(2026, 11, 20))] == ["Fiche"]
    give_information(db, need, [keep.id], counsellor_id=None)
    assert proposed_resources(db, need, today=date(2026, 11, 20)) == []
    with pytest.raises(ValidationError, match="désactivez"):
        delete_resource(db, keep.id)


def test_a_subject_in_use_is_deactivated_not_deleted(db: Database) -> None:
    theme = taxonomy.save_theme(db, "Tourisme d'affaires")
    used = taxonomy.save_subject(db, theme, "Séminaires")
    spare = taxonomy.save_subject(db, theme, "Salons")
    create_inquiry(
        db,
        IntakeDraft(received_at=NOW, needs=(NeedDraft(used),), organization_id=make_company(db)),
        now=NOW,
    )
    with pytest.raises(taxonomy.SubjectInUse, match="Désactivez"):
        taxonomy.delete_subject(db, used)
    taxonomy.set_subject_active(db, used, False)
    assert used not in {c.id for c in subject_choices(db)}
    taxonomy.delete_subject(db, spare)
    loaded = next(t for t in taxonomy.load_taxonomy(db) if t.id == theme)
    assert [(s.name, s.active, s.need_count) for s in loaded.subjects] == [("Séminaires", False, 1)]
    with pytest.raises(ValidationError, match="existe déjà"):
        taxonomy.save_subject(db, theme, "séminaires")
    with pytest.raises(ValidationError, match="existe déjà"):
        taxonomy.save_theme(db, "FINANCEMENT")
    with pytest.raises(ValidationError, match="contient des sujets"):
        taxonomy.delete_theme(db, theme)


def test_subject_type_ahead_ignores_accents_and_ranks_the_subject_name(db: Database) -> None:
    choices = subject_choices(db)
    found = match_subjects(choices, "pret")
    assert found and found[0].name == "Prêt d'honneur"
    assert all("pret" in f.label.lower().replace("ê", "e") for f in found)
    assert match_subjects(choices, "financement pret")[0].name == "Prêt d'honneur"
    assert match_subjects(choices, "zzzz") == []


_CHOICES = [
    SubjectChoice(1, 1, "Financement", "Prêt d'honneur"),
    SubjectChoice(2, 1, "Financement", "Levée de fonds"),
    SubjectChoice(3, 2, "Export", "Prospection"),
]


@given(st.text(max_size=15), st.integers(0, 5))
def test_match_subjects_returns_known_choices_within_the_limit(text: str, limit: int) -> None:
    found = match_subjects(_CHOICES, text, limit)
    assert len(found) <= limit
    assert all(f in _CHOICES for f in found)
    assert len({f.id for f in found}) == len(found)
