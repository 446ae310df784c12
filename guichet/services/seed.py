"""Writes the reference rows of :mod:`guichet.services.seed_data` into a database.

Each table is seeded only while it is empty, so a counsellor's later edits to the taxonomy or the
thesaurus are never overwritten and calling :func:`seed_reference` at every start is harmless.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guichet.models import Base, Capability, Certification, Sector, Subject, Theme
from guichet.services.questionnaire_defaults import seed_questionnaire
from guichet.services.seed_data import CERTIFICATIONS, SECTORS, THEMES, iter_capabilities


@dataclass(frozen=True)
class SeedCounts:
    """Rows inserted by one call (all zero when the tables were already filled)."""

    themes: int = 0
    subjects: int = 0
    capabilities: int = 0
    certifications: int = 0
    sectors: int = 0

    @property
    def total(self) -> int:
        return self.themes + self.subjects + self.capabilities + self.certifications + self.sectors


def _is_empty(session: Session, model: type[Base]) -> bool:
    return not session.scalar(select(func.count()).select_from(model))


def _seed_taxonomy(session: Session) -> tuple[int, int]:
    subjects = 0
    for position, (theme_name, subject_names) in enumerate(THEMES):
        theme = Theme(name=theme_name, position=position, active=True)
        session.add(theme)
        for sub_position, subject_name in enumerate(subject_names):
            session.add(Subject(theme=theme, name=subject_name, position=sub_position, active=True))
            subjects += 1
    return len(THEMES), subjects


def _seed_capabilities(session: Session) -> int:
    by_name: dict[str, Capability] = {}
    for node, parent_name in iter_capabilities():
        capability = Capability(
            name=node.name,
            synonyms=node.synonyms_text,
            parent=by_name[parent_name] if parent_name is not None else None,
        )
        by_name[node.name] = capability
        session.add(capability)
    return len(by_name)


def seed_reference(session: Session) -> SeedCounts:
    """Insert themes and subjects, capabilities, certifications and sectors into empty tables.

    Runs inside the caller's unit of work (nothing is committed here). Idempotent: a table that
    already holds rows is left as it is.
    """
    themes = subjects = capabilities = certifications = sectors = 0
    if _is_empty(session, Theme) and _is_empty(session, Subject):
        themes, subjects = _seed_taxonomy(session)
    if _is_empty(session, Capability):
        capabilities = _seed_capabilities(session)
    if _is_empty(session, Certification):
        session.add_all(Certification(name=n, description=d) for n, d in CERTIFICATIONS)
        certifications = len(CERTIFICATIONS)
    if _is_empty(session, Sector):
        session.add_all(Sector(name=name) for name in SECTORS)
        sectors = len(SECTORS)
    seed_questionnaire(session)
    session.flush()
    return SeedCounts(themes, subjects, capabilities, certifications, sectors)
