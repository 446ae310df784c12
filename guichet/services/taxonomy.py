"""Editing the need taxonomy (themes → subjects). A subject already used by a need cannot be
deleted — the history would lose its meaning — but it can be deactivated: it then disappears
from the intake form and stays on past inquiries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import Need, Resource, RoutingRule, Subject, Theme
from guichet.services.permissions import Permission, require


@dataclass(frozen=True)
class SubjectInfo:
    id: int
    theme_id: int
    name: str
    position: int
    active: bool
    need_count: int


@dataclass(frozen=True)
class ThemeInfo:
    id: int
    name: str
    position: int
    active: bool
    subjects: tuple[SubjectInfo, ...]


class SubjectInUse(ValidationError):
    """Deleting was refused because needs use the subject; deactivating is the way out."""


def load_taxonomy(db: Database) -> list[ThemeInfo]:
    with db.unit_of_work() as session:
        counts = {
            row[0]: row[1]
            for row in session.execute(
                select(Need.subject_id, func.count()).group_by(Need.subject_id)
            )
        }
        themes = session.scalars(select(Theme).order_by(Theme.position, Theme.name)).all()
        return [
            ThemeInfo(
                t.id,
                t.name,
                t.position,
                t.active,
                tuple(
                    SubjectInfo(s.id, t.id, s.name, s.position, s.active, counts.get(s.id, 0))
                    for s in t.subjects
                ),
            )
            for t in themes
        ]


def _name(text: str, limit: int, what: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise ValidationError(f"Le nom {what} est obligatoire.", field="name")
    if len(name) > limit:
        raise ValidationError(f"Le nom {what} dépasse {limit} caractères.", field="name")
    return name


def _next_position(session: Session, column: Any, *where: Any) -> int:
    found = session.scalar(select(func.max(column)).where(*where))
    return (found if found is not None else -1) + 1


def save_theme(db: Database, name: str, *, theme_id: int | None = None, active: bool = True) -> int:
    clean = _name(name, 120, "de la thématique")
    with db.unit_of_work() as session:
        clash = session.scalar(
            select(Theme.id).where(
                func.lower(Theme.name) == clean.lower(), Theme.id != (theme_id or 0)
            )
        )
        if clash:
            raise ValidationError(f"La thématique « {clean} » existe déjà.", field="name")
        if theme_id is None:
            theme = Theme(
                name=clean, position=_next_position(session, Theme.position), active=active
            )
            session.add(theme)
        else:
            found = session.get(Theme, theme_id)
            if found is None:
                raise NotFoundError("Cette thématique n'existe plus.")
            theme = found
            theme.name, theme.active = clean, active
        session.flush()
        return theme.id


def save_subject(
    db: Database, theme_id: int, name: str, *, subject_id: int | None = None, active: bool = True
) -> int:
    clean = _name(name, 160, "du sujet")
    with db.unit_of_work() as session:
        if session.get(Theme, theme_id) is None:
            raise NotFoundError("Cette thématique n'existe plus.")
        clash = session.scalar(
            select(Subject.id).where(
                Subject.theme_id == theme_id,
                func.lower(Subject.name) == clean.lower(),
                Subject.id != (subject_id or 0),
            )
        )
        if clash:
            raise ValidationError(
                f"Le sujet « {clean} » existe déjà dans cette thématique.", field="name"
            )
        if subject_id is None:
            subject = Subject(
                theme_id=theme_id,
                name=clean,
                position=_next_position(session, Subject.position, Subject.theme_id == theme_id),
                active=active,
            )
            session.add(subject)
        else:
            found = session.get(Subject, subject_id)
            if found is None:
                raise NotFoundError("Ce sujet n'existe plus.")
            subject = found
            subject.theme_id, subject.name, subject.active = theme_id, clean, active
        session.flush()
        return subject.id


def set_subject_active(db: Database, subject_id: int, active: bool) -> None:
    with db.unit_of_work() as session:
        subject = session.get(Subject, subject_id)
        if subject is None:
            raise NotFoundError("Ce sujet n'existe plus.")
        subject.active = active


def set_theme_active(db: Database, theme_id: int, active: bool) -> None:
    with db.unit_of_work() as session:
        theme = session.get(Theme, theme_id)
        if theme is None:
            raise NotFoundError("Cette thématique n'existe plus.")
        theme.active = active


def delete_subject(db: Database, subject_id: int) -> None:
    """Deletes an unused subject; raises :class:`SubjectInUse` when needs refer to it."""
    with db.unit_of_work() as session:
        require(session, Permission.SETTINGS)
        subject = session.get(Subject, subject_id)
        if subject is None:
            raise NotFoundError("Ce sujet n'existe plus.")
        used = session.scalar(
            select(func.count()).select_from(Need).where(Need.subject_id == subject_id)
        )
        if used:
            raise SubjectInUse(
                f"Le sujet « {subject.name} » est utilisé par {used} besoin(s) : il ne peut pas "
                "être supprimé. Désactivez-le : il ne sera plus proposé, l'historique reste intact.",
                field="delete",
            )
        for rule in session.scalars(
            select(RoutingRule).where(RoutingRule.subject_id == subject_id)
        ):
            session.delete(rule)
        session.delete(subject)


def delete_theme(db: Database, theme_id: int) -> None:
    """Deletes a theme without subjects (its resources lose their theme)."""
    with db.unit_of_work() as session:
        require(session, Permission.SETTINGS)
        theme = session.get(Theme, theme_id)
        if theme is None:
            raise NotFoundError("Cette thématique n'existe plus.")
        if theme.subjects:
            raise ValidationError(
                f"La thématique « {theme.name} » contient des sujets : supprimez-les ou "
                "désactivez la thématique.",
                field="delete",
            )
        for resource in session.scalars(select(Resource).where(Resource.theme_id == theme_id)):
            resource.theme_id = None
        session.delete(theme)
