"""The capability thesaurus (Mécanique › Usinage › Tournage CN…), its synonyms, and the other
closed lists of the directory: certifications, sectors (filières) and networks.

The thesaurus is listed depth-first so a tree view can be built in one pass. Renames, moves and
synonym edits take effect in the search at once (the index expands capabilities at query time).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import Capability, Certification, Membership, Organization, Sector
from guichet.models.capability import organization_capability

MAX_NAME = 120


@dataclass(frozen=True)
class CapabilityNode:
    id: int
    name: str
    parent_id: int | None
    depth: int
    path: str  # « Mécanique › Usinage › Tournage CN »
    synonyms: tuple[str, ...]
    organizations: int  # organizations linked to this capability itself


@dataclass(frozen=True)
class ListItem:
    id: int
    name: str


class CapabilityInUseError(ValidationError):
    """Deleting would unlink organizations: the counsellor must confirm."""

    def __init__(self, message: str, organizations: int) -> None:
        super().__init__(message, field="capability")
        self.organizations = organizations


def _check_name(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise ValidationError("Le nom de la compétence est obligatoire.", field="name")
    if len(cleaned) > MAX_NAME:
        raise ValidationError(
            f"Le nom d'une compétence ne doit pas dépasser {MAX_NAME} caractères "
            f"({len(cleaned)} saisis).",
            field="name",
        )
    return cleaned


def _get(session: Session, capability_id: int) -> Capability:
    found = session.get(Capability, capability_id)
    if found is None:
        raise NotFoundError("Cette compétence n'existe plus (supprimée entre-temps).")
    return found


def _check_unique(session: Session, name: str, parent_id: int | None, own_id: int = 0) -> None:
    siblings = session.scalars(
        select(Capability.name).where(
            Capability.parent_id.is_(None)
            if parent_id is None
            else Capability.parent_id == parent_id,
            Capability.id != own_id,
        )
    )
    if any(s.casefold() == name.casefold() for s in siblings):
        raise ValidationError(f"« {name} » existe déjà à cet endroit du thésaurus.", field="name")


def _descendants(session: Session, capability_id: int) -> list[int]:
    parents: dict[int | None, list[int]] = {}
    for cid, pid in session.execute(select(Capability.id, Capability.parent_id)):
        parents.setdefault(pid, []).append(cid)
    found, todo = [], [capability_id]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(parents.get(current, []))
    return found


class CapabilityService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def tree(self) -> list[CapabilityNode]:
        """Every capability, depth-first, siblings by name."""
        with self.db.unit_of_work() as session:
            rows = list(
                session.execute(
                    select(
                        Capability.id, Capability.parent_id, Capability.name, Capability.synonyms
                    )
                )
            )
            usage: dict[int, int] = {
                cid: count
                for cid, count in session.execute(
                    select(organization_capability.c.capability_id, func.count()).group_by(
                        organization_capability.c.capability_id
                    )
                )
            }
        children: dict[int | None, list[tuple[int, str, str | None]]] = {}
        for cid, pid, name, synonyms in rows:
            children.setdefault(pid, []).append((cid, name, synonyms))
        result: list[CapabilityNode] = []

        def walk(parent: int | None, depth: int, path: str) -> None:
            for cid, name, synonyms in sorted(
                children.get(parent, []), key=lambda r: r[1].casefold()
            ):
                full = f"{path} › {name}" if path else name
                result.append(
                    CapabilityNode(
                        id=cid,
                        name=name,
                        parent_id=parent,
                        depth=depth,
                        path=full,
                        synonyms=tuple(s.strip() for s in (synonyms or "").split("|") if s.strip()),
                        organizations=int(usage.get(cid, 0)),
                    )
                )
                walk(cid, depth + 1, full)

        walk(None, 0, "")
        return result

    def add(self, name: str, parent_id: int | None = None) -> int:
        cleaned = _check_name(name)
        with self.db.unit_of_work() as session:
            if parent_id is not None:
                _get(session, parent_id)
            _check_unique(session, cleaned, parent_id)
            capability = Capability(name=cleaned, parent_id=parent_id)
            session.add(capability)
            session.flush()
            return capability.id

    def rename(self, capability_id: int, name: str) -> None:
        cleaned = _check_name(name)
        with self.db.unit_of_work() as session:
            capability = _get(session, capability_id)
            _check_unique(session, cleaned, capability.parent_id, capability.id)
            capability.name = cleaned

    def move(self, capability_id: int, new_parent_id: int | None) -> None:
        with self.db.unit_of_work() as session:
            capability = _get(session, capability_id)
            if new_parent_id is not None:
                _get(session, new_parent_id)
                if new_parent_id in _descendants(session, capability_id):
                    raise ValidationError(
                        "Une compétence ne peut pas être rangée sous elle-même ou sous une de "
                        "ses sous-compétences.",
                        field="parent",
                    )
            _check_unique(session, capability.name, new_parent_id, capability.id)
            capability.parent_id = new_parent_id

    def set_synonyms(self, capability_id: int, synonyms: list[str]) -> tuple[str, ...]:
        cleaned: list[str] = []
        for raw in synonyms:
            word = " ".join(raw.replace("|", " ").split())
            if len(word) > MAX_NAME:
                raise ValidationError(
                    f"Un synonyme ne doit pas dépasser {MAX_NAME} caractères.", field="synonyms"
                )
            if word and word.casefold() not in {c.casefold() for c in cleaned}:
                cleaned.append(word)
        with self.db.unit_of_work() as session:
            _get(session, capability_id).synonyms = "|".join(cleaned) or None
        return tuple(cleaned)

    def usage(self, capability_id: int) -> int:
        """Organizations linked to the capability or to one of its sub-capabilities."""
        with self.db.unit_of_work() as session:
            ids = _descendants(session, capability_id)
            return int(
                session.scalar(
                    select(
                        func.count(func.distinct(organization_capability.c.organization_id))
                    ).where(organization_capability.c.capability_id.in_(ids))
                )
                or 0
            )

    def delete(self, capability_id: int, *, confirmed: bool = False) -> None:
        """Delete a capability and its sub-capabilities; refused while in use unless confirmed."""
        with self.db.unit_of_work() as session:
            capability = _get(session, capability_id)
            ids = _descendants(session, capability_id)
            used = int(
                session.scalar(
                    select(
                        func.count(func.distinct(organization_capability.c.organization_id))
                    ).where(organization_capability.c.capability_id.in_(ids))
                )
                or 0
            )
            if used and not confirmed:
                raise CapabilityInUseError(
                    f"« {capability.name} » (ou une de ses sous-compétences) est attribuée à "
                    f"{used} organisation(s) : la supprimer la retirera de leurs fiches.",
                    used,
                )
            linked = session.scalars(
                select(Organization)
                .join(organization_capability)
                .where(organization_capability.c.capability_id.in_(ids))
                .distinct()
            )
            for org in linked:  # through the ORM, so the audit and the search index follow
                org.capabilities = [c for c in org.capabilities if c.id not in ids]
            session.flush()
            for cid in reversed(ids):  # children before parents
                session.delete(session.get(Capability, cid))
                session.flush()


def certifications(db: Database) -> list[ListItem]:
    with db.unit_of_work() as session:
        return [
            ListItem(c.id, c.name)
            for c in session.scalars(select(Certification).order_by(Certification.name))
        ]


def sectors(db: Database) -> list[ListItem]:
    with db.unit_of_work() as session:
        return [
            ListItem(s.id, s.name) for s in session.scalars(select(Sector).order_by(Sector.name))
        ]


def networks(db: Database) -> list[str]:
    """Names of the networks organizations are members of (Sotraban first when present)."""
    with db.unit_of_work() as session:
        names = sorted(
            set(
                session.scalars(
                    select(Organization.legal_name).join(
                        Membership, Membership.network_id == Organization.id
                    )
                )
            )
        )
    return sorted(names, key=lambda n: (n != "Sotraban", n.casefold()))
