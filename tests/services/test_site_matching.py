"""Matching: surface within the tolerance, required services, availability by the date;
propositions, visits and the decision."""

from __future__ import annotations

from datetime import date

import pytest

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import Classification, ProjectStage, PropositionStatus, SiteKind
from guichet.services.project_stages import change_stage
from guichet.services.projects import proposed_sites
from guichet.services.propositions import decide, propose_site, record_visit
from guichet.services.settings import SettingsService
from guichet.services.site_matching import check_surface, match_sites
from guichet.services.sites import get_site
from tests.services.project_setup import TODAY, a_project, a_site


@pytest.mark.parametrize(
    ("surface", "fits"),
    [(8_000, True), (12_000, True), (7_999, False), (12_001, False)],
)
def test_surface_within_the_tolerance(surface: int, fits: bool) -> None:
    verdict = check_surface(10_000, surface, 20)
    assert verdict is not None and verdict[0] is fits
    assert check_surface(None, surface, 20) is None


def test_sites_are_matched_with_what_fits_and_what_does_not(portable_db: Database) -> None:
    db = portable_db
    pid = a_project(
        db,
        land_m2=20_000,
        needs_rail=True,
        needs_hydrogen=True,
        power_mw=10.0,
        classification=Classification.SEVESO_LOW,
        needed_by=date(2027, 6, 30),
    )
    a_site(
        db, "Lot parfait", 21_000, has_rail=True, has_hydrogen=True, power_mw=15.0,
        accepts_classified=True, available_on=date(2027, 1, 1),
    )  # fmt: skip
    a_site(db, "Lot trop petit", 9_000, has_rail=True, has_hydrogen=True, power_mw=15.0)
    a_site(
        db, "Lot tardif", 20_000, has_rail=True, has_hydrogen=True, power_mw=15.0,
        accepts_classified=True, available_on=date(2027, 9, 1),
    )  # fmt: skip
    a_site(db, "Lot vendu", 20_000, active=False)
    matches = {m.site.name: m for m in match_sites(db, pid, today=TODAY)}
    assert set(matches) == {"Lot parfait", "Lot trop petit", "Lot tardif"}
    perfect = matches["Lot parfait"]
    assert perfect.matches and len(perfect.fits) == 6
    assert "Hydrogène" in perfect.fits
    small = matches["Lot trop petit"]
    assert any("trop petite" in m for m in small.misfits)
    assert any("installations classées" in m for m in small.misfits)
    assert any("Disponible le 01/09/2027 seulement" in m for m in matches["Lot tardif"].misfits)
    assert [m.site.name for m in match_sites(db, pid, today=TODAY, only_matching=True)] == [
        "Lot parfait"
    ]


def test_the_tolerance_is_a_setting(db: Database) -> None:
    pid = a_project(db, land_m2=10_000)
    a_site(db, "Lot", 13_000)
    assert not match_sites(db, pid, today=TODAY)[0].matches
    SettingsService(db).update({"implantation.surface_tolerance_pct": 30})
    assert match_sites(db, pid, today=TODAY)[0].matches


def test_a_building_is_matched_on_the_floor_area(db: Database) -> None:
    pid = a_project(db, land_m2=20_000, building_m2=4_000)
    a_site(db, "Hall", 4_200, kind=SiteKind.BUILDING)
    [match] = match_sites(db, pid, today=TODAY)
    assert match.matches and match.fits[0].startswith("Surface 4")


def test_propose_visit_decide_and_establish(portable_db: Database) -> None:
    db = portable_db
    pid = a_project(db, land_m2=20_000)
    first = a_site(db, "Lot A", 20_000)
    second = a_site(db, "Lot B", 19_000)
    pa = propose_site(db, pid, first)
    pb = propose_site(db, pid, second)
    with pytest.raises(ValidationError, match="déjà proposé"):
        propose_site(db, pid, first)
    assert [m.proposed for m in match_sites(db, pid, today=TODAY)] == [True, True]
    with pytest.raises(ValidationError, match="futur"):
        record_visit(db, pa, date(2026, 12, 10), today=TODAY)
    record_visit(db, pa, date(2026, 11, 28), notes="Accès poids lourds à revoir", today=TODAY)
    with pytest.raises(ValidationError, match="pourquoi"):
        decide(db, pb, PropositionStatus.REJECTED)
    decide(db, pb, PropositionStatus.REJECTED, note="Trop loin du quai")
    decide(db, pa, PropositionStatus.RETAINED)
    with pytest.raises(ValidationError, match="déjà retenu"):
        decide(db, pb, PropositionStatus.RETAINED, note="revu")
    statuses = {p.site.name: (p.status, p.visit_on) for p in proposed_sites(db, pid)}
    assert statuses == {
        "Lot A": (PropositionStatus.RETAINED, date(2026, 11, 28)),
        "Lot B": (PropositionStatus.REJECTED, None),
    }
    for stage in (
        ProjectStage.QUALIFICATION,
        ProjectStage.SITE_SEARCH,
        ProjectStage.PROPOSALS,
        ProjectStage.VISITS,
        ProjectStage.DECISION,
        ProjectStage.ESTABLISHED,
    ):
        change_stage(db, pid, stage)
    assert not get_site(db, first).active  # taken off the offer
    assert get_site(db, second).active
    with pytest.raises(ValidationError, match="ne reçoit plus"):
        propose_site(db, pid, second)
