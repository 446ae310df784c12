"""``guichet relayer ID -o DOSSIER``: the proposed members by default, or those named."""

from __future__ import annotations

import email
import json
from email import policy
from pathlib import Path

import pytest
from sqlalchemy import select

import guichet.models as m
from guichet.cli import main
from guichet.db import Database
from guichet.services.opportunities import LotInput
from tests.services.opportunity_setup import buyer, capability_id, member, opportunity


def _relayed(db: Database, opp: int) -> list[int]:
    with db.unit_of_work(write=False) as s:
        return sorted(
            s.scalars(select(m.Relay.organization_id).where(m.Relay.opportunity_id == opp))
        )


def test_relayer_writes_letters_and_drafts_and_marks_the_proposed_members(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.unit_of_work(write=False) as s:
        name = s.scalars(select(m.Capability.name).order_by(m.Capability.id)).first()
    assert name is not None
    fit = member(db, "Soudure Caux", (name,))
    other = member(db, "Plasturgie Bolbec")
    opp = opportunity(
        db,
        LotInput(1, "Lot soudure", capability_ids=(capability_id(db, name),)),
        buyer_id=buyer(db),
    )
    folder = tmp_path / "envoi"
    assert main(["--db", str(db.path), "relayer", str(opp), "-o", str(folder), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["relayed_to"] == [fit] and _relayed(db, opp) == [fit]
    assert Path(out["letters"]).is_file()
    [draft] = out["drafts"]
    message = email.message_from_bytes(Path(draft).read_bytes(), policy=policy.default)
    assert "4 décembre 2026" in message["Subject"]
    # named members, one draft in Bcc
    assert (
        main(
            [
                "--db",
                str(db.path),
                "relayer",
                str(opp),
                "-o",
                str(folder),
                "--adherents",
                str(other),
                "--cci",
            ]
        )
        == 0
    )
    assert "relayée à 1 adhérent" in capsys.readouterr().out
    assert _relayed(db, opp) == sorted([fit, other])


def test_relayer_refuses_a_bad_list_in_french(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["--db", str(db.path), "relayer", "1", "-o", str(tmp_path), "--adherents", "a,b"])
    assert "numéros d'organisation" in capsys.readouterr().err
