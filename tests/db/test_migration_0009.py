"""Migration 0009 (implantation projects and sites) on a database holding data, down and up."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

import guichet.models as m
from guichet.db import Database
from tests.db.migration_steps import run_migration as _run

TABLES = {
    "implantation_project",
    "project_event",
    "project_partner",
    "business_park",
    "site",
    "site_attachment",
    "proposition",
}


def test_0009_adds_the_implantation_tables_and_keeps_data_down_and_up(empty_db: Database) -> None:
    db = empty_db
    _run(db, command.upgrade, "0004")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO organization (id, kind, legal_name, do_not_refer, version) "
                "VALUES (1, 'company', 'Hydrogène Caux', false, 1)"
            )
        )
    _run(db, command.upgrade, "0009")
    assert set(inspect(db.engine).get_table_names()) >= TABLES
    with db.unit_of_work() as s:
        park = m.BusinessPark(name="ZA du Parc", commune_code="76351")
        site = m.Site(name="Lot 3", park=park, surface_m2=12000, kind=m.SiteKind.PLOT)
        project = m.ImplantationProject(code_name="Projet Alizé", organization_id=1)
        s.add_all([park, site, project])
        s.flush()
        s.add(m.Proposition(project_id=project.id, site_id=site.id, proposed_at=_now()))
    with db.unit_of_work() as s:
        project = s.query(m.ImplantationProject).one()
        assert project.confidential is True
        assert project.stage is m.ProjectStage.FIRST_CONTACT
        assert [p.site.name for p in project.propositions] == ["Lot 3"]
    _run(db, command.downgrade, "0004")
    tables = set(inspect(db.engine).get_table_names())
    assert not (TABLES & tables)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT legal_name FROM organization")).scalar() == (
            "Hydrogène Caux"
        )
    _run(db, command.upgrade, "0009")
    assert set(inspect(db.engine).get_table_names()) >= TABLES


def _now() -> object:
    from datetime import datetime

    return datetime(2026, 12, 1, 10, 0)
