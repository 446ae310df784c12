"""The desk's library of resources, and the information handed over on a need."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import undefer

from guichet.db import Database
from guichet.errors import EnvironmentProblem, NotFoundError, ValidationError
from guichet.models import InformationGiven, Need, NeedOutcome, Resource, ResourceKind, Theme, label
from guichet.reference.file_names import windows_file_name
from guichet.reference.text import clean_text
from guichet.services.inquiry_status import mark_first_action, set_outcome
from guichet.services.locking import ensure_current
from guichet.services.permissions import Permission, require

MAX_FILE_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class ResourceInfo:
    id: int
    version: int
    title: str
    kind: ResourceKind
    theme_id: int | None
    theme: str
    description: str
    url: str
    event_at: datetime | None
    valid_until: date | None
    file_name: str
    active: bool

    @property
    def kind_label(self) -> str:
        return label(self.kind)


@dataclass(frozen=True)
class ResourceDraft:
    title: str
    kind: ResourceKind = ResourceKind.SHEET
    theme_id: int | None = None
    description: str = ""
    url: str = ""
    event_at: datetime | None = None
    valid_until: date | None = None
    active: bool = True


def _info(r: Resource, themes: dict[int, str]) -> ResourceInfo:
    return ResourceInfo(
        id=r.id,
        version=r.version,
        title=r.title,
        kind=r.kind,
        theme_id=r.theme_id,
        theme=themes.get(r.theme_id or 0, ""),
        description=r.description or "",
        url=r.url or "",
        event_at=r.event_at,
        valid_until=r.valid_until,
        file_name=r.file_name or "",
        active=r.active,
    )


def _themes(session: object) -> dict[int, str]:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    return {row[0]: row[1] for row in session.execute(select(Theme.id, Theme.name))}


def list_resources(
    db: Database, *, theme_id: int | None = None, text: str = "", include_inactive: bool = True
) -> list[ResourceInfo]:
    query = select(Resource).order_by(Resource.title)
    if theme_id is not None:
        query = query.where(Resource.theme_id == theme_id)
    if not include_inactive:
        query = query.where(Resource.active.is_(True))
    for word in text.split():
        pattern = f"%{word}%"
        query = query.where(or_(Resource.title.ilike(pattern), Resource.description.ilike(pattern)))
    with db.unit_of_work() as session:
        themes = _themes(session)
        return [_info(r, themes) for r in session.scalars(query)]


def proposed_resources(
    db: Database, need_id: int, *, today: date | None = None
) -> list[ResourceInfo]:
    """Active resources of the need's theme, still valid and, for meetings, still to come;
    the ones already handed over on this need are left out."""
    day = today or date.today()
    with db.unit_of_work() as session:
        need = session.get(Need, need_id)
        if need is None:
            raise NotFoundError("Ce besoin n'existe plus.")
        given = {g.resource_id for g in need.information_given}
        themes = _themes(session)
        query = (
            select(Resource)
            .where(Resource.theme_id == need.subject.theme_id, Resource.active.is_(True))
            .where(or_(Resource.valid_until.is_(None), Resource.valid_until >= day))
            .order_by(Resource.kind, Resource.title)
        )
        found = []
        for r in session.scalars(query):
            if r.id in given or (r.event_at is not None and r.event_at.date() < day):
                continue
            found.append(_info(r, themes))
        return found


def _validated(draft: ResourceDraft) -> ResourceDraft:
    title = " ".join(draft.title.split())
    if not title:
        raise ValidationError("Le titre de la ressource est obligatoire.", field="title")
    if len(title) > 250:
        raise ValidationError("Le titre dépasse 250 caractères.", field="title")
    url = draft.url.strip()
    if url and not url.lower().startswith(("http://", "https://", "file:", "mailto:")):
        raise ValidationError(
            f"Le lien « {url} » doit commencer par https:// ou http://.", field="url"
        )
    if len(url) > 500:
        raise ValidationError("Le lien dépasse 500 caractères.", field="url")
    if draft.kind == ResourceKind.MEETING and draft.event_at is None:
        raise ValidationError("Indiquez la date de la réunion.", field="event_at")
    return ResourceDraft(
        title,
        ResourceKind(draft.kind),
        draft.theme_id,
        draft.description.strip(),
        url,
        draft.event_at if draft.kind == ResourceKind.MEETING else None,
        draft.valid_until,
        draft.active,
    )


def save_resource(
    db: Database,
    draft: ResourceDraft,
    *,
    resource_id: int | None = None,
    version: int | None = None,
) -> ResourceInfo:
    clean = _validated(draft)
    with db.unit_of_work() as session:
        if clean.theme_id is not None and session.get(Theme, clean.theme_id) is None:
            raise ValidationError("Cette thématique n'existe plus.", field="theme")
        if resource_id is None:
            resource = Resource(title=clean.title)
            session.add(resource)
        else:
            found = session.get(Resource, resource_id)
            if found is None:
                raise NotFoundError("Cette ressource n'existe plus.")
            ensure_current(found, version)
            resource = found
        resource.title, resource.kind, resource.theme_id = clean.title, clean.kind, clean.theme_id
        resource.description = clean.description or None
        resource.url = clean.url or None
        resource.event_at, resource.valid_until = clean.event_at, clean.valid_until
        resource.active = clean.active
        session.flush()
        return _info(resource, _themes(session))


def safe_file_name(file_name: str) -> str:
    """The bare name of a file (no folder, no control character), safe to write in a folder.

    Applied when an attachment is stored and again when it is written out: a name stored by an
    older version or another tool (``../../.bashrc``, ``C:\\x\\y.pdf``) never leaves its folder.
    """
    name = clean_text(file_name).replace("\\", "/").rsplit("/", 1)[-1].strip()[:250]
    return windows_file_name(name, default="")


def _too_big(size: int) -> ValidationError:
    return ValidationError(
        f"Le fichier fait {size / (1024 * 1024):.1f} Mo : c'est plus que les "
        f"{MAX_FILE_BYTES // (1024 * 1024)} Mo qu'une ressource accepte. Joignez plutôt un lien.",
        field="file",
    )


def read_attachment(path: Path) -> bytes:
    """The bytes of a file to attach, once its size is known to be within the limit."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _too_big(size)
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # the file may grow meanwhile
    except OSError as exc:
        raise EnvironmentProblem(
            f"Impossible de lire le fichier « {path.name} » : {exc.strerror or exc}.",
            detail=str(exc),
        ) from exc
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(len(data))
    return data


