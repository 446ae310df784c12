"""Reference rows: the need taxonomy, the capability thesaurus, certifications and sectors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from guichet.db import Database
from guichet.models import Base, Capability, Certification, Sector, Subject, Theme
from guichet.services.demo.partners import SUBJECT_PARTNERS
from guichet.services.demo.texts import SUBJECT_DESCRIPTIONS, SUBJECT_SUMMARIES
from guichet.services.seed import SeedCounts, seed_reference
from guichet.services.seed_data import (
    CAPABILITIES,
    CERTIFICATIONS,
    SECTORS,
    THEMES,
    iter_capabilities,
    leaf_capabilities,
)


@pytest.fixture
def _db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 't.sqlite3'}")
    Base.metadata.create_all(database.engine)
    yield database
    database.dispose()


def _count(db: Database, model: type[Base]) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_taxonomy_has_four_to_seven_subjects_per_theme() -> None:
    names = [theme for theme, _ in THEMES]
    assert len(names) == len(set(names)) == 10
    for theme, subjects in THEMES:
        assert 4 <= len(subjects) <= 7, theme
        assert len(subjects) == len(set(subjects)), theme
    assert "Prêt d'honneur" in dict(THEMES)["Financement"]
    assert "Recherche de sous-traitant" in dict(THEMES)["Sous-traitance et partenaires industriels"]


def test_capability_names_are_unique_in_the_whole_thesaurus() -> None:
    names = [node.name for node, _ in iter_capabilities()]
    assert len(names) == len(set(names))
    assert {"Mécanique", "Soudure", "Électronique", "Plasturgie", "Hydrogène"} <= {
        node.name for node in CAPABILITIES
    }
    assert set(leaf_capabilities("Hydrogène")) >= {
        "Réservoirs haute pression",
        "Électrolyseurs",
        "Piles à combustible",
        "Tuyauterie haute pression",
    }
    assert "Usinage" not in leaf_capabilities()
    assert "Tournage CN" in leaf_capabilities("Mécanique")


def test_seed_reference_fills_every_table(_db: Database) -> None:
    with _db.unit_of_work() as session:
        counts = seed_reference(session)
    assert counts == SeedCounts(
        themes=len(THEMES),
        subjects=sum(len(subjects) for _, subjects in THEMES),
        capabilities=len(list(iter_capabilities())),
        certifications=len(CERTIFICATIONS),
        sectors=len(SECTORS),
    )
    assert _count(_db, Theme) == len(THEMES)
    assert _count(_db, Subject) == counts.subjects
    assert _count(_db, Capability) == counts.capabilities
    assert _count(_db, Certification) == len(CERTIFICATIONS)
    assert _count(_db, Sector) == len(SECTORS)


def test_seed_reference_is_idempotent(_db: Database) -> None:
    with _db.unit_of_work() as session:
        first = seed_reference(session)
    with _db.unit_of_work() as session:
        second = seed_reference(session)
    assert first.total > 0
    assert second == SeedCounts()
    assert _count(_db, Subject) == first.subjects
    assert _count(_db, Capability) == first.capabilities


def test_a_table_already_filled_is_left_alone(_db: Database) -> None:
    with _db.unit_of_work() as session:
        session.add(Sector(name="Spatial"))
    with _db.unit_of_work() as session:
        counts = seed_reference(session)
    assert counts.sectors == 0
    assert counts.themes == len(THEMES)
    with _db.session() as session:
        assert list(session.scalars(select(Sector.name))) == ["Spatial"]


def test_capabilities_keep_their_parents_and_synonyms(_db: Database) -> None:
    with _db.unit_of_work() as session:
        seed_reference(session)
    with _db.session() as session:
        by_name = {c.name: c for c in session.scalars(select(Capability))}
        turning = by_name["Tournage CN"]
        assert turning.parent is not None and turning.parent.name == "Usinage"
        assert turning.parent.parent is not None and turning.parent.parent.name == "Mécanique"
        assert by_name["Mécanique"].parent_id is None
        assert {"tournage", "fraisage"} <= set(by_name["Usinage"].synonym_list)
        assert "soudage" in by_name["Soudure"].synonym_list
        assert "plastique" in by_name["Plasturgie"].synonym_list
        assert by_name["Électroérosion"].synonyms == "EDM|électroérosion à fil|enfonçage"
        subjects = {s.name: s for s in session.scalars(select(Subject))}
        assert subjects["Prêt d'honneur"].theme.name == "Financement"
        assert [s.position for s in subjects["Prêt d'honneur"].theme.subjects] == list(
            range(len(dict(THEMES)["Financement"]))
        )


def test_required_certifications_and_sectors_are_present() -> None:
    names = {name for name, _ in CERTIFICATIONS}
    assert {"ISO 9001", "EN 9100", "ISO 14001", "ISO 45001", "MASE", "ATEX", "CEFRI"} <= names
    assert {"IATF 16949", "ISO 3834", "Qualiopi"} <= names
    assert {"Hydrogène", "Nucléaire", "Aéronautique", "Pétrochimie", "Naval"} <= set(SECTORS)
    assert len(SECTORS) == len(set(SECTORS))


def test_demo_text_covers_every_subject() -> None:
    subjects = {subject for _, names in THEMES for subject in names}
    assert set(SUBJECT_SUMMARIES) == subjects
    assert set(SUBJECT_DESCRIPTIONS) == subjects
    assert set(SUBJECT_PARTNERS) <= subjects
