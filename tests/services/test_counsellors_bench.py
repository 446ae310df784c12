"""bench/teamkit/counsellors.py (bench/team.py) on the test server: two counsellors (processes) at once lose nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bench.teamkit.counsellors import lost_writes, prepare, run_counsellors
from tests.postgres import fresh_database


def test_two_counsellors_at_once_lose_no_write(postgres_server: str) -> None:
    url = fresh_database(postgres_server)
    prepare(url)
    result = run_counsellors(url, 2, 3.0)
    assert result["counsellors"] == 2
    assert result["actions"] > 0
    assert result["lost"] == 0
    assert result["errors"] == 0
    # the check does see a write that is not there
    never: dict[str, list[Any]] = {
        "inquiries": [10**9],
        "events": [(1, datetime(2001, 1, 1).isoformat(), "taken_care")],
    }
    assert lost_writes(url, never) == 2
