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


def _elapsed_ms(command: list[str], env: dict[str, str]) -> float:
    start = time.time()
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True, timeout=120)
    line = next(x for x in out.stdout.splitlines() if x.startswith("shown_at="))
    return (float(line.split("=", 1)[1]) - start) * 1000


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
    _elapsed_ms(floor_cmd, env), _elapsed_ms(app_cmd, env)  # warm the file cache
    floors, apps = [], []
    for _ in range(ROUNDS):
        floors.append(_elapsed_ms(floor_cmd, env))
        apps.append(_elapsed_ms(app_cmd, env))
    floor_ms, app_ms = statistics.median(floors), statistics.median(apps)
    print(f"bare Qt window : median {floor_ms:7.1f} ms  ({', '.join(f'{x:.0f}' for x in floors)})")
    print(f"Guichet window : median {app_ms:7.1f} ms  ({', '.join(f'{x:.0f}' for x in apps)})")
    print(
        json.dumps(
            {
                "floor_ms": round(floor_ms, 1),
                "app_ms": round(app_ms, 1),
                "ratio": round(app_ms / floor_ms, 2),
                "rounds": ROUNDS,
            }
        )
    )


if __name__ == "__main__":
    main()
