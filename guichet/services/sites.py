"""The catalogue of sites: business parks and their plots and buildings, with a position.

``list_sites`` is what the map and the Sites tab read: each site with its resolved position
(its own point, else its park's) and its availability on a given day.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import BusinessPark, Site, SiteAttachment, SiteKind, label
from guichet.models.implantation_enums import SiteAvailability
from guichet.reference.text import clean_text
from guichet.services.locking import ensure_current


@dataclass(frozen=True)
class ParkInfo:
    id: int
    version: int
    name: str
    commune_code: str
    latitude: float | None
    longitude: float | None
    description: str
    site_count: int


@dataclass(frozen=True)
class ParkDraft:
    name: str
    commune_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    description: str = ""


@dataclass(frozen=True)
class SiteDraft:
    name: str
    surface_m2: int
    kind: SiteKind = SiteKind.PLOT
    park_id: int | None = None
    available_on: date | None = None
    price_eur: int | None = None
    rent_eur_month: int | None = None
    owner: str = ""
    zoning: str = ""
    has_rail: bool = False
    has_port: bool = False
    power_mw: float | None = None
    has_fibre: bool = False
    has_hydrogen: bool = False
    has_gas: bool = False
    has_water: bool = False
    accepts_classified: bool = False
    commune_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    description: str = ""
    active: bool = True


@dataclass(frozen=True)
class SiteInfo(SiteDraft):
    """A site as read; ``latitude``/``longitude`` fall back to the park's point."""

    id: int = 0
    version: int = 0
    park_name: str = ""
    availability: SiteAvailability = SiteAvailability.AVAILABLE
    attachment_count: int = 0
    own_position: bool = False

    @property
    def kind_label(self) -> str:
        return label(self.kind)

    @property
    def availability_label(self) -> str:
        return label(self.availability)

    @property
    def services(self) -> tuple[str, ...]:
        """French names of the services the site offers."""
        names = []
        for flag, text in SERVICE_NAMES:
            if getattr(self, flag):
                names.append(text)
        if self.power_mw:
            names.append(f"Puissance {self.power_mw:g} MW")
        return tuple(names)

    def draft(self) -> SiteDraft:
        return SiteDraft(**{f.name: getattr(self, f.name) for f in fields(SiteDraft)})


SERVICE_NAMES: tuple[tuple[str, str], ...] = (
    ("has_rail", "Embranchement ferré"),
    ("has_port", "Accès fluvial ou portuaire"),
    ("has_fibre", "Fibre"),
    ("has_hydrogen", "Hydrogène"),
    ("has_gas", "Gaz"),
    ("has_water", "Eau industrielle"),
)


def availability(site: Site, today: date) -> SiteAvailability:
    if not site.active:
        return SiteAvailability.UNAVAILABLE
    if site.available_on is not None and site.available_on > today:
        return SiteAvailability.LATER
    return SiteAvailability.AVAILABLE


def site_info(site: Site, today: date, attachments: int = 0) -> SiteInfo:
    park = site.park
    own = site.latitude is not None and site.longitude is not None
    lat = site.latitude if own else (park.latitude if park else None)
    lon = site.longitude if own else (park.longitude if park else None)
    values = {f.name: getattr(site, f.name) for f in fields(SiteDraft)}
    values.update(
        owner=site.owner or "",
        zoning=site.zoning or "",
        commune_code=site.commune_code or (park.commune_code if park else "") or "",
        description=site.description or "",
        latitude=lat,
        longitude=lon,
    )
    return SiteInfo(
        **values,
        id=site.id,
        version=site.version,
        park_name=park.name if park else "",
        availability=availability(site, today),
        attachment_count=attachments,
        own_position=own,
    )


def _attachment_counts(session: Session) -> dict[int, int]:
    query = select(SiteAttachment.site_id, func.count()).group_by(SiteAttachment.site_id)
    return {row[0]: row[1] for row in session.execute(query)}


def list_sites(
    db: Database,
    *,
    today: date | None = None,
    park_id: int | None = None,
    include_inactive: bool = True,
) -> list[SiteInfo]:
    """Every site of the catalogue (by park, then name), with position and availability."""
    day = today or date.today()
    query = select(Site).outerjoin(Site.park).order_by(BusinessPark.name, Site.name, Site.id)
    if park_id is not None:
        query = query.where(Site.park_id == park_id)
    if not include_inactive:
        query = query.where(Site.active.is_(True))
    with db.unit_of_work(write=False) as session:
        counts = _attachment_counts(session)
        return [site_info(s, day, counts.get(s.id, 0)) for s in session.scalars(query)]


