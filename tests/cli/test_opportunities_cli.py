"""``guichet opportunites`` and ``guichet correspondances``."""

from __future__ import annotations

import json

import pytest

from guichet.cli import main
from guichet.db import Database
from guichet.services.opportunities import LotInput
from tests.services.opportunity_setup import buyer, capability_id, member, opportunity


def test_opportunities_and_their_matches(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert db.path is not None
    path = str(db.path)
    assert main(["--db", path, "opportunites"]) == 0
    assert "Aucune opportunité." in capsys.readouterr().out
    piping, cabling = capability_id(db, "Tuyauterie haute pression"), capability_id(db, "Câblage")
    member(db, "Tuyaux Caux", ("Tuyauterie haute pression",))
    member(db, "Câbles Bolbec", ("Câblage",))
    opportunity_id = opportunity(
        db,
        LotInput(1, "Tuyauterie HP", capability_ids=(piping,)),
        LotInput(2, "Tuyauterie et câblage", capability_ids=(piping, cabling)),
        buyer_id=buyer(db),
    )
    assert main(["--db", path, "opportunites", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["id"] == opportunity_id and row["buyer"] == "Hydrogène de la Seine"
    assert (row["lots"], row["relayed_to"], row["answers"]) == (2, 0, 0)
    assert row["deadline"] == "2026-12-04T12:00:00"
    assert {"title", "deadline", "lots", "relayed_to", "answers"} <= set(row)
    assert main(["--db", path, "correspondances", str(opportunity_id), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    first, second = result["lots"]
    assert [m["name"] for m in first["matches"]] == ["Tuyaux Caux"]
    assert "sur le territoire" in first["matches"][0]["reason"]
    assert second["matches"] == []
    assert [sorted(m["name"] for m in g["members"]) for g in second["groupements"]] == [
        ["Câbles Bolbec", "Tuyaux Caux"]
    ]
    assert main(["--db", path, "correspondances", str(opportunity_id)]) == 0
    out = capsys.readouterr().out
    assert "Lot 2 — Tuyauterie et câblage" in out
    assert "aucune entreprise ne couvre seule ce lot" in out
    assert "Câbles Bolbec apporte Câblage (lot 2)" in out


def test_an_unknown_opportunity_is_a_french_error(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert db.path is not None
    assert main(["--db", str(db.path), "correspondances", "999"]) != 0
    assert "n'existe plus" in capsys.readouterr().err
