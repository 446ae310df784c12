"""Replacing a file so that a crash at any instant leaves the old file or the new one.

The new content goes to a temporary file in the target's folder (a rename stays on one file
system), is synced, renamed over the target, and the folder is synced so the rename itself
survives a power cut. Used for new databases, backups, drafts and files the command line writes.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def sync_folder(folder: Path) -> None:
    """Makes a rename in ``folder`` durable (Windows cannot open a folder; its rename already is)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def replace_file(temporary: Path, target: Path) -> None:
    """Put ``temporary`` in place of ``target`` for good: data on disk, rename, folder on disk."""
    with temporary.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    sync_folder(target.parent)


def temporary_beside(target: Path, kind: str) -> Path:
    """A temporary file name in ``target``'s folder (a rename stays on one file system)."""
    return target.parent / f".{target.name}.{kind}-{os.getpid()}.tmp"


def write_atomically(path: Path, content: str | bytes) -> None:
    """Replaces ``path`` with ``content`` (text is written as UTF-8); on failure the temporary
    file is removed and ``path`` is left as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    sync_folder(path.parent)
