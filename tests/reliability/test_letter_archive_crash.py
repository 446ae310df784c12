"""Crash trials: a child archiving letters is killed (SIGKILL) at random instants.

The child loops over « proposée » referrals and sends each one's letters the way the app and
``guichet letter`` do (``LetterService.send``: archive, mark the letters and the referral
sent). After every kill the database must open, pass its integrity check, and hold, for every
referral: « envoyée » ⇔ its letters archived with a sending date. About ten kills, bounded to
a few seconds per engine; the instants come from a seeded generator (reproducible).

Not a :mod:`tests.reliability.harness` kind, because the shapes differ: the harness gives each
trial a fresh folder and a fresh ``python -c`` child (about a second of imports), and kills at a
random instant of a calibrated span; this trial keeps one database (SQLite or a PostgreSQL
server, not a folder) across all its kills — so it can assert that no send is ever undone by a
later kill and that every send a worker reported is kept — and forks each worker from one loaded
process (milliseconds), timing the kill on the sends the worker reports. Its counts join the
harness's summary at the end of the session (``RESULTS``).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select, text

from guichet.db import Database
from guichet.models import Letter, Referral, ReferralStatus
from guichet.services.letter_archive import archive_problem, sweep
from guichet.services.referrals import ReferralChoice, ReferralService
from tests.reliability.harness import RESULTS, Outcome
from tests.services.referral_setup import add_need, build_scene

KILLS = 10
REFERRALS = 40
SEED = 20261205
# One process imports the app once, then forks a fresh worker per trial (a new process
# starts in a few milliseconds instead of a second): the worker opens the database itself,
# sends letters, and is the one killed.
FORKER = """
import os, sys
from guichet.services.bootstrap import open_database
from guichet.services.letters import LetterService
from guichet.models import ReferralStatus
from guichet.services.referrals import ReferralService

for command in sys.stdin:
    pid = os.fork()
    if pid == 0:
        db = open_database(sys.argv[1])
        letters, referrals = LetterService(db), ReferralService(db)
        print("ready", flush=True)
        for row in referrals.list_referrals(statuses=[ReferralStatus.PROPOSED]):
            letters.send(row.id)
            print("sent", row.id, flush=True)
        print("done", flush=True)
        os._exit(0)
    print("worker", pid, flush=True)
    _, status = os.waitpid(pid, 0)
    print("ended", status, flush=True)
"""


def _referrals(db: Database) -> list[int]:
    scene = build_scene(db)
    service = ReferralService(db)
    return [
        service.create(add_need(db, scene), [ReferralChoice(scene.partner_id)])[0].id
        for _ in range(REFERRALS)
    ]


def _check(db: Database, url: str) -> tuple[int, int]:
    """Integrity and the invariant; returns (referrals sent, letters sent)."""
    if url.startswith("sqlite"):
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
    # the PDFs are written before their letters (two files on SQLite): a kill may leave a PDF
    # no letter names (swept later), never a letter without its PDF
    assert archive_problem(db) is None
    with db.unit_of_work() as s:
        referrals = s.scalars(select(Referral)).all()
        sent_letters = s.scalars(select(Letter).where(Letter.sent_at.is_not(None))).all()
        by_referral: dict[int, list[Letter]] = {}
        for letter in sent_letters:
            by_referral.setdefault(letter.referral_id or 0, []).append(letter)
        for referral in referrals:
            archived = by_referral.get(referral.id, [])
            sent = referral.status == ReferralStatus.SENT
            assert sent == bool(archived), (referral.id, referral.status, len(archived))
            if sent:  # both letters, with the referral's own sending date
                assert len(archived) == 2 and referral.sent_at is not None
                assert {letter.sent_at for letter in archived} == {referral.sent_at}
        return sum(r.status == ReferralStatus.SENT for r in referrals), len(sent_letters)


class Forker:
    def __init__(self, url: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        self.process = subprocess.Popen(
            [sys.executable, "-c", FORKER, url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.stdin, self.stdout = self.process.stdin, self.process.stdout

    def trial(self, rng: random.Random) -> tuple[bool, int, float]:
        """Starts a worker, lets it send 0–2 referrals, kills it at a random instant of the
        next one. Returns (killed, referrals it reported sent, seconds per send)."""
        self.stdin.write("go\n")
        self.stdin.flush()
        pid = int(self.stdout.readline().split()[1])
        assert self.stdout.readline().strip() == "ready"
        sent, started = 0, time.monotonic()
        for _ in range(rng.randint(0, 2)):
            if not self.stdout.readline().startswith("sent"):
                break
            sent += 1
        pace = (time.monotonic() - started) / sent if sent else 0.15
        time.sleep(rng.uniform(0.0, pace))
        os.kill(pid, signal.SIGKILL)
        line = self.stdout.readline()
        while not line.startswith("ended"):
            sent += line.startswith("sent")
            line = self.stdout.readline()
        return int(line.split()[1]) == signal.SIGKILL, sent, pace

    def close(self) -> None:
        self.stdin.close()
        self.process.wait(timeout=30)


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_a_kill_never_leaves_a_letter_sent_and_its_referral_proposed(
    engine: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    from guichet.services.bootstrap import open_database

    if engine == "sqlite":
        url = f"sqlite:///{tmp_path / 'crash.sqlite3'}"
    else:
        from tests.postgres import fresh_database

        url = fresh_database(request.getfixturevalue("postgres_server"))
    db = open_database(url, create=True)
    try:
        _referrals(db)
        db.dispose()
        rng = random.Random(SEED)
        forker = Forker(url)
        killed, reported = 0, 0
        progress: list[tuple[int, int]] = []
        states: Counter[str] = Counter()
        span = 0.0
        try:
            for _ in range(KILLS):
                before = progress[-1][0] if progress else 0
                was_killed, sent, pace = forker.trial(rng)
                killed += was_killed
                reported += sent
                span = max(span, pace)
                progress.append(_check(db, url))
                db.dispose()
                # the send being made at the kill: committed whole, or not at all
                kept = progress[-1][0] - before > sent
                states["envoi en cours gardé" if kept else "envoi en cours annulé"] += 1
        finally:
            forker.close()
        name = f"archivage de courriers ({engine})"
        RESULTS[name] = Outcome(name, kills=KILLS, killed=killed, states=states, span=span)
        print(f"{engine}: {killed} kills, {reported} sends reported, {progress[-1]} kept")
        assert killed == KILLS  # each worker died by SIGKILL, mid-work
        # Every send the workers reported before dying is kept; at most one more per kill (a
        # commit that landed just before the kill, not yet reported) may have gone through.
        assert reported <= progress[-1][0] <= reported + KILLS
        assert progress[-1][0] > 0
        assert [p[0] for p in progress] == sorted(p[0] for p in progress)  # never undone
        sweep(db)  # what the kills left unnamed goes; every letter keeps its PDF
        assert archive_problem(db) is None
    finally:
        db.dispose()
