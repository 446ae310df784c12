"""Many counsellors at once on one PostgreSQL database, then one alone for the same mix.

Each simulated counsellor is a separate PROCESS working through the services as the window
does (one unit of work per action, the version checks of ``services/locking.py``): intake of
a new inquiry, a referral on one of its needs, its letters sent, a status change on a referral
every counsellor works on (read, a moment « on screen », then saved with the version read: a
version conflict is what the services raise when someone saved meanwhile, and the simulated
counsellor handles it as the window does — reload, not retried), directory searches.

At the end the database is read back: every action a counsellor believed committed must be
there (``lost``), and no action may have failed with anything but what the window handles
(``errors``): a version conflict (``conflicts``), or « La base de données est occupée… » when
the write lock waited past the busy timeout (``busy``: the counsellor is told, and retries). ``run_counsellors`` is importable (bench/team.py calls it); ``python
bench/counsellors.py`` starts a throw-away PostgreSQL server, fills the demo data and prints the
figures for 10 counsellors over 60 s next to 1 counsellor alone. The last line is JSON.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import sys
import time
import traceback
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, tuple_

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import guichet.models as m
from guichet.db import Database
from guichet.db.problems import BUSY
from guichet.errors import ConcurrentEditError, EnvironmentProblem
from guichet.models.enums import ReferralStatus as S
from guichet.search import DirectorySearch
from guichet.services.intake import (
    IntakeDraft,
    NeedDraft,
    NewContact,
    create_inquiry,
)
from guichet.services.letters import LetterService
from guichet.services.referrals import ReferralChoice, ReferralService

COUNSELLORS = int(os.environ.get("BENCH_COUNSELLORS", "10"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
#: Referrals every counsellor changes the status of (few: they meet, as at a real desk).
SHARED_REFERRALS = 12
#: The next status a shared referral takes (a cycle, so the bench never runs out of moves).
NEXT_STATUS = {S.SENT: S.TAKEN_CARE, S.TAKEN_CARE: S.UNREACHABLE, S.UNREACHABLE: S.TAKEN_CARE}
MIX = ("intake",) * 3 + ("referral",) * 2 + ("letters",) + ("status",) * 3 + ("search",) * 3
WORDS = ("méca", "transport", "bois", "hydro", "conseil", "usinage", "plast", "log")


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Counsellor:
    """One simulated counsellor: its own engine, what it believes committed, its timings."""

    def __init__(self, url: str, number: int) -> None:
        self.db = Database(url)
        self.rng = random.Random(number)
        self.number = number
        with self.db.unit_of_work(write=False) as s:
            counsellors = list(s.scalars(select(m.Counsellor.id).order_by(m.Counsellor.id)))
            self.db.counsellor_id = counsellors[number % len(counsellors)] if counsellors else None
            self.organizations = list(
                s.scalars(
                    select(m.Organization.id)
                    .where(m.Organization.do_not_refer.is_(False))
                    .order_by(m.Organization.id)
                )
            )
            self.subjects = list(s.scalars(select(m.Subject.id).order_by(m.Subject.id)))
            self.shared = list(
                s.scalars(
                    select(m.Referral.id)
                    .where(m.Referral.status.in_(list(NEXT_STATUS)))
                    .order_by(m.Referral.id)
                    .limit(SHARED_REFERRALS)
                )
            )
        self.search = DirectorySearch(self.db)
        self.needs: list[int] = []  # needs of its own inquiries, not yet referred
        self.proposed: list[int] = []  # its referrals whose letters are not sent yet
        self.committed: dict[str, list[Any]] = defaultdict(list)
        self.timings: dict[str, list[float]] = defaultdict(list)
        self.conflicts = 0
        self.busy = 0
        self.errors: list[str] = []
        self.serial = 0

    def act(self, kind: str) -> None:
        start = time.perf_counter()
        try:
            getattr(self, kind)()
        except ConcurrentEditError:
            self.conflicts += 1  # the window shows what changed and reloads the record
        except EnvironmentProblem as exc:
            if exc.message != BUSY:
                raise
            # « La base de données est occupée… Réessayez » : the window says so, the counsellor
            # tries again later; counted apart (the write lock waited past the busy timeout).
            self.busy += 1
        except Exception:  # an unhandled error is what the bench counts
            self.errors.append(traceback.format_exc(limit=3))
        self.timings[kind].append((time.perf_counter() - start) * 1000)

    def intake(self) -> None:
        self.serial += 1
        now = datetime.now()
        created = create_inquiry(
            self.db,
            IntakeDraft(
                received_at=now,
                needs=(NeedDraft(self.rng.choice(self.subjects), "Besoin simulé"),),
                organization_id=self.rng.choice(self.organizations),
                new_contact=NewContact(f"Conseil{self.number}x{self.serial}", "Camille"),
                consent_to_share=True,
                consent_at=now,
                counsellor_id=self.db.counsellor_id,
            ),
        )
        self.committed["inquiries"].append(created.id)
        self.needs.extend(created.need_ids)

    def referral(self) -> None:
        if not self.needs:
            return self.intake()
        need = self.needs.pop()
        with self.db.unit_of_work(write=False) as s:
            own = s.scalar(select(m.Inquiry.organization_id).join(m.Need).where(m.Need.id == need))
        partner = self.rng.choice([o for o in self.organizations[:200] if o != own])
        rows = ReferralService(self.db).create(need, [ReferralChoice(partner)])
        self.committed["referrals"].extend(r.id for r in rows)
        self.proposed.extend(r.id for r in rows)

    def letters(self) -> None:
        if not self.proposed:
            return self.referral()
        sent = LetterService(self.db).send(self.proposed.pop())
        self.committed["letters"].extend(letter.id for letter in sent)

    def status(self) -> None:
        service = ReferralService(self.db)
        referral_id = self.rng.choice(self.shared)
        with self.db.unit_of_work(write=False) as s:  # the form opens on what it read
            shown = s.get(m.Referral, referral_id)
            assert shown is not None
            status, version = S(shown.status), shown.version
        time.sleep(self.rng.uniform(0.002, 0.02))  # the counsellor reads, then saves
        new = NEXT_STATUS[status]
        at = datetime.now()
        service.change_status(referral_id, new, at=at, version=version)
        self.committed["events"].append((referral_id, at.isoformat(), str(new)))

    def search_directory(self) -> None:
        self.search.search(self.rng.choice(WORDS))

    def run(self, seconds: float) -> dict[str, Any]:
        end = time.time() + seconds
        while time.time() < end:
            kind = self.rng.choice(MIX)
            self.act("search_directory" if kind == "search" else kind)
        self.db.dispose()
        return {
            "committed": dict(self.committed),
            "timings": dict(self.timings),
            "conflicts": self.conflicts,
            "busy": self.busy,
            "errors": self.errors,
        }


def _work(url: str, number: int, seconds: float, ready: Any, results: Any) -> None:
    """One process: connect and load, wait for every other one, work, hand back."""
    try:
        counsellor = Counsellor(url, number)
        ready.wait(timeout=300)  # they all start together, whatever their start-up took
        results.put(counsellor.run(seconds))
    except Exception:
        results.put(
            {
                "committed": {},
                "timings": {},
                "conflicts": 0,
                "busy": 0,
                "errors": [traceback.format_exc()],
            }
        )


def lost_writes(url: str, committed: dict[str, list[Any]]) -> int:
    """How many actions believed committed are not in the database."""
    db = Database(url)
    try:
        with db.unit_of_work(write=False) as s:
            missing = 0
            for model, key in (
                (m.Inquiry, "inquiries"),
                (m.Referral, "referrals"),
                (m.Letter, "letters"),
            ):
                ids = set(committed.get(key, []))
                if ids:
                    found = set(s.scalars(select(model.id).where(model.id.in_(ids))))
                    missing += len(ids - found)
            events = {
                (r, datetime.fromisoformat(a), st) for r, a, st in committed.get("events", [])
            }
            if events:
                E = m.ReferralEvent
                found_events = {
                    tuple(row)
                    for row in s.execute(
                        select(E.referral_id, E.at, E.new_status).where(
                            tuple_(E.referral_id, E.at).in_([(r, a) for r, a, _ in events])
                        )
                    )
                }
                missing += len(events - found_events)
            return missing
    finally:
        db.dispose()


def run_counsellors(url: str, counsellors: int, seconds: float) -> dict[str, Any]:
    """``counsellors`` processes working ``seconds`` on the database at ``url`` (migrated, with
    the demo data); the figures, and the lost writes checked by reading the database."""
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(counsellors)
    queue = context.Queue()
    processes = [
        context.Process(target=_work, args=(url, n, seconds, ready, queue))
        for n in range(counsellors)
    ]
    for process in processes:
        process.start()
    results = [queue.get(timeout=seconds + 600) for _ in processes]
    for process in processes:
        process.join()
    committed: dict[str, list[Any]] = defaultdict(list)
    timings: dict[str, list[float]] = defaultdict(list)
    for result in results:
        for key, values in result["committed"].items():
            committed[key].extend(values)
        for key, values in result["timings"].items():
            timings[key].extend(values)
    everything = [t for values in timings.values() for t in values]
    errors = [e for r in results for e in r["errors"]]
    for error in errors[:3]:
        print(error, file=sys.stderr)
    return {
        "counsellors": counsellors,
        "seconds": seconds,
        "actions": len(everything),
        "actions_per_s": round(len(everything) / seconds, 1),
        "p95_ms": round(_percentile(everything, 0.95), 1),
        "p95_by_action_ms": {k: round(_percentile(v, 0.95), 1) for k, v in sorted(timings.items())},
        "conflicts": sum(r["conflicts"] for r in results),
        "busy": sum(r["busy"] for r in results),
        "lost": lost_writes(url, committed),
        "errors": len(errors),
    }


def prepare(url: str) -> None:
    """The schema and the demo data on an empty database."""
    from guichet.services.bootstrap import open_database
    from guichet.services.demo import generate_demo

    db = open_database(url, create=True)
    try:
        generate_demo(db)
    finally:
        db.dispose()


def figures(url: str, counsellors: int = COUNSELLORS, seconds: float = SECONDS) -> dict[str, Any]:
    """Ten counsellors together, then one alone, on the database ``url`` (demo data in it)."""
    team = run_counsellors(url, counsellors, seconds)
    solo = run_counsellors(url, 1, seconds)
    for name, result in (("together", team), ("alone", solo)):
        print(
            f"{result['counsellors']:>2} counsellor(s) {name:<8}: {result['actions_per_s']} "
            f"actions/s, p95 {result['p95_ms']} ms {result['p95_by_action_ms']}, conflicts "
            f"{result['conflicts']}, busy {result['busy']}, lost {result['lost']}, errors {result['errors']}"
        )
    return {
        "counsellors": team["counsellors"],
        "actions_per_s": team["actions_per_s"],
        "p95_ms": team["p95_ms"],
        "solo_p95_ms": solo["p95_ms"],
        "solo_actions_per_s": solo["actions_per_s"],
        "conflicts": team["conflicts"],
        "busy": team["busy"] + solo["busy"],
        "lost": team["lost"] + solo["lost"],
        "errors": team["errors"] + solo["errors"],
        "p95_by_action_ms": team["p95_by_action_ms"],
        "solo_p95_by_action_ms": solo["p95_by_action_ms"],
    }
