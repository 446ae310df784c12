"""A second process holding a database's instance lock, for the two-process tests.

``holding(path)`` starts ``python -c`` that takes the lock (as the application does), says
« pret », and keeps it until its stdin closes (then releases it and exits) or it is killed.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOLDER = """
import sys
from pathlib import Path
from guichet.db.instance_lock import InstanceLock, Role
lock = InstanceLock.acquire(Path(sys.argv[1]), Role(sys.argv[2]))
print("pret", flush=True)
sys.stdin.read()
lock.release()
"""


@contextmanager
def holding(database: Path, role: str = "application") -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(database), role],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "pret"
        yield process
    finally:
        if process.poll() is None:
            assert process.stdin is not None
            process.stdin.close()
        process.wait(timeout=60)