def get_site(db: Database, site_id: int, *, today: date | None = None) -> SiteInfo:
    with db.unit_of_work(write=False) as session:
        site = session.get(Site, site_id)
        if site is None:
            raise NotFoundError("Ce site n'existe plus.")
        return site_info(site, today or date.today(), len(site.attachments))


def list_parks(db: Database) -> list[ParkInfo]:
    counts = select(Site.park_id, func.count()).group_by(Site.park_id)
    with db.unit_of_work(write=False) as session:
        per_park = {row[0]: row[1] for row in session.execute(counts)}
        return [
            ParkInfo(
                id=p.id,
                version=p.version,
                name=p.name,
                commune_code=p.commune_code or "",
                latitude=p.latitude,
                longitude=p.longitude,
                description=p.description or "",
                site_count=per_park.get(p.id, 0),
            )
            for p in session.scalars(select(BusinessPark).order_by(BusinessPark.name))
        ]


def _check_position(latitude: float | None, longitude: float | None) -> None:
    if (latitude is None) != (longitude is None):
        raise ValidationError("Indiquez la latitude et la longitude, ou aucune des deux.")
    if latitude is not None and not -90 <= latitude <= 90:
        raise ValidationError("La latitude doit être comprise entre -90 et 90.", field="latitude")
    if longitude is not None and not -180 <= longitude <= 180:
        raise ValidationError(
            "La longitude doit être comprise entre -180 et 180.", field="longitude"
        )


def _check_commune(code: str) -> str:
    code = code.strip().upper()
    if code and (len(code) != 5 or not code[:2].isalnum() or not code[2:].isdigit()):
        raise ValidationError(
            f"« {code} » n'est pas un code commune INSEE (5 caractères).", field="commune_code"
        )
    return code


def save_park(
    db: Database, draft: ParkDraft, *, park_id: int | None = None, version: int | None = None
) -> int:
    name = clean_text(draft.name).strip()
    if not name:
        raise ValidationError("Le nom de la zone d'activité est obligatoire.", field="name")
    _check_position(draft.latitude, draft.longitude)
    commune = _check_commune(draft.commune_code)
    with db.unit_of_work() as session:
        same = session.scalar(select(BusinessPark).where(BusinessPark.name == name))
        if same is not None and same.id != park_id:
            raise ValidationError(f"La zone « {name} » existe déjà.", field="name")
        if park_id is None:
            park = BusinessPark(name=name)
            session.add(park)
        else:
            found = session.get(BusinessPark, park_id)
            if found is None:
                raise NotFoundError("Cette zone d'activité n'existe plus.")
            ensure_current(found, version)
            park = found
        park.name = name
        park.commune_code = commune or None
        park.latitude, park.longitude = draft.latitude, draft.longitude
        park.description = clean_text(draft.description, multiline=True).strip() or None
        session.flush()
        return park.id


def check_site(draft: SiteDraft) -> None:
    """French message for the first problem of a site draft (also used by the import)."""
    if not clean_text(draft.name).strip():
        raise ValidationError("Le nom du site est obligatoire.", field="name")
    if draft.surface_m2 is None or draft.surface_m2 <= 0:
        raise ValidationError("La surface doit être un nombre de m² positif.", field="surface_m2")
    for field, value in (
        ("price_eur", draft.price_eur),
        ("rent_eur_month", draft.rent_eur_month),
        ("power_mw", draft.power_mw),
    ):
        if value is not None and value < 0:
            raise ValidationError(
                "Un prix, un loyer ou une puissance ne peut être négatif.", field=field
            )
    _check_position(draft.latitude, draft.longitude)
    _check_commune(draft.commune_code)


def apply_site(site: Site, draft: SiteDraft) -> None:
    for f in fields(SiteDraft):
        setattr(site, f.name, getattr(draft, f.name))
    site.name = clean_text(draft.name).strip()
    site.commune_code = _check_commune(draft.commune_code) or None
    for text_field in ("owner", "zoning", "description"):
        setattr(
            site, text_field, clean_text(getattr(draft, text_field), multiline=True).strip() or None
        )


def save_site(
    db: Database, draft: SiteDraft, *, site_id: int | None = None, version: int | None = None
) -> int:
    check_site(draft)
    with db.unit_of_work() as session:
        if draft.park_id is not None and session.get(BusinessPark, draft.park_id) is None:
            raise NotFoundError("Cette zone d'activité n'existe plus.")
        if site_id is None:
            site = Site()
            session.add(site)
        else:
            found = session.get(Site, site_id)
            if found is None:
                raise NotFoundError("Ce site n'existe plus.")
            ensure_current(found, version)
            site = found
        apply_site(site, draft)
        session.flush()
        return site.id