def attach_path(db: Database, resource_id: int, path: Path) -> None:
    """Attach the file at ``path`` to the resource (size checked before it is read)."""
    attach_file(db, resource_id, path.name, read_attachment(path))


def attach_file(db: Database, resource_id: int, file_name: str, data: bytes | None) -> None:
    """Stores a file's bytes in the resource (``data=None`` removes the attachment)."""
    if data is not None and len(data) > MAX_FILE_BYTES:
        raise _too_big(len(data))
    name = safe_file_name(file_name)
    if data is not None and not name:
        raise ValidationError("Le fichier n'a pas de nom.", field="file")
    with db.unit_of_work() as session:
        resource = session.get(Resource, resource_id)
        if resource is None:
            raise NotFoundError("Cette ressource n'existe plus.")
        resource.file_name = name if data is not None else None
        resource.file_data = data


def file_bytes(db: Database, resource_id: int) -> tuple[str, bytes] | None:
    with db.unit_of_work() as session:
        resource = session.scalar(
            select(Resource).where(Resource.id == resource_id).options(undefer(Resource.file_data))
        )
        if resource is None or resource.file_data is None:
            return None
        return safe_file_name(resource.file_name or "") or "document", resource.file_data


def delete_resource(db: Database, resource_id: int) -> None:
    """Deletes a resource never handed over; one already given can only be deactivated."""
    with db.unit_of_work() as session:
        require(session, Permission.DELETE)
        resource = session.get(Resource, resource_id)
        if resource is None:
            raise NotFoundError("Cette ressource n'existe plus.")
        used = session.scalar(
            select(InformationGiven.id).where(InformationGiven.resource_id == resource_id).limit(1)
        )
        if used is not None:
            raise ValidationError(
                "Cette ressource a déjà été remise à des entreprises : désactivez-la plutôt "
                "que de la supprimer.",
                field="delete",
            )
        session.delete(resource)


def give_information(
    db: Database,
    need_id: int,
    resource_ids: list[int],
    *,
    counsellor_id: int | None,
    at: datetime | None = None,
    note: str = "",
    mark_informed: bool = True,
) -> int:
    """Records the resources handed over on a need; returns how many were recorded.

    Stamps the inquiry's first action; with ``mark_informed`` a need without an outcome
    becomes « informé » (and the inquiry closes if it was its last open need).
    """
    if not resource_ids:
        raise ValidationError("Choisissez au moins une ressource à remettre.", field="resources")
    moment = (at or datetime.now()).replace(microsecond=0)
    with db.unit_of_work() as session:
        need = session.get(Need, need_id)
        if need is None:
            raise NotFoundError("Ce besoin n'existe plus.")
        already = {g.resource_id for g in need.information_given}
        added = 0
        for resource_id in dict.fromkeys(resource_ids):
            if resource_id in already:
                continue
            if session.get(Resource, resource_id) is None:
                raise ValidationError(
                    "Une des ressources choisies n'existe plus.", field="resources"
                )
            need.information_given.append(
                InformationGiven(
                    resource_id=resource_id,
                    given_at=moment,
                    counsellor_id=counsellor_id,
                    note=note.strip() or None,
                )
            )
            added += 1
        mark_first_action(need.inquiry, moment)
        if mark_informed and need.outcome is None:
            set_outcome(need, NeedOutcome.INFORMED, moment)
        session.flush()
        return added


def theme_resources(
    db: Database, theme_id: int, *, today: date | None = None
) -> list[ResourceInfo]:
    """Active resources of a theme that can still be handed over today."""
    day = today or date.today()
    with db.unit_of_work() as session:
        themes = _themes(session)
        query = (
            select(Resource)
            .where(Resource.theme_id == theme_id, Resource.active.is_(True))
            .where(or_(Resource.valid_until.is_(None), Resource.valid_until >= day))
            .order_by(Resource.kind, Resource.title)
        )
        return [
            _info(r, themes)
            for r in session.scalars(query)
            if r.event_at is None or r.event_at.date() >= day
        ]
