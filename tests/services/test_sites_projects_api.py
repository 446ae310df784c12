"""The first API of projects and sites: catalogue with positions and availability, a project's
proposed sites, code names in lists (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

import guichet.models as m
from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models.implantation_enums import SiteAvailability
from guichet.services.projects import (
    ProjectDraft,
    create_project,
    get_project,
    list_projects,
    proposed_sites,
)
from guichet.services.sites import (
    ParkDraft,
    SiteDraft,
    list_parks,
    list_sites,
    save_park,
    save_site,
)

TODAY = date(2026, 12, 1)


def test_sites_carry_their_position_and_availability(portable_db: Database) -> None:
    db = portable_db
    park = save_park(db, ParkDraft("ZA Port-Jérôme", "76476", 49.47, 0.59))
    save_site(db, SiteDraft("Lot A", 20_000, park_id=park, available_on=date(2026, 6, 1)))
    save_site(
        db,
        SiteDraft(
            "Hall B",
            4_000,
            kind=m.SiteKind.BUILDING,
            park_id=park,
            available_on=date(2027, 3, 1),
            latitude=49.48,
            longitude=0.6,
        ),
    )
    save_site(db, SiteDraft("Lot C", 9_000, park_id=park, active=False))
    sites = {s.name: s for s in list_sites(db, today=TODAY)}
    assert sites["Lot A"].availability is SiteAvailability.AVAILABLE
    assert (sites["Lot A"].latitude, sites["Lot A"].longitude) == (49.47, 0.59)
    assert not sites["Lot A"].own_position
    assert sites["Hall B"].availability is SiteAvailability.LATER
    assert (sites["Hall B"].latitude, sites["Hall B"].longitude) == (49.48, 0.6)
    assert sites["Lot C"].availability is SiteAvailability.UNAVAILABLE
    assert sites["Lot A"].commune_code == "76476" and sites["Lot A"].park_name == "ZA Port-Jérôme"
    assert [p.site_count for p in list_parks(db)] == [3]


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        (SiteDraft("", 100), "nom du site"),
        (SiteDraft("Lot", 0), "surface"),
        (SiteDraft("Lot", 10, latitude=49.0), "latitude et la longitude"),
        (SiteDraft("Lot", 10, commune_code="123"), "code commune"),
    ],
)
def test_a_bad_site_is_refused_in_french(db: Database, draft: SiteDraft, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        save_site(db, draft)


def test_a_project_lists_under_its_code_name_with_its_proposed_sites(
    portable_db: Database,
) -> None:
    db = portable_db
    site = save_site(db, SiteDraft("Lot A", 20_000))
    pid = create_project(
        db, ProjectDraft("Projet Alizé", company_name="H2 Normandie SAS"), today=TODAY
    )
    with db.unit_of_work() as s:
        s.add(m.Proposition(project_id=pid, site_id=site, proposed_at=datetime(2026, 12, 1, 9)))
    [row] = list_projects(db, today=TODAY)
    assert row.name == "Projet Alizé" and row.stage is m.ProjectStage.FIRST_CONTACT
    assert row.no_next_action
    assert [p.site.name for p in proposed_sites(db, pid, today=TODAY)] == ["Lot A"]
    detail = get_project(db, pid, today=TODAY)
    assert detail.company_name == "" and not detail.company_visible
    assert [e.new_stage for e in detail.events] == ["Premier contact"]
    with pytest.raises(ValidationError, match="déjà pris"):
        create_project(db, ProjectDraft("Projet Alizé"))
