"""The Annuaire's search on a damaged file says so in French, never « Aucun résultat » (the
quick check runs off the GUI thread, only when a search finds nothing)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QThreadPool

from guichet.config import AppPaths
from guichet.services.bootstrap import open_database
from tests.db.damage import damage_search_index, empty_search_rows

from guichet.ui.context import AppContext
from guichet.ui.pages.directory import DirectoryPage


def _page(qtbot: QtBot, ctx: AppContext) -> DirectoryPage:
    page = DirectoryPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    qtbot.waitUntil(lambda: not page.search_tab.is_searching(), timeout=10_000)
    return page


def _search(qtbot: QtBot, page: DirectoryPage, text: str) -> None:
    page.search_tab.search_edit.setText(text)
    qtbot.waitUntil(lambda: not page.search_tab.is_searching(), timeout=10_000)


@pytest.fixture(params=["empty answer", "malformed"])
def damaged_ctx(
    request: pytest.FixtureRequest, tmp_path: Path, demo_template: Path, paths: AppPaths
) -> Iterator[AppContext]:
    """A damaged copy: searches answer nothing without an error (only the quick check sees
    it), or fail with « database disk image is malformed »."""
    path = tmp_path / "abimee.sqlite3"
    shutil.copyfile(demo_template, path)
    if request.param == "empty answer":
        empty_search_rows(path)
    else:
        damage_search_index(path)
    db = open_database(f"sqlite:///{path}")
    yield AppContext(db=db, paths=paths)
    QThreadPool.globalInstance().waitForDone(10_000)
    db.dispose()


def test_a_search_finding_nothing_on_a_damaged_file_shows_the_damage(
    qtbot: QtBot, damaged_ctx: AppContext
) -> None:
    page = _page(qtbot, damaged_ctx)
    tab = page.search_tab
    _search(qtbot, page, "zzzzqqq")
    assert tab.problem_label.isVisible()
    assert "abîmée" in tab.problem_label.text()
    assert "Restaurez la dernière sauvegarde" in tab.problem_label.text()
    assert "Aucun résultat" not in tab.count_label.text()
    assert tab.model.rowCount() == 0


def test_on_a_sound_file_nothing_found_is_said_plainly(qtbot: QtBot, demo_ctx: AppContext) -> None:
    page = _page(qtbot, demo_ctx)
    tab = page.search_tab
    _search(qtbot, page, "zzzzqqq")
    assert tab.count_label.text() == "Aucun résultat"
    assert not tab.problem_label.isVisible()
    _search(qtbot, page, "usinage")  # and a found answer after a problem hides it
    assert tab.model.rowCount() > 0 and not tab.problem_label.isVisible()
    QThreadPool.globalInstance().waitForDone(10_000)
