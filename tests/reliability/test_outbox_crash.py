"""Crash trial: a process logging inquiries into the offline outbox is killed (SIGKILL) at random
instants; every inquiry it had acknowledged is then still in the outbox, whole, and the file is
sound. Self-contained: one child process per kill, ~8 kills."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guichet.services.outbox import Outbox

KILLS = 8

WRITER = """
import sys
from datetime import datetime
from pathlib import Path
from guichet.services.intake import IntakeDraft, NeedDraft
from guichet.services.outbox import Outbox

outbox = Outbox(Path(sys.argv[1]))
number = 0
while True:
    number += 1
    description = str(number % 10) * 20_000
    draft = IntakeDraft(
        datetime(2026, 12, 5, 9, 14), (NeedDraft(1, description),), organization_id=1
    )
    item = outbox.add(draft, f"Demande {number}")
    print(item.key, flush=True)  # acknowledged: the counsellor saw « gardée hors ligne »
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_an_outbox_killed_while_written_keeps_every_acknowledged_inquiry(tmp_path: Path) -> None:
    path = tmp_path / "copies" / "envois.sqlite3"
    chance = random.Random(20261205)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    acknowledged: list[str] = []
    for _trial in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert child.stdout is not None
            first = child.stdout.readline().strip()
            assert first, child.communicate()[1]
            acknowledged.append(first)
            time.sleep(chance.uniform(0.0, 0.1))
        finally:
            child.send_signal(signal.SIGKILL)
            out, _err = child.communicate()
        acknowledged.extend(line for line in out.splitlines() if len(line) == 36)
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        items = Outbox(path).items()
        keys = {item.key for item in items}
        assert set(acknowledged) <= keys
        for item in items:
            number = int(item.label.removeprefix("Demande "))
            assert item.draft.needs[0].description == str(number % 10) * 20_000  # whole
    print(f"{KILLS} kills, {len(acknowledged)} inquiries acknowledged, none lost")
