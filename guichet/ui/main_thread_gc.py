"""Python's garbage collector runs on the GUI thread only.

Background threads run Python code (page loads, the change watcher, database round trips); an
allocation there may start a collection that frees a cycle holding Qt widgets, which Qt then
destroys from the wrong thread (« QBasicTimer::stop: Failed… », then a crash). The automatic
collector is turned off and a timer on the GUI thread collects instead, by the same thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        """Collects the generations whose counts passed their thresholds, youngest first."""
        counts = gc.get_count()
        if counts[0] > self.thresholds[0]:
            generation = 0
            if counts[1] > self.thresholds[1]:
                generation = 2 if counts[2] > self.thresholds[2] else 1
            gc.collect(generation)


def collect_on_gui_thread(app: QObject) -> MainThreadCollector:
    """Installs the collector on ``app`` (the QApplication) and returns it."""
    return MainThreadCollector(app)
