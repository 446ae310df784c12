"""Screenshot scenes of the opportunities (``make screenshots``): an opportunity with its lots
and matches, the proposed groupements, the groupement retained, the form with its lots."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from guichet.ui.dialogs.opportunity_dialog import OpportunityDialog
from guichet.ui.pages.opportunities import OpportunitiesPage
from guichet.ui.table_model import ROW_ROLE

if TYPE_CHECKING:
    from guichet.ui.main_window import MainWindow


def _page(window: MainWindow, title_start: str, *, closed: bool) -> OpportunitiesPage:
    window.show_page("opportunities")
    page = window.page("opportunities")
    assert isinstance(page, OpportunitiesPage)
    rows = [page.model.index(r, 0).data(ROW_ROLE) for r in range(page.model.rowCount())]
    wanted = [
        r
        for r in rows
        if r.title.startswith(title_start)
        and (r.status.value == "closed") == closed
        and r.relayed_to
    ]
    page.select((wanted or rows)[0].id)
    tree = page.detail.tree
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not (
        tree.topLevelItemCount() and tree.topLevelItem(0).childCount()  # type: ignore[union-attr]
    ):
        QApplication.processEvents()
        time.sleep(0.01)
    return page


def matches(window: MainWindow) -> QWidget:
    page = _page(window, "Station de distribution", closed=False)
    tree = page.detail.tree
    lot = tree.topLevelItem(0)
    rows = [lot.child(i) for i in range(lot.childCount())] if lot is not None else []
    found = [row for row in rows if row is not None]
    if found:  # the match with the longest reason, read whole under the tree
        tree.setCurrentItem(max(found, key=lambda row: len(row.text(1))))
    return window


def proposed_groupements(window: MainWindow) -> QWidget:
    page = _page(window, "Extension de l'électrolyseur", closed=True)
    tree = page.detail.tree
    last = tree.topLevelItem(tree.topLevelItemCount() - 1)
    if last is not None:
        tree.scrollToItem(last)
        first = last.child(0)
        if first is not None:
            tree.setCurrentItem(first)
    return window


def retained_groupement(window: MainWindow) -> QWidget:
    from guichet.services.opportunity_views import get_opportunity, list_opportunities

    assert window.ctx is not None
    db = window.ctx.db
    won = next(r for r in list_opportunities(db) if get_opportunity(db, r.id).groupements)
    page = _page(window, won.title, closed=True)
    page.select(won.id)
    page.detail.tabs.setCurrentIndex(1)
    page.detail.groupement_list.setCurrentRow(0)
    return window


def form(window: MainWindow) -> QWidget:
    page = _page(window, "Usine d'électrolyse", closed=True)
    assert window.ctx is not None and page.detail.detail is not None
    dialog = OpportunityDialog(window.ctx, page.detail.detail, window)
    dialog.show()
    return dialog
