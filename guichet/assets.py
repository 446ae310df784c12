"""The files shipped with Guichet — reference data, fonts, icons, migrations — wherever it runs.

Every reader of a shipped file goes through this module. Three layouts are served:

- a source checkout: ``resources/`` at the top of the repository, beside the package;
- an installed wheel: the same folder installed as the package ``guichet_resources``
  (``package-dir`` in ``pyproject.toml``), read through :mod:`importlib.resources`;
- a frozen build (``packaging/guichet.spec``): ``guichet_resources`` in the bundle's folder.

The migrations are package data of ``guichet.db`` (Alembic reads them as ``.py`` files).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.resources
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path

from guichet.errors import EnvironmentProblem

PACKAGE = "guichet_resources"
#: ``resources/`` of a source checkout (absent from an installed or frozen Guichet).
CHECKOUT_DIR = Path(__file__).resolve().parents[1] / "resources"
_extracted = contextlib.ExitStack()  # files copied out of a zip import, removed at exit
atexit.register(_extracted.close)


@cache
def resources_root() -> Traversable:
    """The folder holding ``reference/``, ``fonts/`` and ``icons/``."""
    if (CHECKOUT_DIR / "reference").is_dir():
        return CHECKOUT_DIR
    try:
        return importlib.resources.files(PACKAGE)
    except ModuleNotFoundError as exc:
        raise EnvironmentProblem(
            "Les fichiers livrés avec Guichet (données de référence, polices) sont introuvables. "
            "Réinstallez l'application.",
            detail=str(exc),
        ) from exc


def find_resource(*parts: str) -> Path | None:
    """The shipped file ``resources/<parts…>`` as a file on disk, or None when it is absent."""
    item = resources_root().joinpath(*parts)
    if not item.is_file():
        return None
    return _extracted.enter_context(importlib.resources.as_file(item))


@cache
def migrations_dir() -> Path:
    """``guichet/db/migrations`` on disk (Alembic loads its scripts from files)."""
    folder = importlib.resources.files("guichet.db").joinpath("migrations")
    if not isinstance(folder, Path) or not (folder / "env.py").is_file():
        raise EnvironmentProblem(
            "Les migrations de la base sont introuvables. Réinstallez l'application.",
            detail=str(folder),
        )
    return folder
