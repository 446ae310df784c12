"""The import creates memberships: an import of members joins the goal's network, a « Réseau »
column joins the network it names (created when new), re-importing adds nothing twice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

import guichet.models as m
from guichet.db import Database
from guichet.services.network_goals import goal_progress
from guichet.services.settings import SettingsService
from tests.services.test_imports import GOOD, HEADERS, run, write


def _memberships(db: Database) -> list[tuple[str, str, str]]:
    with db.unit_of_work() as s:
        return sorted(
            (x.organization.legal_name, x.network.legal_name, x.status.value)
            for x in s.scalars(select(m.Membership))
        )


def test_an_import_of_members_joins_the_goal_network(portable_db: Database, tmp_path: Path) -> None:
    db = portable_db
    SettingsService(db).update({"territory.insee_codes": ["76384", "76476"]})
    path = write(tmp_path / "membres.csv", GOOD)
    report = run(db, path, kind=m.OrganizationKind.MEMBER)
    assert report.memberships == 2 and "2 adhésion(s) enregistrée(s)" in report.summary
    assert _memberships(db) == [
        ("Chaudronnerie Œuvre", "Sotraban", "member"),
        ("Usinage Lefèbvre", "Sotraban", "member"),
    ]
    assert goal_progress(db, date.today()).members == 2  # the counter moved
    again = run(db, path, kind=m.OrganizationKind.MEMBER)
    assert again.memberships == 0 and len(_memberships(db)) == 2
    with db.unit_of_work() as s:
        audited = s.scalars(select(m.AuditEntry).where(m.AuditEntry.entity == "membership"))
        assert len(list(audited)) >= 2


def test_a_network_column_names_the_network(portable_db: Database, tmp_path: Path) -> None:
    db = portable_db
    rows = [[*GOOD[0], "Club Hydrogène Estuaire"], [*GOOD[1], ""]]
    path = write(tmp_path / "entreprises.csv", rows, headers=[*HEADERS, "Réseau"])
    report = run(db, path)  # companies: only the row naming a network joins one
    assert report.memberships == 1
    assert _memberships(db) == [("Usinage Lefèbvre", "Club Hydrogène Estuaire", "member")]
    with db.unit_of_work() as s:
        network = s.scalars(
            select(m.Organization).where(m.Organization.kind == m.OrganizationKind.NETWORK)
        ).one()
        assert network.legal_name == "Club Hydrogène Estuaire"
