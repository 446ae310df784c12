"""Where the GUI thread is during a stall: a watchdog thread samples its Python stack.

The heartbeat calls :meth:`StackSampler.beat`; a sampling thread looks every 5 ms and, while no
beat has come for more than 30 ms, records the GUI thread's stack (``sys._current_frames``). At
the end, :meth:`StackSampler.report` lists each stall over 50 ms with the stacks seen during it,
most frequent first. A diagnostic for ``BENCH_STALL_STACKS=1``, not a figure of the bench.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass

PERIOD_S = 0.005
QUIET_S = 0.030
REPORTED_MS = 50.0
DEPTH = 14


@dataclass
class _Stall:
    start: float
    end: float
    step: str


class StackSampler:
    def __init__(self) -> None:
        self._main = threading.main_thread().ident or 0
        self._last = float("inf")  # no stall before the first beat
        self._samples: list[tuple[float, tuple[str, ...]]] = []
        self._stalls: list[_Stall] = []
        self._running = True
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def beat(self, step: str) -> None:
        now = time.perf_counter()
        if self._last != float("inf") and (now - self._last) * 1000 > REPORTED_MS:
            self._stalls.append(_Stall(self._last, now, step))
        self._last = now

    def stop(self) -> None:
        self._running = False
        self._thread.join()

    def _watch(self) -> None:
        while self._running:
            time.sleep(PERIOD_S)
            now = time.perf_counter()
            if now - self._last < QUIET_S:
                continue
            frames = sys._current_frames()
            frame = frames.get(self._main)
            if frame is not None:
                others = tuple(  # the other threads' innermost frame: who holds the GIL?
                    f"[autre] {_summary(f)[-1:]}"
                    for ident, f in frames.items()
                    if ident not in (self._main, threading.get_ident())
                )
                self._samples.append((now, _summary(frame) + tuple(sorted(others))))

    def report(self) -> list[str]:
        lines = []
        for stall in sorted(self._stalls, key=lambda s: s.start - s.end)[:8]:
            seen = Counter(st for at, st in self._samples if stall.start <= at <= stall.end)
            lines.append(
                f"blocage {1000 * (stall.end - stall.start):.0f} ms, étape « {stall.step} »,"
                f" {sum(seen.values())} échantillons"
            )
            for stack, count in seen.most_common(3):
                lines.append(f"  ×{count}")
                lines.extend(f"    {frame}" for frame in stack)
        return lines


def _summary(frame: object) -> tuple[str, ...]:
    stack = traceback.extract_stack(frame)  # type: ignore[arg-type]
    return tuple(f"{_short(f.filename)}:{f.lineno} {f.name}" for f in stack[-DEPTH:] if f.filename)


def _short(filename: str) -> str:
    for marker in ("/guichet/", "/bench/", "/site-packages/", "/lib/python"):
        if marker in filename:
            return filename[filename.index(marker) + 1 :]
    return filename
