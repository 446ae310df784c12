"""Start-up: process start → main window shown, on the demo database, against bare Qt.

Both are measured in fresh processes, alternately, in the same run: the floor is a bare
PySide6 QMainWindow, the app is ``guichet --db demo.sqlite3``. The last line is JSON with the
medians and their ratio (goal: ratio ≤ 1.5).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))

FLOOR = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
window.show()
def done():
    app.processEvents()
    print(f"shown_at={time.time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def _elapsed_ms(command: list[str], env: dict[str, str], mark: str = "shown_at") -> float:
    return _marks_ms(command, env)[mark]


def _marks_ms(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Milliseconds from process start to each ``name=timestamp`` line the process printed."""
    start = time.time()
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True, timeout=120)
    marks = dict(line.split("=", 1) for line in out.stdout.splitlines() if "=" in line)
    return {name: (float(value) - start) * 1000 for name, value in marks.items()}


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="guichet-bench-"))
    env = {**os.environ, "GUICHET_HOME": str(work / "home"), "GUICHET_STARTUP_PROBE": "1"}
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    db_path = work / "demo.sqlite3"
    prepare = subprocess.run(
        [sys.executable, "-m", "guichet", "--db", str(db_path), "demo"],
        env=env,
        capture_output=True,
        text=True,
    )
    if prepare.returncode != 0:
        raise SystemExit(prepare.stderr)
    floor_cmd = [sys.executable, "-c", FLOOR]
    app_cmd = [sys.executable, "-m", "guichet", "--db", str(db_path)]
    _marks_ms(floor_cmd, env), _marks_ms(app_cmd, env)  # warm the file cache
    floors, apps, readies = [], [], []
    for _ in range(ROUNDS):
        floors.append(_elapsed_ms(floor_cmd, env))
        marks = _marks_ms(app_cmd, env)
        apps.append(marks["shown_at"])
        readies.append(marks["ready_at"])
    floor_ms, app_ms = statistics.median(floors), statistics.median(apps)
    ready_ms = statistics.median(readies)
    print(
        f"bare Qt window         : median {floor_ms:7.1f} ms  ({', '.join(f'{x:.0f}' for x in floors)})"
    )
    print(
        f"Guichet window painted : median {app_ms:7.1f} ms  ({', '.join(f'{x:.0f}' for x in apps)})"
    )
    print(
        f"Guichet home page ready: median {ready_ms:7.1f} ms  ({', '.join(f'{x:.0f}' for x in readies)})"
    )
    print(
        json.dumps(
            {
                "floor_ms": round(floor_ms, 1),
                "app_ms": round(app_ms, 1),
                "ratio": round(app_ms / floor_ms, 2),
                "ready_ms": round(ready_ms, 1),
                "ready_ratio": round(ready_ms / floor_ms, 2),
                "rounds": ROUNDS,
            }
        )
    )


if __name__ == "__main__":
    main()
