"""``guichet adhesions`` on the demo database: about 85 members of Sotraban on the territory."""

from __future__ import annotations

import json

import pytest

from guichet.cli import main
from guichet.db import Database
from tests.conftest import DEMO_NOW


def test_adhesions_prints_each_goal(demo_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert demo_db.path is not None
    day = DEMO_NOW.date().isoformat()
    assert main(["--db", str(demo_db.path), "adhesions", "--date", day, "--json"]) == 0
    [goal] = json.loads(capsys.readouterr().out)
    assert goal["network"] == "Sotraban" and goal["target"] == 100
    assert 80 <= goal["members"] <= 90 and goal["reached"] is False
    assert goal["gained_this_year"] == sum(goal["origins"].values()) > 0
    kinds = {"inquiry", "meeting", "visit", "opportunity", "counsellor", "unknown"}
    assert set(goal["origins"]) <= kinds
    # origins of the year are named: « Demande D-2026-… », « Réunion du … : … », « Visite du … »
    brought = [g["brought_by"] for g in goal["gains"]]
    assert len(brought) == goal["gained_this_year"]
    assert any(b.startswith("Demande D-") for b in brought)
    assert any(b.startswith(("Réunion du ", "Visite du ", "Opportunité : ")) for b in brought)
    assert main(["--db", str(demo_db.path), "adhesions", "--date", day]) == 0
    out = capsys.readouterr().out
    assert f"Sotraban : {goal['members']} / 100 adhérents sur le territoire" in out
    assert "Demande au guichet" in out
