"""Temporary folders for files handed to another program, removed when Guichet exits.

An attachment opened with the system's viewer must outlive the click that wrote it (the viewer
reads it later, and may keep it open), so it cannot sit in a ``with TemporaryDirectory()``.
Each such folder is registered here and removed at exit (:func:`remove_scratch_folders` runs
from :mod:`atexit`, and the application calls it when its window closes). Work that only needs
a folder for the length of one call (printing) uses :class:`tempfile.TemporaryDirectory`.
"""

from __future__ import annotations

import atexit
import logging
import shutil
import tempfile
import threading
from pathlib import Path

log = logging.getLogger(__name__)

_lock = threading.Lock()
_folders: list[Path] = []


def scratch_folder(prefix: str = "guichet-") -> Path:
    """A new empty private folder (mode 0700), removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    with _lock:
        _folders.append(folder)
    return folder


def remove_scratch_folders() -> list[Path]:
    """Removes every folder handed out so far (a file a viewer still holds open on Windows is
    left, and said in the log); returns those that are gone."""
    with _lock:
        folders = list(_folders)
        _folders.clear()
    removed = []
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
        if folder.exists():
            log.warning("Dossier temporaire non supprimé (fichier encore ouvert ?) : %s", folder)
        else:
            removed.append(folder)
    return removed


atexit.register(remove_scratch_folders)
