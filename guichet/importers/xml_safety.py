"""Workbooks are XML from outside: openpyxl must parse them through defusedxml.

openpyxl uses defusedxml (no entity expansion, no DTD, no external reference) only when it is
installed and ``OPENPYXL_DEFUSEDXML`` is not turned off; otherwise it silently falls back to the
plain parsers. The app checks it at start, and every workbook import checks it again.
"""

from __future__ import annotations

from guichet.errors import EnvironmentProblem


def require_safe_xml() -> None:
    """Raise EnvironmentProblem (French) unless openpyxl parses XML through defusedxml."""
    import openpyxl

    if getattr(openpyxl, "DEFUSEDXML", False) is not True:
        raise EnvironmentProblem(
            "La lecture des classeurs Excel n'est pas protégée : la bibliothèque openpyxl "
            "n'utilise pas defusedxml (paquet absent, ou OPENPYXL_DEFUSEDXML désactivé). "
            "Réinstallez Guichet avec ses dépendances avant d'importer un classeur.",
            detail="openpyxl.DEFUSEDXML is not True",
        )
