"""Crash trial: a process writing intake drafts in a loop is killed (SIGKILL) at random instants;
the draft file is then always a complete draft — the last one written or the one before — and
never a truncated or empty file. Self-contained: one child process per kill, ~10 kills."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guichet.services.drafts import DraftFile

KILLS = 10
PAYLOAD = 200_000  # characters per draft: a write takes long enough to be hit in the middle

WRITER = f"""
import sys
from datetime import datetime
from pathlib import Path
from guichet.services.drafts import DraftFile, IntakeFormDraft, NeedText

file = DraftFile(Path(sys.argv[1]))
version = int(sys.argv[2])  # the versions of one child follow those of the one before
while True:
    version += 1
    file.write(
        IntakeFormDraft(
            received_at=datetime(2026, 12, 5, 9, 14),
            channel="desk",
            company_text=f"version {{version}}",
            needs=(NeedText(description=str(version % 10) * {PAYLOAD}),),
        )
    )
    if version == int(sys.argv[2]) + 1:
        print("ready", flush=True)  # writing in a loop now: the parent may kill at any time
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_a_draft_killed_while_being_written_is_the_old_or_the_new_one(tmp_path: Path) -> None:
    path = tmp_path / "brouillons" / "demande.json"
    chance = random.Random(20261205)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    seen: list[int] = []
    interrupted = 0  # kills that left a half-written temporary file behind
    for _trial in range(KILLS):
        before = DraftFile(path).read()
        old = 0 if before is None else int(before.company_text.removeprefix("version "))
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(old)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            assert child.stdout is not None
            assert child.stdout.readline() == b"ready\n", child.communicate()[1].decode()
            time.sleep(chance.uniform(0.0, 0.05))  # a few writes at most
        finally:
            child.send_signal(signal.SIGKILL)
            child.communicate()
        interrupted += bool(list(path.parent.glob(".*.tmp")))
        draft = DraftFile(path).read()  # also removes what a killed write left behind
        assert draft is not None, f"unreadable draft after a kill: {path.read_bytes()[:80]!r}"
        version = int(draft.company_text.removeprefix("version "))
        assert draft.needs[0].description == str(version % 10) * PAYLOAD  # complete
        assert version > old  # the last complete draft this writer wrote (it had written one)
        seen.append(version)
        assert list(path.parent.glob(".*.tmp")) == []
    assert len(seen) == KILLS
    print(f"{KILLS} kills, {interrupted} in the middle of a write, versions {seen}")
