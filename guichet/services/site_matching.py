"""Which sites of the catalogue meet a project's needs, each with what fits and what does not.

Rules: the surface (the land for a plot, the floor area for a building) within the tolerance
of the setting « Implantation : tolérance de surface »; every service the project requires
(rail, port or river access, power in MW, gas, hydrogen, water); a zone that accepts classified
installations when the project is ICPE or Seveso; available by the project's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.models import Classification, ImplantationProject, Site, SiteKind, label
from guichet.services.project_access import TOLERANCE_SETTING, setting_in
from guichet.services.projects import load_project
from guichet.services.sites import SiteInfo, site_info


@dataclass(frozen=True)
class SiteMatch:
    site: SiteInfo
    fits: tuple[str, ...]
    misfits: tuple[str, ...]
    proposed: bool

    @property
    def matches(self) -> bool:
        return not self.misfits


def _m2(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f") + " m²"


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def surface_needed(project: ImplantationProject, kind: SiteKind) -> int | None:
    if kind is SiteKind.BUILDING:
        return project.building_m2 or project.land_m2
    return project.land_m2 or project.building_m2


def check_surface(need: int | None, surface: int, tolerance_pct: int) -> tuple[bool, str] | None:
    """``(fits, why)`` for a surface against a need, or None when the project gave none."""
    if not need:
        return None
    low = need * (100 - tolerance_pct) / 100
    high = need * (100 + tolerance_pct) / 100
    if surface < low:
        return (
            False,
            f"Surface {_m2(surface)} : trop petite pour {_m2(need)} (tolérance {tolerance_pct} %)",
        )
    if surface > high:
        return (
            False,
            f"Surface {_m2(surface)} : trop grande pour {_m2(need)} (tolérance {tolerance_pct} %)",
        )
    return True, f"Surface {_m2(surface)} pour {_m2(need)} demandés"


SERVICES: tuple[tuple[str, str, str], ...] = (
    ("needs_rail", "has_rail", "Embranchement ferré"),
    ("needs_port", "has_port", "Accès fluvial ou portuaire"),
    ("needs_gas", "has_gas", "Gaz"),
    ("needs_hydrogen", "has_hydrogen", "Hydrogène"),
    ("needs_water", "has_water", "Eau industrielle"),
)


def assess(
    project: ImplantationProject, site: Site, tolerance_pct: int
) -> tuple[list[str], list[str]]:
    fits: list[str] = []
    misfits: list[str] = []
    surface = check_surface(surface_needed(project, site.kind), site.surface_m2, tolerance_pct)
    if surface is not None:
        (fits if surface[0] else misfits).append(surface[1])
    if project.building_type is not None and site.kind is SiteKind.PLOT and not project.land_m2:
        misfits.append(
            f"Terrain nu : le projet cherche un bâtiment ({label(project.building_type).lower()})"
        )
    for need, offer, name in SERVICES:
        if getattr(project, need):
            if getattr(site, offer):
                fits.append(name)
            else:
                misfits.append(f"{name} : absent")
    if project.power_mw:
        if site.power_mw is not None and site.power_mw >= project.power_mw:
            fits.append(f"Puissance {site.power_mw:g} MW (besoin {project.power_mw:g} MW)")
        else:
            have = f"{site.power_mw:g} MW" if site.power_mw is not None else "non renseignée"
            misfits.append(f"Puissance {have} pour {project.power_mw:g} MW demandés")
    if project.classification is not Classification.NONE:
        if site.accepts_classified:
            fits.append("Zone ouverte aux installations classées")
        else:
            misfits.append(
                f"Zone non ouverte aux installations classées ({label(project.classification)})"
            )
    if project.needed_by is not None:
        ready = site.available_on
        if ready is None or ready <= project.needed_by:
            when = f"le {_day(ready)}" if ready else "dès maintenant"
            fits.append(f"Disponible {when} (besoin au {_day(project.needed_by)})")
        else:
            misfits.append(
                f"Disponible le {_day(ready)} seulement (besoin au {_day(project.needed_by)})"
            )
    return fits, misfits


def _sites(session: Session) -> list[Site]:
    query = select(Site).where(Site.active.is_(True)).order_by(Site.name, Site.id)
    return list(session.scalars(query))


def match_sites(
    db: Database, project_id: int, *, today: date | None = None, only_matching: bool = False
) -> list[SiteMatch]:
    """Every site still offered, those that meet every need first (then by fewest misfits)."""
    day = today or date.today()
    with db.unit_of_work(write=False) as session:
        project = load_project(session, project_id)
        tolerance = int(setting_in(session, TOLERANCE_SETTING))
        proposed = {p.site_id for p in project.propositions}
        found = []
        for site in _sites(session):
            fits, misfits = assess(project, site, tolerance)
            if only_matching and misfits:
                continue
            found.append(
                SiteMatch(site_info(site, day), tuple(fits), tuple(misfits), site.id in proposed)
            )
        found.sort(key=lambda m: (len(m.misfits), m.site.park_name, m.site.name))
        return found
