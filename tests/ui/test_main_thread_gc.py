"""The garbage collector runs on the GUI thread only (guichet/ui/main_thread_gc.py)."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QObject

from guichet.ui.main_thread_gc import MainThreadCollector, settle_after_start_up


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


def test_settling_after_start_up_frees_its_garbage_and_freezes_the_rest_once(qapp) -> None:
    owner = QObject()
    collector = MainThreadCollector(owner)
    try:
        garbage = _Cycle()
        garbage.me = garbage
        gone = weakref.ref(garbage)
        kept = _Cycle()
        del garbage
        settle_after_start_up(owner)
        assert gone() is None  # collected, not frozen with the rest
        assert gc.is_tracked(kept)
        frozen = gc.get_freeze_count()
        assert frozen > 0  # later full collections do not walk them
        settle_after_start_up(owner)  # once per application
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
        collector.timer.stop()
        owner.deleteLater()
