"""Opportunités: the calls for tenders and consultations the desk relays, with their lots, the
members who can answer each lot and the groupements that could win it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from guichet.models import label
from guichet.services.opportunity_views import OpportunityRow, list_opportunities

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.dialogs.opportunity_dialog import OpportunityDialog
from guichet.ui.dialogs.opportunity_import_dialog import OpportunityImportDialog
from guichet.ui.feedback import attempt
from guichet.ui.file_dialogs import FileKind, open_file_name
from guichet.ui.icons import with_icon
from guichet.ui.pages.opportunity_detail import OpportunityDetailPanel
from guichet.ui.rows_view import rows_view
from guichet.ui.search_box import mark_search_box
from guichet.ui.table_fit import compact_rows
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel, sorting_proxy

#: width of the title column, pixels (the whole title is in its tooltip)
TITLE_WIDTH = 260


class OpportunitiesPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("opportunitiesPage")
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("opportunityFilter")
        set_name(self.filter_edit, self.tr("Filtrer les opportunités"))
        self.filter_edit.setPlaceholderText(self.tr("Filtrer les opportunités…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("Nouvelle opportunité"))
        self.new_button.setObjectName("newOpportunityButton")
        with_icon(self.new_button, "new")
        self.import_button = QPushButton(self.tr("Importer…"))
        self.import_button.setObjectName("importOpportunitiesButton")
        self.import_button.setToolTip(self.tr("Un tableur ou un fichier JSON, une ligne par lot"))
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.import_button)
        layout.addLayout(bar)
        self.model: RowsTableModel[OpportunityRow] = RowsTableModel(
            [
                Column(self.tr("Intitulé"), lambda r: r.title, tooltip=lambda r: r.title),
                Column(self.tr("Acheteur"), lambda r: r.buyer),
                Column(self.tr("Filière"), lambda r: r.sector),
                Column(self.tr("Réponse avant le"), lambda r: r.answer_deadline),
                Column(self.tr("Lots"), lambda r: r.lots, align_right=True),
                Column(self.tr("Relayée à"), lambda r: r.relayed_to, align_right=True),
                Column(self.tr("Réponses"), lambda r: r.answers, align_right=True),
                Column(self.tr("Statut"), lambda r: self.tr(label(r.status))),
            ],
            self,
        )
        self.proxy = sorting_proxy(self.model, self)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.view = rows_view("opportunitiesView", self.proxy)
        set_name(self.view, self.tr("Opportunités"))
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        mark_search_box(self.filter_edit, self.view)
        self.view.setWordWrap(False)
        compact_rows(self.view)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, TITLE_WIDTH)  # long titles: the other columns stay in sight
        self.detail = OpportunityDetailPanel(ctx)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([520, 700])
        layout.addWidget(splitter, 1)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.new_button.clicked.connect(self.on_new_button_clicked)
        self.import_button.clicked.connect(self.on_import_button_clicked)
        self.detail.changed.connect(self.on_detail_changed)
        self.view.selectionModel().currentRowChanged.connect(self.on_view_current_row_changed)
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else self.current_id()
        rows = attempt(self, lambda: list_opportunities(self.ctx.db))
        self.model.set_rows(rows or [])
        if current is not None:
            self.select(current)

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        row = index.data(ROW_ROLE) if index.isValid() else None
        return row.id if isinstance(row, OpportunityRow) else None

    def select(self, opportunity_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            found = index.data(ROW_ROLE)
            if isinstance(found, OpportunityRow) and found.id == opportunity_id:
                self.view.setCurrentIndex(index)
                return

    def on_view_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        self.detail.show_opportunity(row.id if isinstance(row, OpportunityRow) else None)

    def on_new_button_clicked(self) -> None:
        dialog = OpportunityDialog(self.ctx, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_id is not None:
            self.refresh(dialog.saved_id)

    def on_import_button_clicked(self) -> None:
        chosen = open_file_name(
            self,
            FileKind.IMPORT,
            self.tr("Importer des opportunités"),
            self.tr("Tableurs et JSON (*.xlsx *.ods *.csv *.txt *.json)"),
        )
        if not chosen:
            return
        dialog = attempt(self, lambda: OpportunityImportDialog(self.ctx, Path(chosen), self))
        if dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted and dialog.imported:
            self.refresh(dialog.imported[0])

    def on_detail_changed(self, opportunity_id: int) -> None:
        with_selection = self.view.selectionModel()
        with_selection.blockSignals(True)
        try:
            self.refresh(opportunity_id)
        finally:
            with_selection.blockSignals(False)
