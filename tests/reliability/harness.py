"""Kill -9 trials: a child process is killed at a random instant of an operation, then the
invariants are checked on what it left.

A trial kind gives three things: ``prepare(folder)`` builds the state before the operation,
``script`` is the Python code of the child (it prints ``ready`` once imported, right before the
operation, and ``done`` at the end), and ``check(folder)`` asserts the invariants and says which
state it found (for instance ``"ancienne"`` or ``"nouvelle"``). One calibration run, not killed,
measures how long the operation takes; each trial then kills the child at a uniform random
instant of that span (a fixed seed: the same instants each run). Timing only schedules kills;
nothing is asserted on it.

Usage (see ``test_crash_trials.py``)::

    outcome = run_trials(Kind("sauvegarde", prepare, SCRIPT, check), tmp_path, kills=8)
    assert outcome.killed >= 1
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Kills are drawn over the operation's span and a little after, so that some trials find the
#: new state (the commit or rename done, the process not yet gone).
LATE = 1.25
#: Every kind's counts in this run, printed at the end of the session (conftest.py).
RESULTS: dict[str, Outcome] = {}


@dataclass(frozen=True)
class Kind:
    """A kind of trial.

    Attributes:
        name: shown in the summary (« création », « migration »…).
        prepare: builds the state before the operation in an empty folder.
        script: the child's code; ``sys.argv[1]`` is the folder.
        check: asserts the invariants on the folder and returns the state found.
    """

    name: str
    prepare: Callable[[Path], None]
    script: str
    check: Callable[[Path], str]
    args: Sequence[str] = ()


@dataclass
class Outcome:
    kind: str
    kills: int = 0
    killed: int = 0  # the child was still at work when the signal came
    states: Counter[str] = field(default_factory=Counter)
    span: float = 0.0

    def line(self) -> str:
        states = ", ".join(f"{name} {count}" for name, count in sorted(self.states.items()))
        return (
            f"{self.kind}: {self.kills} kill -9 ({self.killed} avant la fin du processus, "
            f"fenêtre {self.span * 1000:.0f} ms) — états trouvés : {states} — invariants tenus"
        )


def _child(kind: Kind, folder: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", kind.script, str(folder), *kind.args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )


def _wait_ready(child: subprocess.Popen[str]) -> None:
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    if line != "ready":
        child.kill()
        _, err = child.communicate()
        raise AssertionError(f"the child did not start: {line!r}\n{err}")


def calibrate(kind: Kind, folder: Path) -> float:
    """Seconds from ``ready`` to ``done`` when nothing stops the child (and proof that the
    operation succeeds)."""
    folder.mkdir(parents=True)
    kind.prepare(folder)
    child = _child(kind, folder)
    _wait_ready(child)
    start = time.perf_counter()
    assert child.stdout is not None
    finished = child.stdout.readline().strip()
    span = time.perf_counter() - start
    _, err = child.communicate(timeout=120)
    assert child.returncode == 0 and finished == "done", err
    kind.check(folder)
    return span


def run_trials(kind: Kind, workdir: Path, *, kills: int = 8, seed: int = 20261205) -> Outcome:
    """``kills`` trials of ``kind`` in sub-folders of ``workdir``; raises on a broken invariant."""
    rng = random.Random(f"{seed}-{kind.name}")
    outcome = Outcome(kind.name, span=calibrate(kind, workdir / "calibration"))
    for trial in range(kills):
        folder = workdir / f"essai-{trial}"
        folder.mkdir(parents=True)
        kind.prepare(folder)
        child = _child(kind, folder)
        _wait_ready(child)
        time.sleep(rng.uniform(0, outcome.span * LATE))
        still_running = child.poll() is None
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=60)
        outcome.kills += 1
        outcome.killed += still_running and child.returncode == -signal.SIGKILL
        try:
            outcome.states[kind.check(folder)] += 1
        except AssertionError as exc:
            raise AssertionError(f"{kind.name}, essai {trial}: {exc}") from exc
    RESULTS[kind.name] = outcome
    return outcome
