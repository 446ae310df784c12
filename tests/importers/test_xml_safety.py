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


def test_the_app_does_not_start_without_defusedxml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from guichet.app import run_gui
    from guichet.config import AppPaths

    import guichet.ui.application

    started: list[str] = []

    def run(url: str, *_args: object) -> int:
        started.append(url)
        return 0

    monkeypatch.setattr(guichet.ui.application, "run", run)
    paths = AppPaths(data_dir=tmp_path / "data", log_dir=tmp_path / "logs")
    assert run_gui("sqlite:///x.sqlite3", paths) == 0 and started
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(EnvironmentProblem, match="defusedxml"):
        run_gui("sqlite:///y.sqlite3", paths)
    assert started == ["sqlite:///x.sqlite3"]
