"""``guichet envois`` lists and sends the offline outbox; ``guichet copie-locale`` refreshes the
local copy of the directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

import guichet.models as m
from guichet.cli import main
from guichet.config import AppPaths
from guichet.db import Database
from guichet.services.intake import IntakeDraft, NeedDraft
from guichet.services.offline_copy import read_info
from guichet.services.outbox import Outbox, outbox_path
from tests.services.intake_helpers import NOW, make_company, subject_ids


def test_outbox_listed_then_sent_once(
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("GUICHET_HOME", str(tmp_path / "home"))
    data = AppPaths.detect().data_dir
    org = make_company(db, "Électronique Maillard")
    outbox = Outbox(outbox_path(data, db.url))
    item = outbox.add(
        IntakeDraft(NOW, (NeedDraft(subject_ids(db, 1)[0]),), organization_id=org),
        "Électronique Maillard",
    )
    assert db.path is not None
    base = ["--db", str(db.path)]
    assert main([*base, "envois"]) == 0
    out = capsys.readouterr().out
    assert item.key in out and "1 demande(s) en attente." in out
    assert main([*base, "envois", "--envoyer"]) == 0
    assert "D-2026-" in capsys.readouterr().out
    assert main([*base, "envois", "--envoyer"]) == 0
    assert "Aucune demande" in capsys.readouterr().out
    with db.unit_of_work(write=False) as s:
        assert s.scalar(select(func.count()).select_from(m.Inquiry)) == 1
    assert main([*base, "copie-locale"]) == 0
    assert "Annuaire du " in capsys.readouterr().out
    info = read_info(next((data / "copies").glob("annuaire-*.sqlite3")))
    assert info is not None and info.organizations == 1
