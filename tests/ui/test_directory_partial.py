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


def test_a_list_by_the_filters_alone_has_no_why_line(qtbot: QtBot, page: DirectoryPage) -> None:
    """No words typed: nothing to explain, one line per organisation (twice as many on
    screen); typing brings the second line back."""
    tab = page.search_tab
    line = tab.table.fontMetrics().lineSpacing()
    assert tab.model.rowCount() > 0
    assert not any(reasons(page))
    assert tab.table.rowHeight(0) < 2 * line
    first = tab.model.index(0, 0)
    assert first.data(Qt.ItemDataRole.AccessibleTextRole) == tab.model.hits()[0].name
    qtbot.keyClicks(tab.search_edit, "usinage")
    answered(qtbot, page)
    assert all(reasons(page))
    assert tab.table.rowHeight(0) >= 2 * line


def test_names_keep_their_room_beside_an_open_card_on_a_laptop(
    qtbot: QtBot, demo_ctx: AppContext, qsettings
) -> None:
    """1280×800, a card open beside the list: the names still read (the card's buttons once
    left the « Nom » column five letters)."""
    from tests.ui.windows import shown_window

    window = shown_window(qtbot, demo_ctx, qsettings)
    window.resize(1280, 770)
    window.show_page("directory")
    directory = window.page("directory")
    assert isinstance(directory, DirectoryPage)
    tab = directory.search_tab
    answered(qtbot, directory)
    qtbot.keyClicks(tab.search_edit, "usinage")
    answered(qtbot, directory)
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: tab.panel.detail is not None)
    qtbot.wait(100)
    name_width = tab.table.horizontalHeader().sectionSize(0)
    assert name_width >= tab.table.fontMetrics().horizontalAdvance("Mécanique de Précision")
    navigation = window.navigation
    widest = max(
        navigation.fontMetrics().horizontalAdvance(navigation.item(row).text())
        for row in range(navigation.count())
    )
    assert navigation.width() > widest  # the sidebar's names are not cut either
