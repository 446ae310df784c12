"""Annuaire: why each result matched, and partial results when nobody has every word."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QThreadPool

from guichet.ui.context import AppContext
from guichet.ui.pages.directory import DirectoryPage
from guichet.ui.pages.directory_results import REASON_ROLE


@pytest.fixture
def page(qtbot: QtBot, demo_ctx: AppContext) -> Iterator[DirectoryPage]:
    widget = DirectoryPage(demo_ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    answered(qtbot, widget)
    yield widget
    QThreadPool.globalInstance().waitForDone(10_000)


def answered(qtbot: QtBot, page: DirectoryPage) -> None:
    qtbot.waitUntil(lambda: not page.search_tab.is_searching(), timeout=10_000)


def reasons(page: DirectoryPage) -> list[str]:
    model = page.search_tab.model
    return [model.index(row, 0).data(REASON_ROLE) for row in range(model.rowCount())]


def test_each_result_says_why_it_matched(qtbot: QtBot, page: DirectoryPage) -> None:
    tab = page.search_tab
    qtbot.keyClicks(tab.search_edit, "usinage")
    answered(qtbot, page)
    shown = reasons(page)
    assert shown and shown == [h.reason for h in tab.model.hits()]
    first = tab.model.index(0, 0)
    assert first.data(Qt.ItemDataRole.ToolTipRole).endswith("Trouvé par : " + shown[0])
    assert tab.table.rowHeight(0) >= 2 * tab.table.fontMetrics().lineSpacing()  # two lines
    image = tab.table.viewport().grab()  # the delegate paints without a warning
    assert not image.isNull()
    assert any(r.startswith("Compétence : ") for r in shown)
    assert not tab.partial_label.isVisible()


def test_no_organization_has_every_word(qtbot: QtBot, page: DirectoryPage) -> None:
    tab = page.search_tab
    qtbot.keyClicks(tab.search_edit, "usinage")
    answered(qtbot, page)
    with_usinage = tab.engine.count("usinage")
    qtbot.keyClicks(tab.search_edit, " inox")
    answered(qtbot, page)
    assert tab.partial_label.isVisible()
    assert "Aucune fiche n'a tous les mots ; résultats partiels" in tab.partial_label.text()
    total = with_usinage + tab.engine.count("inox")
    assert tab.count_label.text() == f"{total} résultat(s) partiel(s)"
    shown = reasons(page)
    assert len(shown) == total
    assert all(r.startswith(("1 mot sur 2 : usinage — ", "1 mot sur 2 : inox — ")) for r in shown)
    for _ in range(5):  # back to « usinage »: complete results
        qtbot.keyClick(tab.search_edit, Qt.Key.Key_Backspace)
    answered(qtbot, page)
    assert not tab.partial_label.isVisible()
    assert tab.count_label.text() == f"{with_usinage} organisation(s)"
