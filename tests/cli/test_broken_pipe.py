"""``guichet search … | head``: a reader that goes away ends the command quietly (no traceback,
no « Exception ignored »), with the exit code of a POSIX tool ended by SIGPIPE."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not hasattr(signal, "SIGPIPE"), reason="POSIX pipes")
@pytest.mark.parametrize(
    ("words", "code"),
    [
        (["search", "usinage"], 128 + 13),
        (["search", "--json", ""], 128 + 13),
        (["--help"], 0),  # argparse itself drops what it cannot write
    ],
)
def test_a_reader_closing_early_ends_the_command_quietly(
    tmp_path: Path, demo_template: Path, words: list[str], code: int
) -> None:
    base = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, base)
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line (as `| head -0`)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "guichet", "--db", str(base), *words],
            stdout=write_end,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    errors = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors
    assert errors == ""
    assert done.returncode == code


def test_a_reader_that_stays_gets_everything(tmp_path: Path, demo_template: Path) -> None:
    base = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, base)
    done = subprocess.run(
        [sys.executable, "-m", "guichet", "--db", str(base), "search", "usinage"],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == b""
    assert "pour « usinage »" in done.stdout.decode("utf-8")
