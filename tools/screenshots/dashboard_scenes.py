"""Scenes of the « Tableau de bord »: the headline figures and first charts, réactivité against
its targets, referrals by partner, and the map of activity."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication, QWidget

from guichet.services.figures import Period
from tools.screenshots.demo_clock import DEMO_NOW

from guichet.ui.main_window import MainWindow
from guichet.ui.pages.dashboard import DashboardPage


def _dashboard(window: MainWindow, period: Period | None = None) -> DashboardPage:
    window.show_page("dashboard")
    page = window.page("dashboard")
    assert isinstance(page, DashboardPage)
    page.now = lambda: DEMO_NOW
    page.picker.set_period(period or Period.of_year(DEMO_NOW.year))  # reloads
    deadline = time.monotonic() + 30
    while page.is_loading() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)
    return page


def _scrolled_to(window: MainWindow, name: str) -> QWidget:
    page = _dashboard(window)
    page.tabs.setCurrentIndex(0)
    QApplication.processEvents()
    page.charts_scroll.ensureWidgetVisible(page.sections[name], 0, 0)
    bar = page.charts_scroll.verticalScrollBar()
    bar.setValue(page.sections[name].y())
    return window


def dashboard(window: MainWindow) -> QWidget:
    _dashboard(window).tabs.setCurrentIndex(0)
    return window


def reactivity(window: MainWindow) -> QWidget:
    return _scrolled_to(window, "reactivitySection")


def partners(window: MainWindow) -> QWidget:
    return _scrolled_to(window, "partnerSection")


def breakdowns(window: MainWindow) -> QWidget:
    return _scrolled_to(window, "nafSection")


def activity_map(window: MainWindow) -> QWidget:
    page = _dashboard(window)
    page.tabs.setCurrentWidget(page.activity_map)
    return window
