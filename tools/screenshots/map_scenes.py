"""Scenes of the map of the territory: Implantation › Carte with the demo's sites, a project's
proposed sites highlighted and the pointer over one of them."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from guichet.services.projects import list_projects, proposed_sites
from tools.screenshots.demo_clock import DEMO_NOW

from guichet.ui.main_window import MainWindow
from guichet.ui.pages.implantation_map import SitesMapTab


def _wait(tab: SitesMapTab) -> None:
    deadline = time.monotonic() + 10
    while tab.is_loading() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)


def _hover(tab: SitesMapTab, marker_id: object) -> None:
    view = tab.map_panel().view
    pos = view.marker_view_pos(marker_id)
    view.mouseMoveEvent(
        QMouseEvent(
            QMouseEvent.Type.MouseMove,
            pos.toPointF(),
            view.viewport().mapToGlobal(pos).toPointF(),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )


def show_sites_map(tab: SitesMapTab) -> None:
    """The tab with the project that has the most proposed sites chosen."""
    assert tab.ctx is not None
    _wait(tab)
    db, day = tab.ctx.db, DEMO_NOW.date()
    projects = list_projects(db, today=day)
    best = max(projects, key=lambda p: len(proposed_sites(db, p.id, today=day)))
    tab.set_project(best.id)
    _wait(tab)
    proposed = sorted(tab.map_panel().view.highlighted(), key=str)
    if proposed:
        _hover(tab, proposed[0])
    tab.map_panel().splitter.setSizes([3 * tab.width() // 4, tab.width() // 4])


def sites_map(window: MainWindow) -> QWidget:
    window.show_page("implantation")
    page = window.page("implantation")
    tab = page.map  # type: ignore[attr-defined]
    page.tabs.setCurrentWidget(tab)  # type: ignore[attr-defined]
    tab.today = DEMO_NOW.date
    show_sites_map(tab)
    return window
