"""openpyxl parses workbooks through defusedxml, checked at start and at every workbook import."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from guichet.errors import EnvironmentProblem
from guichet.importers.tables import read_table
from guichet.importers.xml_safety import require_safe_xml
from tests.importers import hostile_files as hostile


def test_the_installed_openpyxl_uses_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True
    require_safe_xml()


def test_a_workbook_is_not_read_without_defusedxml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = hostile.whole_sheet_xlsx(tmp_path / "membres.xlsx")
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(EnvironmentProblem, match="defusedxml"):
        read_table(path)


def test_the_app_does_not_open_a_database_without_defusedxml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checked once the window is painted (openpyxl is slow to import): the database opener
    refuses, and the window shows the French message instead of the pages."""
    from guichet.app import database_opener
    from guichet.config import AppPaths

    paths = AppPaths(data_dir=tmp_path / "data", log_dir=tmp_path / "logs")
    paths.ensure()
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    database_opener(url, paths, demo_if_empty=False, create=True).dispose()
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(EnvironmentProblem, match="defusedxml"):
        database_opener(url, paths, demo_if_empty=False)
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", True)
    database_opener(url, paths, demo_if_empty=False).dispose()  # its lock was released
