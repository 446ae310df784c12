"""The shipped reference files (``resources/reference``), and how to read them."""

from __future__ import annotations

import csv
from pathlib import Path

from guichet.assets import find_resource, resources_root
from guichet.errors import EnvironmentProblem


def reference_file(name: str) -> Path:
    """Return the path of a file of ``resources/reference`` (e.g. ``"communes_76.csv"``).

    Raises:
        EnvironmentProblem: the file is not shipped (broken installation).
    """
    path = find_resource("reference", name)
    if path is None:
        raise EnvironmentProblem(
            f"Fichier de référence manquant : {name}. Réinstallez l'application.",
            detail=str(resources_root()),
        )
    return path


def read_rows(name: str) -> list[dict[str, str]]:
    """Read a reference CSV (UTF-8, header row) into a list of dicts keyed by column name."""
    with reference_file(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
