"""Scale: every page, the check, an export and the close-time backup at 1×, 10× and 100× the demo.

Databases come from ``guichet demo --echelle N`` (N = 100: ten years, 30,000 inquiries, 9,000
organisations, 45,000 archived letters). Building 100× takes minutes, so each built database is
cached under ``$GUICHET_SCALE_CACHE`` (default: the temporary folder), keyed by a hash of the
code that shapes the data (the demo generator, the models, the migrations); every run works on a
fresh copy, so the cache stays as built.

Each scale's copy is first opened once (migrated, analysed: ``open_s``). Then, ``BENCH_ROUNDS``
times, the scales take turns — so that a machine busy with other work weighs on every scale
alike — each in a child process (a real window: ``make bench`` runs under Xvfb) that builds the
main window and shows each page of the sidebar in turn, timing until the page's data is on
screen: its background loads finished and their results delivered. A first pass of each child
imports the pages' modules and is not counted. « Accueil » is timed from the window's
construction, since the window opens on it. A last child per scale times ``guichet check``, the
export of every inquiry (CSV), the backup made when the window closes, and the year's activity
report of last year (:func:`time_report`).

The baseline is 1× in the same run: ``growth_100x`` is the worst page's time at 100× over its
time at 1× (goal ≤ 3); ``report_s`` at 100× (goal < 5 s). The last line is JSON.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
SCALES = tuple(int(n) for n in os.environ.get("BENCH_SCALES", "1,10,100").split(","))
#: The code whose change makes a cached database stale (an older schema is migrated at opening).
DATA_CODE = ("guichet/services/demo",)


# -- databases ----------------------------------------------------------------------------------


def code_key() -> str:
    """A hash of the code that shapes the data: a cached database is reused while it holds."""
    digest = hashlib.sha256()
    for name in DATA_CODE:
        base = ROOT / name
        files = sorted(base.rglob("*.py")) if base.is_dir() else [base]
        for path in files:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    base = os.environ.get("GUICHET_SCALE_CACHE") or str(Path(tempfile.gettempdir()))
    return Path(base) / "guichet-scale-cache" / code_key()


def built_database(scale: int, env: dict[str, str]) -> tuple[Path, float | None]:
    """The cached database of this scale (its own folder), built first if needed; the build's
    seconds when it was built in this run."""
    folder = cache_dir() / f"x{scale}"
    path = folder / "demo.sqlite3"
    if (folder / "complete").exists():
        return path, None
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "guichet", "--db", str(path), "demo", "--echelle", str(scale)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=3600,
    )
    built = time.perf_counter() - start
    (folder / "complete").write_text(f"{built:.1f}\n")
    return path, built


def database_files(path: Path) -> list[Path]:
    """Every file of a database: the main file and whatever sits beside it under its name (the
    letter archive, should it live in a file of its own)."""
    return sorted(p for p in path.parent.glob(f"{path.stem}*") if p.is_file())


def fresh_copy(path: Path, work: Path) -> Path:
    """A copy of the cached database's files to work on."""
    work.mkdir(parents=True, exist_ok=True)
    for each in database_files(path):
        shutil.copyfile(each, work / each.name)
    return work / path.name


# -- the child: one database, a real window -----------------------------------------------------


def wait_idle(app: Any) -> None:
    """Until no background task runs and every result has been delivered to the window."""
    from PySide6.QtCore import QEventLoop, QThreadPool

    pool = QThreadPool.globalInstance()
    quiet = 0
    while quiet < 3:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if pool.activeThreadCount() == 0:
            quiet += 1
        else:
            quiet = 0
            pool.waitForDone(2)


def time_pages(db: Any, paths: Any, work: Path) -> dict[str, list[float]]:
    """Seconds to show each page with its data, per round (the first round is a warm-up)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from guichet.ui.application import make_application
    from guichet.ui.context import AppContext
    from guichet.ui.main_window import MainWindow

    app = make_application()
    times: dict[str, list[float]] = {}
    for round_number in range(2):
        settings = QSettings(str(work / f"round{round_number}.ini"), QSettings.Format.IniFormat)
        start = time.perf_counter()
        window = MainWindow(settings, ctx=AppContext(db=db, paths=paths))
        window.resize(1366, 768)
        window.show()
        wait_idle(app)
        elapsed = {window.specs[0].key: time.perf_counter() - start}
        for spec in window.specs[1:]:
            start = time.perf_counter()
            window.show_page(spec.key)
            wait_idle(app)
            elapsed[spec.key] = time.perf_counter() - start
        titles = {spec.key: spec.title for spec in window.specs}
        if round_number:  # the first round imports the pages' modules: a warm-up
            for key, seconds in elapsed.items():
                times.setdefault(titles[key], []).append(seconds)
        window.hide()
        window.deleteLater()
        QApplication.sendPostedEvents()
        wait_idle(app)
    return times


def timed(action: Any) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def time_report(db: Any, work: Path) -> float:
    """Seconds to write last year's activity report as a PDF (``guichet rapport``)."""
    from datetime import date

    from guichet.services.activity_report import period_between, write_report

    year = date.today().year - 1
    period = period_between(date(year, 1, 1), date(year, 12, 31))
    return timed(lambda: write_report(db, period, work / "rapport.pdf"))


def close_backup(db: Any, paths: Any) -> None:
    """What the window does when it closes (guichet/ui/file_actions.py: backup_on_close)."""
    from guichet.services.backups import BackupService

    BackupService(db, paths.backup_dir).rolling_backup()


