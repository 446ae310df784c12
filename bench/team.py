"""A team on one PostgreSQL server: the window never freezes on a slow network.

``max_stall_ms``: the GUI thread's longest stall (5 ms heartbeat) during a scripted run —
Accueil, Demandes, Relances, Annuaire, an intake, a referral, a status change, the pages again —
in the real main window, against a throw-away PostgreSQL server behind 20 ms of added latency
(``tc netem`` on the loopback when the kernel has it, else emulated per round trip: the JSON
says which). Baselines measured in the same run: the same script with round trips on the GUI
thread as before (``baseline_stall_ms``), and without latency (``no_latency_stall_ms``).
Goal: ``max_stall_ms`` ≤ 100.

The 10 simulated counsellors (issue 10 item 7) extend this file: add their figures to
``figures`` in :func:`main`; the stall measure is :func:`teamkit.stall.measure`.

``BENCH_TEAM=stall`` runs the stall half alone (a quick run while working on the GUI thread);
``BENCH_STALL_STACKS=1`` also prints, for each stall over 50 ms, where the GUI thread was
(:mod:`teamkit.sampler`).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from teamkit.counsellors import figures as counsellor_figures
from teamkit.latency import added_latency
from teamkit.server import tcp_server
from teamkit.stall import measure


def prepare(url: str) -> None:
    """Schema, seeded taxonomy, the demo data (a partner to refer to, inquiries to list)."""
    from guichet.services.bootstrap import open_database
    from guichet.services.demo import generate_demo

    db = open_database(url, create=True)
    generate_demo(db)
    db.dispose()


def stall_figures(url: str, home: Path) -> dict[str, object]:
    measure(url, home / "warm", offload=True)  # imports, first connections: not measured
    quiet = measure(url, home / "quiet", offload=True)
    with added_latency() as how:
        before = measure(url, home / "before", offload=False)
        stacks = os.environ.get("BENCH_STALL_STACKS") == "1"
        after = measure(url, home / "after", offload=True, stacks=stacks)
    print(
        f"sans latence ajoutée     : plus long blocage {quiet.max_ms:.0f} ms ({quiet.worst_step})"
    )
    print(
        f"20 ms, avant (référence) : plus long blocage {before.max_ms:.0f} ms ({before.worst_step})"
    )
    print(
        f"20 ms, après             : plus long blocage {after.max_ms:.0f} ms ({after.worst_step})"
    )
    print(f"latence ajoutée : {how}")
    for step, worst in after.per_step.items():
        print(
            f"  après, {step:<16}: {worst:.0f} ms (avant : {before.per_step.get(step, 0):.0f} ms)"
        )
    return {
        "max_stall_ms": round(after.max_ms, 1),
        "baseline_stall_ms": round(before.max_ms, 1),
        "no_latency_stall_ms": round(quiet.max_ms, 1),
        "latency": how,
        "latency_ms": 20,
        "worst_step": after.worst_step,
    }


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="guichet-bench-team-"))
    os.environ.setdefault("GUICHET_HOME", str(work / "home"))
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tcp_server() as (url, _port):
        prepare(url)
        figures = stall_figures(url, work)
        if os.environ.get("BENCH_TEAM", "all") != "stall":
            figures |= counsellor_figures(url)  # ten counsellors (processes) at once, then one
    print(json.dumps({"bench": "team", **figures}))


if __name__ == "__main__":
    main()
