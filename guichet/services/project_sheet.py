"""The project sheet for a site visit: built from the project under its code name only (the
sheet leaves the agency, handed to owners and zone managers), rendered by ``letters``."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from guichet.db import Database
from guichet.db.atomic_files import write_atomically
from guichet.errors import EnvironmentProblem
from guichet.letters.project_sheet import ProjectSheet, SheetSite, render_project_sheet
from guichet.models import label
from guichet.reference.communes import commune
from guichet.services.letters import LetterService
from guichet.services.projects import ProjectDetail, get_project
from guichet.services.settings import SettingsService


def _m2(value: int | None) -> str:
    return "" if not value else f"{value:,}".replace(",", "\u202f") + " m²"


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def needs_lines(d: ProjectDetail) -> tuple[tuple[str, str], ...]:
    flags = [
        text
        for key, text in (
            ("needs_rail", "embranchement ferré"),
            ("needs_port", "accès fluvial ou portuaire"),
            ("needs_gas", "gaz"),
            ("needs_hydrogen", "hydrogène"),
            ("needs_water", "eau industrielle"),
            ("continuous_operation", "fonctionnement 24 h/24, 7 j/7"),
        )
        if getattr(d, key)
    ]
    rows = [
        ("Filière", d.sector),
        ("Code NAF", d.naf_code),
        ("Terrain", _m2(d.land_m2)),
        ("Bâtiment", _m2(d.building_m2) + (f" ({label(d.building_type).lower()})" if d.building_type else "")),
        ("Besoin au", _day(d.needed_by)),
        ("Classement", label(d.classification)),
        ("Puissance électrique", f"{d.power_mw:g} MW" if d.power_mw else ""),
        ("Contraintes", ", ".join(flags)),
        ("Emplois à 3 ans", str(d.jobs_3y) if d.jobs_3y else ""),
        ("Suivi par", d.counsellor_name),
    ]  # fmt: skip
    return tuple((k, v) for k, v in rows if v.strip())


def build_sheet(db: Database, project_id: int, *, today: date | None = None) -> ProjectSheet:
    day = today or date.today()
    d = get_project(db, project_id, today=day)
    sites = []
    for p in d.propositions:
        town = commune(p.site.commune_code) if p.site.commune_code else None
        sites.append(
            SheetSite(
                name=p.site.name,
                park=p.site.park_name,
                commune=town.name if town else p.site.commune_code,
                kind=p.site.kind_label,
                surface=_m2(p.site.surface_m2),
                availability=(
                    f"le {_day(p.site.available_on)}"
                    if p.site.available_on and p.site.available_on > day
                    else p.site.availability_label
                ),
                status=p.status_label,
                visit=_day(p.visit_on),
                services=", ".join(p.site.services),
            )
        )
    values = SettingsService(db).all()
    return ProjectSheet(
        letterhead=LetterService.letterhead(values),
        project_name=d.code_name,
        stage=d.stage_label,
        needs=needs_lines(d),
        sites=tuple(sites),
        printed_on=_day(day),
        created=datetime.combine(day, datetime.min.time()),
    )


def write_sheet(db: Database, project_id: int, path: Path) -> Path:
    pdf = render_project_sheet(build_sheet(db, project_id)).pdf
    try:
        write_atomically(path, pdf)
    except OSError as exc:
        raise EnvironmentProblem(
            f"Impossible d'écrire {path} : vérifiez le dossier et les droits.", detail=str(exc)
        ) from exc
    return path