def check(db: Any) -> None:
    from guichet.services.maintenance import check_database

    check_database(db)


def child(mode: str, path: Path, work: Path) -> dict[str, Any]:
    """``open``: migrate and analyse the copy; ``pages``: one timed pass over the pages;
    ``figures``: the check, the export, the close backup, the report."""
    from sqlalchemy import func, select

    from guichet.config import AppPaths
    from guichet.models import Letter
    from guichet.services.accounts import resolve_acting
    from guichet.services.bootstrap import open_database
    from guichet.services.demo.accounts import demo_account
    from guichet.services.exports import export

    paths = AppPaths(data_dir=work / "data", log_dir=work / "logs")
    paths.ensure()
    start = time.perf_counter()
    db = open_database(f"sqlite:///{path}")
    result: dict[str, Any] = {"open_s": time.perf_counter() - start}
    # who acts, as the window and the command line find them (the demo has accounts, and an
    # export of personal data needs one): the operating-system user's, else the demo's admin
    db.counsellor_id = resolve_acting(db, None) or demo_account(db, "JV")
    if mode == "pages":
        result["pages"] = {t: v[0] for t, v in time_pages(db, paths, work).items()}
    elif mode == "figures":
        with db.unit_of_work(write=False) as s:
            letters = s.scalar(select(func.count()).select_from(Letter)) or 0
        size = sum(p.stat().st_size for p in database_files(path))
        result |= {
            "check_s": timed(lambda: check(db)),
            "export_s": timed(lambda: export(db, "demandes", work / "demandes.csv")),
            "close_backup_s": timed(lambda: close_backup(db, paths)),
            "report_s": time_report(db, work),
            "db_mb": size / 1e6,
            "letters": letters,
        }
    db.dispose()
    return result


def run_child(mode: str, path: Path, work: Path, env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path), str(work)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- the run ------------------------------------------------------------------------------------


def _rounded(seconds: float | None) -> int | None:
    return None if seconds is None else round(seconds)


def main() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    results: dict[int, dict[str, Any]] = {}
    builds: dict[int, float | None] = {}
    scratch = Path(tempfile.mkdtemp(prefix="guichet-bench-scale-"))
    try:
        copies = {}
        for scale in SCALES:
            cached, builds[scale] = built_database(scale, env)
            copies[scale] = fresh_copy(cached, scratch / f"x{scale}")
            results[scale] = run_child("open", copies[scale], copies[scale].parent, env)
        rounds: dict[int, list[dict[str, float]]] = {scale: [] for scale in SCALES}
        for _ in range(ROUNDS):  # the scales take turns: a busy machine weighs on each alike
            for scale in SCALES:
                done = run_child("pages", copies[scale], copies[scale].parent, env)
                rounds[scale].append(done["pages"])
        for scale in SCALES:
            titles = list(rounds[scale][0])
            results[scale]["pages"] = {
                t: statistics.median(r[t] for r in rounds[scale]) for t in titles
            }
            results[scale] |= {
                k: v
                for k, v in run_child("figures", copies[scale], copies[scale].parent, env).items()
                if k != "open_s"
            }
            shutil.rmtree(copies[scale].parent, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    base, top = results[SCALES[0]], results[SCALES[-1]]
    titles = list(base["pages"])
    print(f"{'page':<14}" + "".join(f"{f'{n}×':>10}" for n in SCALES) + "   growth")
    growth = {}
    for title in titles:
        growth[title] = top["pages"][title] / base["pages"][title]
        cells = "".join(f"{results[n]['pages'][title] * 1000:8.0f}ms" for n in SCALES)
        print(f"{title:<14}{cells}   {growth[title]:5.2f}×")
    for key, unit in (
        ("open_s", "s"),
        ("check_s", "s"),
        ("export_s", "s"),
        ("close_backup_s", "s"),
    ):
        cells = "".join(f"{results[n][key]:9.2f}{unit}" for n in SCALES)
        print(f"{key:<14}{cells}")
    print(f"{'db_mb':<14}" + "".join(f"{results[n]['db_mb']:9.1f}M" for n in SCALES))
    print(f"{'letters':<14}" + "".join(f"{results[n]['letters']:10d}" for n in SCALES))
    print("builds (s, None = cached): " + ", ".join(f"{n}×: {builds[n]}" for n in SCALES))
    worst = max(growth, key=lambda t: growth[t])
    letters = top["letters"]
    print(
        json.dumps(
            {
                "scales": list(SCALES),
                "pages_ms": {
                    str(n): {t: round(v * 1000, 1) for t, v in results[n]["pages"].items()}
                    for n in SCALES
                },
                "growth_100x": round(growth[worst], 2),
                "worst_page": worst,
                "report_s": None if top["report_s"] is None else round(top["report_s"], 2),
                "db_mb": {str(n): round(results[n]["db_mb"], 1) for n in SCALES},
                "mb_per_1000_letters": round(top["db_mb"] / letters * 1000, 1) if letters else None,
                "close_backup_s": round(top["close_backup_s"], 3),
                "check_s": {str(n): round(results[n]["check_s"], 3) for n in SCALES},
                "export_demandes_s": {str(n): round(results[n]["export_s"], 3) for n in SCALES},
                "build_s": {str(n): _rounded(builds[n]) for n in SCALES},
                "rounds": ROUNDS,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))))
    else:
        main()
