"""The garbage collector runs on the GUI thread only (guichet/ui/main_thread_gc.py)."""

from __future__ import annotations

import gc

from guichet.ui.main_thread_gc import MainThreadCollector


class _Cycle:
    me: object


def test_automatic_collection_is_off_and_the_timer_collects_past_the_threshold(qapp) -> None:
    collector = MainThreadCollector()
    try:
        assert not gc.isenabled()
        for _ in range(collector.thresholds[0] * 2):  # garbage that only a collection frees
            cycle = _Cycle()
            cycle.me = cycle
        before = gc.get_count()[0]
        assert before > collector.thresholds[0]
        collector.check()
        assert gc.get_count()[0] < before
    finally:
        collector.timer.stop()
        collector.deleteLater()
