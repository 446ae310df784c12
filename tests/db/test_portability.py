"""The same code on SQLite and PostgreSQL: the demo data set, the health check, the services."""

from __future__ import annotations

from guichet.db import Database
from guichet.services.demo import generate_demo
from guichet.services.maintenance import check_database
from guichet.services.overview import load_overview
from guichet.services.settings import SettingsService


def test_demo_data_and_check(portable_db: Database) -> None:
    summary = generate_demo(portable_db)
    report = check_database(portable_db)
    assert report.ok, report.integrity
    assert report.counts["demandes"] == summary.inquiries
    assert (
        report.counts["organisations"] == summary.members + summary.partners + summary.companies + 1
    )
    overview = load_overview(portable_db)
    assert overview.active_members > 0 and len(overview.latest) == 15


def test_settings_roundtrip(portable_db: Database) -> None:
    service = SettingsService(portable_db)
    service.update({"agency.name": "Agence « Test » & Cie", "delays.follow_up_days": 10})
    assert service.get("agency.name") == "Agence « Test » & Cie"
    assert service.get("delays.follow_up_days") == 10
