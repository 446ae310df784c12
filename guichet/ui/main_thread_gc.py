"""Python's garbage collector runs on the GUI thread only.

Background threads run Python code (page loads, the change watcher, database round trips); an
allocation there may start a collection that frees a cycle holding Qt widgets, which Qt then
destroys from the wrong thread (« QBasicTimer::stop: Failed… », then a crash). The automatic
collector is turned off and a timer on the GUI thread collects instead, by the same thresholds.

A full collection walks every object the interpreter tracks: with the window open, some 270,000
(modules, classes, mappers, widgets' wrappers), 90-120 ms on the GUI thread, each time ten
middle collections have run. Once start-up is over (the database attached), :meth:`settle`
collects once and freezes what is left (``gc.freeze``): later full collections walk only what
was made since, and stay short.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.settled = False
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

    def settle(self) -> None:
        """Start-up is over: its garbage is collected, what it made to last is frozen (never
        walked again by a collection); once per application."""
        if self.settled:
            return
        self.settled = True
        gc.collect()
        gc.freeze()


def settle_after_start_up(app: QObject) -> None:
    """:meth:`MainThreadCollector.settle` of ``app``'s collector (none installed: nothing)."""
    collector = app.findChild(MainThreadCollector)
    if collector is not None:
        collector.settle()


def collect_on_gui_thread(app: QObject) -> MainThreadCollector:
    """Installs the collector on ``app`` (the QApplication) and returns it."""
    return MainThreadCollector(app)
