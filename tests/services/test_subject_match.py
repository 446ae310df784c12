"""The need type-ahead matches subjects by label, synonyms and (skill subjects) capabilities."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from guichet.db import Database
from guichet.services.capabilities import CapabilityService
from guichet.services.intake_context import subject_choices
from guichet.services.seed_data import THEMES
from guichet.services.subject_match import (
    SubjectChoice,
    SubjectKeyword,
    match_subjects,
    subject_hint,
    subject_keywords,
)
from guichet.services.subject_synonyms import SKILL_SUBJECTS, SUBJECT_SYNONYMS


def test_every_synonym_and_skill_subject_names_a_seeded_subject() -> None:
    seeded = {subject for _, subjects in THEMES for subject in subjects}
    assert set(SUBJECT_SYNONYMS) <= seeded and set(SKILL_SUBJECTS) <= seeded


def test_a_capability_finds_the_skill_subjects_with_why(portable_db: Database) -> None:
    choices = subject_choices(portable_db)
    found = match_subjects(choices, "usinage")
    assert [c.name for c in found] == list(SKILL_SUBJECTS)
    assert subject_hint(found[0], "usinage") == "compétence Usinage"
    assert [c.name for c in match_subjects(choices, "décolletage")] == list(SKILL_SUBJECTS)
    assert "compétence" in subject_hint(match_subjects(choices, "soudage tig")[0], "soudage tig")


def test_synonyms_of_a_subject(db: Database) -> None:
    choices = subject_choices(db)
    assert match_subjects(choices, "embauche")[0].name in {"Recrutement", "Aides à l'embauche"}
    recruiting = next(c for c in match_subjects(choices, "embauche") if c.name == "Recrutement")
    assert subject_hint(recruiting, "embauche") == "« embauche »"
    assert [c.name for c in match_subjects(choices, "brevet")] == ["Propriété industrielle"]
    assert subject_hint(match_subjects(choices, "pret")[0], "pret") == ""  # its own name


def test_the_subject_name_ranks_before_keywords(db: Database) -> None:
    choices = subject_choices(db)
    found = match_subjects(choices, "recherche")
    assert all(c.name.startswith("Recherche") for c in found[:3])


def test_a_capability_added_to_the_thesaurus_is_matched_at_once(db: Database) -> None:
    service = CapabilityService(db)
    service.set_synonyms(service.add("Vitrification"), ["émaillage"])
    found = match_subjects(subject_choices(db), "émaillage")
    assert [c.name for c in found] == list(SKILL_SUBJECTS)


def test_keywords_are_unique_and_skill_subjects_only_get_capabilities() -> None:
    caps = [("Usinage", "tournage|usinage CN|tournage"), ("Tournage CN", "tournage")]
    skill = subject_keywords("Recherche de compétence", caps)
    texts = [k.text for k in skill]
    assert texts.count("tournage") == 1 and "Usinage" in texts
    assert SubjectKeyword("tournage", "Usinage").hint == "« tournage » : compétence Usinage"
    assert all(not k.capability for k in subject_keywords("Recrutement", caps))


_CHOICES = [
    SubjectChoice(1, 1, "Financement", "Prêt d'honneur", (SubjectKeyword("Initiative"),)),
    SubjectChoice(2, 1, "Sous-traitance", "Recherche", (SubjectKeyword("Tournage", "Usinage"),)),
]


@given(st.text(max_size=15), st.integers(0, 5))
def test_hints_only_for_keyword_matches(text: str, limit: int) -> None:
    for choice in match_subjects(_CHOICES, text, limit):
        hint = subject_hint(choice, text)
        assert hint == "" or hint.startswith(("«", "compétence"))
