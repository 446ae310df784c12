"""Scenes of the network: the Réseau page with its chart, its prospects, the card's
memberships and the Paramètres tab of the goal."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from tools.screenshots.demo_clock import DEMO_NOW

from guichet.ui.main_window import MainWindow


def _network_page(window: MainWindow) -> QWidget:
    window.show_page("network")
    page = window.page("network")
    page.today = DEMO_NOW.date  # type: ignore[attr-defined]
    page.prospects.today = DEMO_NOW.date  # type: ignore[attr-defined]
    page.refresh()  # type: ignore[attr-defined]
    return page


def network(window: MainWindow) -> QWidget:
    _network_page(window)
    return window


def prospects(window: MainWindow) -> QWidget:
    page = _network_page(window)
    page.tabs.setCurrentWidget(page.prospects)  # type: ignore[attr-defined]
    return window


def network_settings(window: MainWindow) -> QWidget:
    from guichet.ui.dialogs.settings import SettingsDialog

    assert window.ctx is not None
    dialog = SettingsDialog(window.ctx, window)
    dialog.tabs.setCurrentWidget(dialog.network_tab)
    dialog.show()
    return dialog


def card_memberships(window: MainWindow) -> QWidget:
    """The directory's card of a member, scrolled to its « Adhésions » section."""
    from tools.screenshots import directory_scenes

    directory_scenes.directory_search(window)
    panel = window.page("directory").search_tab.panel  # type: ignore[attr-defined]
    panel.ensureWidgetVisible(panel.memberships.join_button)
    return window
