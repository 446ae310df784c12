"""``guichet reunions`` on the demo database."""

from __future__ import annotations

import json

import pytest

from guichet.cli import main
from guichet.db import Database


def test_reunions_lists_upcoming_first_with_their_counts(
    demo_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert demo_db.path is not None
    assert main(["--db", str(demo_db.path), "reunions", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"id", "titre", "debut", "lieu", "invites", "inscrits", "presents"} <= set(rows[0])
    hydrogen = next(r for r in rows if r["titre"].startswith("Hydrogène"))
    assert hydrogen["statut"] == "Tenue"
    assert hydrogen["invites"] >= hydrogen["inscrits"] >= hydrogen["presents"] > 0
    planned = [r["statut"] == "Prévue" for r in rows]
    assert planned == sorted(planned, reverse=True)  # upcoming ones first
    assert main(["--db", str(demo_db.path), "reunions"]) == 0
    out = capsys.readouterr().out
    assert f"{len(rows)} réunion(s) :" in out and "présents (tenue)" in out
