"""``guichet stats``: every figure of a period from the figures service, as text or JSON."""

from __future__ import annotations

import json

import pytest

from guichet.cli import main
from guichet.db import Database
from guichet.services.figures import Period, activity_figures, figures_as_json
from tests.conftest import DEMO_NOW
from tests.services.figures_setup import NOW, build_quarter


def test_stats_json_is_the_figures_service(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    build_quarter(db)
    assert db.path is not None
    argv = ["--db", str(db.path), "stats", "--du", "2026-01-01", "--au", "2026-03-31"]
    assert main([*argv, "--maintenant", NOW.isoformat(), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = figures_as_json(activity_figures(db, Period.of_quarter(2026, 1), now=NOW))
    assert data == expected
    assert data["period"]["label"] == "1er trimestre 2026"
    assert data["volumes"]["total"] == 7 and data["previous_volumes"]["total"] == 1
    assert data["reactivity"]["first_response"] == {"hits": 4, "total": 7, "rate": 4 / 7}
    assert main([*argv, "--maintenant", NOW.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "Période : 1er trimestre 2026" in out
    assert "Demandes : 7 (même période un an avant : 1)" in out
    assert "Première réponse sous 72 h : 57 %" in out
    assert "Mise en relation sous 72 h : 50 %" in out


def test_stats_refuses_a_bad_date(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert db.path is not None
    with pytest.raises(SystemExit):
        main(["--db", str(db.path), "stats", "--du", "2026-13-01"])
    assert "date invalide : « 2026-13-01 »" in capsys.readouterr().err
    assert main(["--db", str(db.path), "stats", "--du", "2026-03-01", "--au", "2026-02-01"]) != 0
    assert "précède" in capsys.readouterr().err


def test_stats_on_the_demo_covers_every_family(
    demo_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert demo_db.path is not None
    argv = ["--db", str(demo_db.path), "stats", "--maintenant", DEMO_NOW.isoformat(), "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["period"]["label"] == "année 2026"
    assert data["volumes"]["total"] == sum(c["count"] for c in data["volumes"]["by_channel"]) > 0
    for family in ("referrals", "network", "meetings", "projects", "opportunities", "communes"):
        assert family in data
    assert data["referrals"]["sent"] > 0 and data["meetings"]["held"] > 0
    assert data["subjects"] and data["naf_sections"] and data["headcount_bands"]
