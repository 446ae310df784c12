"""Annuaire: the partner network directory — search, duplicates, freshness."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
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
        self.tabs.addTab(self.search_tab, self.tr("Recherche"))
        layout.addWidget(self.tabs)
        self.search_tab.panel.inquiry_requested.connect(self.inquiry_requested)
        self.search_tab.panel.record_requested.connect(self.record_requested)
        self._side_tabs: tuple[DuplicatesTab, FreshnessTab] | None = None
        # built a moment later, in their own slice of the GUI thread: the page shows sooner
        QTimer.singleShot(0, self, self._build_side_tabs)

    def _build_side_tabs(self) -> tuple[DuplicatesTab, FreshnessTab]:
        if self._side_tabs is None:
            duplicates, freshness = DuplicatesTab(self.ctx), FreshnessTab(self.ctx)
            self._side_tabs = (duplicates, freshness)
            self.tabs.addTab(duplicates, self.tr("Doublons"))
            self.tabs.addTab(freshness, self.tr("Fiches à vérifier"))
            self.tabs.currentChanged.connect(self.on_tabs_current_changed)
            duplicates.merged.connect(self.on_duplicates_tab_merged)
            freshness.organization_requested.connect(self.show_organization)
            freshness.verified.connect(lambda _n: self.search_tab.panel.reload())
        return self._side_tabs

    @property
    def duplicates_tab(self) -> DuplicatesTab:
        return self._build_side_tabs()[0]

    @property
    def freshness_tab(self) -> FreshnessTab:
        return self._build_side_tabs()[1]

    def show_organization(self, organization_id: int) -> None:
        self.tabs.setCurrentWidget(self.search_tab)
        self.search_tab.show_organization(organization_id)

    def show_filtered(self, filters: SearchFilters) -> None:
        """The organizations a dashboard bar stands for, in the search tab."""
        self.tabs.setCurrentWidget(self.search_tab)
        self.search_tab.filters.set_filters(filters)

    def refresh(self) -> None:
        current = self.tabs.currentWidget()
        if current is self.search_tab or self._side_tabs is None:
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
