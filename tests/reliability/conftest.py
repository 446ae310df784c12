"""Prints the kill -9 trials' counts at the end of the session (for the reliability report)."""

from __future__ import annotations

from typing import Any

from tests.reliability.harness import RESULTS


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not RESULTS:
        return
    terminalreporter.section("essais kill -9")
    for outcome in RESULTS.values():
        terminalreporter.write_line(outcome.line())
