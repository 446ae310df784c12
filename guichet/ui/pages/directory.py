"""Annuaire: the partner network directory — search, duplicates, freshness."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from guichet.search.filters import SearchFilters

from guichet.ui.context import AppContext
from guichet.ui.pages.directory_duplicates import DuplicatesTab
from guichet.ui.pages.directory_freshness import FreshnessTab
from guichet.ui.pages.directory_search import DirectorySearchTab


class DirectoryPage(QWidget):
    inquiry_requested = Signal(int)  # from the referrals an organization received
    record_requested = Signal(str, int)  # a membership's origin: page key, record id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("directoryPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("directoryTabs")
        self.search_tab = DirectorySearchTab(ctx)
        self.duplicates_tab = DuplicatesTab(ctx)
        self.freshness_tab = FreshnessTab(ctx)
        self.tabs.addTab(self.search_tab, self.tr("Recherche"))
        self.tabs.addTab(self.duplicates_tab, self.tr("Doublons"))
        self.tabs.addTab(self.freshness_tab, self.tr("Fiches à vérifier"))
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(self.on_tabs_current_changed)
        self.duplicates_tab.merged.connect(self.on_duplicates_tab_merged)
        self.freshness_tab.organization_requested.connect(self.show_organization)
        self.freshness_tab.verified.connect(lambda _n: self.search_tab.panel.reload())
        self.search_tab.panel.inquiry_requested.connect(self.inquiry_requested)
        self.search_tab.panel.record_requested.connect(self.record_requested)

    def show_organization(self, organization_id: int) -> None:
        self.tabs.setCurrentWidget(self.search_tab)
        self.search_tab.show_organization(organization_id)

    def show_filtered(self, filters: SearchFilters) -> None:
        """The organizations a dashboard bar stands for, in the search tab."""
        self.tabs.setCurrentWidget(self.search_tab)
        self.search_tab.filters.set_filters(filters)

    def refresh(self) -> None:
        current = self.tabs.currentWidget()
        if current is self.search_tab:
            self.search_tab.refresh()
        elif current is self.duplicates_tab:
            self.duplicates_tab.refresh()
        else:
            self.freshness_tab.refresh()

    def on_tabs_current_changed(self, _index: int) -> None:
        current = self.tabs.currentWidget()
        if current is self.duplicates_tab:
            self.duplicates_tab.ensure_loaded()
        elif current is self.freshness_tab:
            self.freshness_tab.refresh()

    def on_duplicates_tab_merged(self, _kept_id: int) -> None:
        self.search_tab.refresh()
