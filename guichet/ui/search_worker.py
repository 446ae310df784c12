"""Live directory search: each keystroke's query runs off the GUI thread; stale answers are dropped.

Every request gets a sequence number. When an answer comes back, it is shown only if no newer
request was made meanwhile, so a slow query for « u » can never replace the answer for
« usinage » that the counsellor is already reading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from guichet.search import DirectorySearch, SearchFilters

from guichet.ui.tasks import TaskControl, run_task


@dataclass(frozen=True)
class LiveAnswer:
    """The answer to one request: what was asked, the first hits and (if asked) the total."""

    sequence: int
    text: str
    filters: SearchFilters | None
    hits: list[Any]
    total: int | None


class LiveSearch(QObject):
    """Runs :meth:`DirectorySearch.search` in the background for the latest request only.

    Signals:
        results_ready(list): the hits of the newest request.
        answered(LiveAnswer): the same answer with its request (and its total with ``count``).
        failed(object): the exception raised by the newest request.

    With ``count``, the worker also counts every match when the first page is full, so a page
    can say « 1 234 organisations » without a query on the GUI thread. With ``when_empty``, an
    answer with no hit is checked by that callable, in the worker too (a damaged file can answer
    nothing without an error): what it raises is reported by ``failed`` instead of the empty
    answer.
    """

    results_ready = Signal(list)
    answered = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        search: DirectorySearch,
        parent: QObject | None = None,
        *,
        limit: int = 200,
        debounce_ms: int = 30,
        pool: QThreadPool | None = None,
        count: bool = False,
        when_empty: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._when_empty = when_empty
        self._limit = limit
        self._count = count
        self._answered = 0  # sequence number of the newest request answered (or failed)
        self._pool = pool
        self._sequence = 0
        self._request: tuple[int, str, SearchFilters | None] | None = None
        #: Answers that arrived after a newer request, and were dropped (for tests and logs).
        self.dropped = 0
        self._timer = QTimer(self)
        self._timer.setObjectName("liveSearchDebounce")
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(0, debounce_ms))
        self._timer.timeout.connect(self.on_timer_timeout)

    @property
    def sequence(self) -> int:
        """Number of the newest request."""
        return self._sequence

    @property
    def busy(self) -> bool:
        """True while the newest request has no answer yet."""
        return self._answered != self._sequence

    def request(self, text: str, filters: SearchFilters | None = None) -> int:
        """Ask for ``text`` with ``filters``; returns the request's sequence number."""
        self._sequence += 1
        self._request = (self._sequence, text, filters)
        if self._timer.interval() == 0:
            self.on_timer_timeout()
        else:
            self._timer.start()
        return self._sequence

    def on_timer_timeout(self) -> None:
        if self._request is None:
            return
        sequence, text, filters = self._request
        self._request = None
        search, limit, count, when_empty = self._search, self._limit, self._count, self._when_empty

        def work(_control: TaskControl) -> LiveAnswer:
            hits = search.search(text, filters, limit=limit)
            if not hits and when_empty is not None:
                when_empty()
            total = None
            if count:
                total = len(hits) if len(hits) < limit else search.count(text, filters)
            return LiveAnswer(sequence, text, filters, hits, total)

        run_task(
            work,
            on_success=self._on_task_succeeded,
            on_error=lambda exc: self._on_task_failed(sequence, exc),
            parent=self,
            pool=self._pool,
        )

    def _on_task_succeeded(self, answer: LiveAnswer) -> None:
        if answer.sequence != self._sequence:
            self.dropped += 1
            return
        self._answered = answer.sequence
        self.results_ready.emit(answer.hits)
        self.answered.emit(answer)

    def _on_task_failed(self, sequence: int, exc: BaseException) -> None:
        if sequence != self._sequence:
            self.dropped += 1
            return
        self._answered = sequence
        self.failed.emit(exc)
