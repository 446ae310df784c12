"""kill -9 while relaying an opportunity to twenty members: whatever the instant, the database
holds every relay of the action (each with its archived letter, and the merged letters written
in the folder) or none of them.

Eight kills with a fixed seed (see ``harness.py``); the counts are printed at the end of the
test session.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from guichet.services.bootstrap import open_database
from guichet.services.opportunities import LotInput
from tests.reliability.harness import Kind, run_trials
from tests.services.opportunity_setup import buyer, member, opportunity

KILLS = 8
DB = "guichet.sqlite3"
MEMBERS = 20
_TEMPLATE: dict[str, Path] = {}

SCRIPT = """
import json, sys
from pathlib import Path
from guichet.services.bootstrap import open_database
from guichet.services.relay import RelayChoice, relay_opportunity
folder = Path(sys.argv[1])
scene = json.loads((folder / "scene.json").read_text())
db = open_database(f"sqlite:///{folder / 'guichet.sqlite3'}")
choices = [RelayChoice(org_id) for org_id in scene["members"]]
print("ready", flush=True)
relay_opportunity(db, scene["opportunity"], choices, folder=folder / "envoi")
print("done", flush=True)
"""


def _template(base: Path) -> Path:
    """One database with an opportunity and twenty members, copied into each trial's folder."""
    if "path" not in _TEMPLATE:
        folder = base / "modele"
        folder.mkdir(parents=True, exist_ok=True)
        db = open_database(f"sqlite:///{folder / DB}", create=True)
        opp = opportunity(db, LotInput(1, "Tuyauterie"), LotInput(2, "Câblage"), buyer_id=buyer(db))
        members = [member(db, f"Adhérent {n}") for n in range(MEMBERS)]
        db.dispose()
        (folder / "scene.json").write_text(json.dumps({"opportunity": opp, "members": members}))
        _TEMPLATE["path"] = folder
    return _TEMPLATE["path"]


def _prepare(folder: Path) -> None:
    template = _template(folder.parent.parent)
    shutil.copy(template / DB, folder / DB)
    shutil.copy(template / "scene.json", folder / "scene.json")


def _check(folder: Path) -> str:
    conn = sqlite3.connect(folder / DB)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        relays = conn.execute("SELECT count(*) FROM opportunity_relay").fetchone()[0]
        letters = conn.execute("SELECT count(*) FROM letter WHERE kind = 'opportunity'").fetchone()[
            0
        ]
        linked = conn.execute(
            "SELECT count(*) FROM opportunity_relay r JOIN letter l ON l.id = r.letter_id"
        ).fetchone()[0]
    finally:
        conn.close()
    assert relays in (0, MEMBERS), f"{relays} relais sur {MEMBERS} : relais à moitié enregistré"
    assert letters == linked == relays, (letters, linked, relays)
    if relays:
        merged = list((folder / "envoi").glob("relais-*-courriers.pdf"))
        assert len(merged) == 1 and merged[0].stat().st_size > 0, "courriers absents"
        return "tous les relais"
    return "aucun relais"


def test_a_killed_relay_records_all_its_relays_or_none(tmp_path: Path) -> None:
    _TEMPLATE.clear()
    outcome = run_trials(
        Kind("relais d'opportunité", _prepare, SCRIPT, _check), tmp_path, kills=KILLS
    )
    assert outcome.killed >= 1
