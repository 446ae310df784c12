"""LiveSearch: answers come back on the GUI thread, and a stale answer is dropped."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QThreadPool

from guichet.db import Database
from guichet.search import DirectorySearch, SearchFilters
from tests.search.helpers import add_org

from guichet.ui.search_worker import LiveSearch


class SlowFirstSearch:
    """Answers the query ``slow`` only when released; the others at once.

    Which query is slow is named, not taken from the order of arrival: two workers may start
    at the same moment, and the newer query must never be the one held back.
    """

    def __init__(self, slow: str = "u") -> None:
        self.release = threading.Event()
        self.slow = slow
        self.calls = 0
        self._lock = threading.Lock()  # two workers may count at once

    def search(self, text: str, filters: SearchFilters | None = None, **_: Any) -> list[str]:
        with self._lock:
            self.calls += 1
        if text == self.slow:
            self.release.wait(10)
        return [text]

    def count(self, text: str, filters: SearchFilters | None = None) -> int:
        return 1000


@pytest.fixture
def pool() -> Iterator[QThreadPool]:
    threads = QThreadPool()
    threads.setMaxThreadCount(2)
    yield threads
    threads.waitForDone(10_000)


def test_a_stale_answer_is_dropped(qtbot: QtBot, pool: QThreadPool) -> None:
    fake = SlowFirstSearch()
    live = LiveSearch(fake, debounce_ms=0, pool=pool)  # type: ignore[arg-type]
    received: list[list[str]] = []
    live.results_ready.connect(received.append)
    live.request("u")
    with qtbot.waitSignal(live.results_ready, timeout=5000):
        live.request("usinage")
    fake.release.set()
    qtbot.waitUntil(lambda: live.dropped == 1, timeout=5000)
    assert received == [["usinage"]]


def test_debounced_requests_run_once(qtbot: QtBot, pool: QThreadPool) -> None:
    fake = SlowFirstSearch()
    fake.release.set()
    live = LiveSearch(fake, debounce_ms=20, pool=pool)  # type: ignore[arg-type]
    with qtbot.waitSignal(live.results_ready, timeout=5000) as blocker:
        for typed in ("u", "us", "usi"):
            live.request(typed)
    assert blocker.args == [["usi"]]
    assert fake.calls == 1 and live.sequence == 3


def test_real_search_runs_in_the_background(qtbot: QtBot, db: Database, pool: QThreadPool) -> None:
    add_org(db, "Usinage Lefebvre", capabilities=["Tournage CN"])
    live = LiveSearch(DirectorySearch(db), debounce_ms=0, pool=pool)
    with qtbot.waitSignal(live.results_ready, timeout=5000) as blocker:
        live.request("tournage")
    assert [h.legal_name for h in blocker.args[0]] == ["Usinage Lefebvre"]


def test_count_comes_with_a_full_page(qtbot: QtBot, pool: QThreadPool) -> None:
    fake = SlowFirstSearch()
    fake.release.set()
    live = LiveSearch(fake, debounce_ms=0, pool=pool, limit=1, count=True)  # type: ignore[arg-type]
    with qtbot.waitSignal(live.answered, timeout=5000) as blocker:
        live.request("usinage", SearchFilters(on_territory=True))
    answer = blocker.args[0]
    assert (answer.text, answer.filters, answer.hits, answer.total) == (
        "usinage",
        SearchFilters(on_territory=True),
        ["usinage"],
        1000,
    )
    assert not live.busy
