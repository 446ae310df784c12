"""Guards against a known defect of the Qt bindings: PySide6 6.12.0 drops a reference to
``None`` each time Qt hands back an empty value, and Python 3.11 aborts after a few thousand."""

from __future__ import annotations

import subprocess
import sys

READ_EMPTY_VALUES = """
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QComboBox
app = QApplication([])
box = QComboBox()
box.addItem("sans valeur", None)
settings = QSettings("{ini}", QSettings.Format.IniFormat)
for _ in range(20000):
    box.currentData()
    box.itemData(0)
    settings.value("absent")
print("ok")
"""


def test_reading_empty_values_many_times_does_not_crash(tmp_path) -> None:
    code = READ_EMPTY_VALUES.format(ini=tmp_path / "t.ini")
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "ok"
