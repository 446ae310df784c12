"""Shared set-up of the implantation tests: a project, a park and sites."""

from __future__ import annotations

from datetime import date

from guichet.db import Database
from guichet.services.projects import ProjectDraft, create_project
from guichet.services.sites import ParkDraft, SiteDraft, save_park, save_site

TODAY = date(2026, 12, 1)
SECRET = "Hynormandie Électrolyse SAS"


def a_project(db: Database, **needs: object) -> int:
    values: dict[str, object] = {"code_name": "Projet Zéphyr", "company_name": SECRET}
    values.update(needs)
    return create_project(db, ProjectDraft(**values), today=TODAY)  # type: ignore[arg-type]


def a_park(db: Database) -> int:
    return save_park(db, ParkDraft("ZIP Port-Jérôme", "76476", 49.5, 0.59))


def a_site(db: Database, name: str, surface: int, **values: object) -> int:
    return save_site(db, SiteDraft(name, surface, **values))  # type: ignore[arg-type]
