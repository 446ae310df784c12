"""Annuaire › Recherche: a search box that answers as you type, the filters, the results and
the detail of the chosen organization.

The search runs off the GUI thread (:class:`LiveSearch`: debounced, stale answers dropped), so
typing never waits; the first page of hits and the total come back together. Scrolling further
(``fetchMore``) asks the engine directly: Qt's lazy-model protocol is synchronous, a page is
bounded (100 rows) and it follows a scroll, not a keystroke.

Keyboard: type, Down arrow to go into the results, Up/Down to move, Enter to open the chosen
organization's form, Escape to go back to the search box.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guichet.db.problems import environment_problem
from guichet.errors import GuichetError
from guichet.search import DirectorySearch, OrganizationHit, SearchFilters
from guichet.services.exports import ExportKind, contact_ids_of
from guichet.services.maintenance import ensure_sound

from guichet.ui.accessibility import set_name
from guichet.ui.column_menu import HeaderColumnMenu
from guichet.ui.context import AppContext
from guichet.ui.dialogs.capabilities_dialog import CapabilitiesDialog
from guichet.ui.dialogs.organization_dialog import OrganizationDialog
from guichet.ui.export_button import ExportButton, IdsFinder
from guichet.ui.icons import with_icon
from guichet.ui.pages.directory_filters import FilterPanel
from guichet.ui.pages.directory_results import PAGE_SIZE, HitDelegate, HitsTableModel, row_height
from guichet.ui.pages.organization_panel import OrganizationPanel
from guichet.ui.screen_fit import scaled_pixels
from guichet.ui.search_box import mark_search_box
from guichet.ui.search_worker import LiveAnswer, LiveSearch
from guichet.ui.theme import set_themed_style
from guichet.ui.widgets.history_view import with_history

log = logging.getLogger(__name__)
DEBOUNCE_MS = 30
#: the results list's narrowest, at the reference font: a name of about 18 letters and its commune
RESULTS_MIN_WIDTH = 250


class DirectorySearchTab(QWidget):
    results_shown = Signal(int)  # number of organizations found

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.engine = DirectorySearch(ctx.db, partial=True)
        self.setObjectName("directorySearchTab")
        self._text = ""
        self._filters = SearchFilters()
        self._wanted_id: int | None = None
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("directorySearchEdit")
        self.search_edit.setAccessibleName(self.tr("Rechercher dans l'annuaire"))
        self.search_edit.setPlaceholderText(
            self.tr("Nom, SIRET, commune, compétence (usinage, soudure TIG…), contact…")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.on_search_edit_text_changed)
        self.search_edit.installEventFilter(self)
        mark_search_box(self.search_edit)  # Ctrl+F; its own filter handles the result keys
        top.addWidget(self.search_edit, 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("resultCountLabel")
        top.addWidget(self.count_label)
        self.new_button = QPushButton(self.tr("Nouvelle organisation…"))
        with_icon(self.new_button, "new")
        self.new_button.setObjectName("newOrganizationButton")
        self.new_button.clicked.connect(self.on_new_button_clicked)
        top.addWidget(self.new_button)
        self.thesaurus_button = QPushButton(self.tr("Compétences…"))
        with_icon(self.thesaurus_button, "list")
        self.thesaurus_button.setObjectName("thesaurusButton")
        self.thesaurus_button.setToolTip(self.tr("Modifier le thésaurus des savoir-faire"))
        self.thesaurus_button.clicked.connect(self.on_thesaurus_button_clicked)
        top.addWidget(self.thesaurus_button)
        self.export_button = ExportButton(
            ctx, ExportKind.ORGANIZATIONS, self.organizations_to_export, self
        )
        self.export_button.setToolTip(
            self.tr("Exporte toutes les organisations trouvées par la recherche et les filtres")
        )
        self.export_button.add_choice(
            ExportKind.CONTACTS,
            self.contacts_to_export,
            self.tr("Contacts de ces organisations (CSV, Excel, vCard)…"),
        )
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self.partial_label = QLabel(
            self.tr(
                "Aucune fiche n'a tous les mots ; résultats partiels : les fiches qui en ont "
                "le plus d'abord, chacune avec les mots trouvés."
            )
        )
        self.partial_label.setObjectName("partialResultsLabel")
        self.partial_label.setWordWrap(True)
        self.partial_label.hide()
        layout.addWidget(self.partial_label)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("searchProblemLabel")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        set_themed_style(self.problem_label, "color: $error;")
        self.problem_label.hide()
        layout.addWidget(self.problem_label)

        self.filters = FilterPanel(ctx.db, lists_in_background=True)
        self.filters.filters_changed.connect(self.on_filters_filters_changed)
        filters_area = QScrollArea()
        filters_area.setObjectName("filtersArea")
        filters_area.setWidgetResizable(True)
        filters_area.setWidget(self.filters)
        filters_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Never narrower than the filters need: labels and combos read in full.
        scroll_bar = filters_area.verticalScrollBar().sizeHint().width()
        filters_area.setMinimumWidth(self.filters.minimumSizeHint().width() + scroll_bar + 4)

        self.model = HitsTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("directoryResults")
        set_name(self.table, self.tr("Organisations trouvées"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(0, HitDelegate(self.table))  # why, under the name
        line = self.table.fontMetrics().lineSpacing()
        self.table.verticalHeader().setDefaultSectionSize(row_height(line))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # the name (and why it matched, under it) takes the room left: no sideways scrolling
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 75)
        header.resizeSection(2, 115)  # the name gets the room: the commune is elided first
        header.resizeSection(3, 120)
        # kind and SIRET are in the detail panel: their columns are one right-click away
        self.columns_menu = HeaderColumnMenu(self.table, {1, 3})
        self.table.selectionModel().selectionChanged.connect(self.on_table_selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.table.installEventFilter(self)

        self.panel = OrganizationPanel(ctx)
        self.panel.organization_changed.connect(self.on_panel_organization_changed)
        self.panel.organization_deleted.connect(self.on_panel_organization_deleted)

        self.splitter = QSplitter()
        self.splitter.setObjectName("directorySplitter")
        self.splitter.addWidget(filters_area)
        self.splitter.addWidget(self.table)
        self.history_tabs = with_history(ctx, self.panel, self.tr("Fiche"), "organization")
        self.splitter.addWidget(self.history_tabs)
        # the list keeps room for the names (a 1280-pixel screen gave it 5 letters of each)
        self.table.setMinimumWidth(scaled_pixels(self, RESULTS_MIN_WIDTH))
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([filters_area.minimumWidth(), 600, 470])
        layout.addWidget(self.splitter, 1)
        db = ctx.db
        self.live = LiveSearch(
            self.engine,
            self,
            limit=PAGE_SIZE,
            debounce_ms=DEBOUNCE_MS,
            count=True,
            # nothing found: a damaged file may be why (as `guichet search` checks)
            when_empty=lambda: ensure_sound(db),
        )
        self.live.answered.connect(self.on_live_answered)
        self.live.failed.connect(self.on_live_failed)
        self.run_search()

    # -- searching -----------------------------------------------------------------------------
    def run_search(self) -> None:
        """Search for the current text and filters in the background; the answer shows itself."""
        self.live.request(self._text, self._filters)

    def is_searching(self) -> bool:
        """True while the newest search has not answered yet (or the filters' lists)."""
        return self.live.busy or self.filters.lists_loading()

    def show_results(
        self,
        text: str,
        filters: SearchFilters,
        hits: list[OrganizationHit],
        total: int | None = None,
    ) -> None:
        if (text, filters) != (self._text, self._filters):
            return  # an answer to an older query: a newer one is on its way
        engine = self.engine

        def fetch(offset: int, limit: int) -> list[OrganizationHit]:
            return engine.search(text, filters, limit=limit, offset=offset)

        wanted = self._wanted_id if self._wanted_id is not None else self.current_id()
        self.problem_label.hide()
        self.model.show_hits(hits, fetch)
        # why each one matched takes a second line; a list by the filters alone needs none
        lines = 2 if any(hit.reason for hit in hits) else 1
        line = self.table.fontMetrics().lineSpacing()
        self.table.verticalHeader().setDefaultSectionSize(row_height(line, lines))
        if total is None:
            total = len(hits) if len(hits) < PAGE_SIZE else engine.count(text, filters)
        self.count_label.setText(
            self.tr("%n organisation(s)", "", total) if total else self.tr("Aucun résultat")
        )
        partial = bool(hits) and hits[0].partial
        self.partial_label.setVisible(partial)
        if partial:
            self.count_label.setText(self.tr("%n résultat(s) partiel(s)", "", total))
        row = self.model.row_of(wanted) if wanted is not None else -1
        if row >= 0:
            self.table.selectRow(row)
        elif self._wanted_id is not None:
            self.panel.show_organization(self._wanted_id)
        elif self.panel.detail is not None and self.model.row_of(self.panel.detail.id) < 0:
            self.panel.show_organization(None)
        self._wanted_id = None
        self.results_shown.emit(total)

    # -- exports (what the search and filters show: every match, not only the rows loaded) ----
    def organizations_to_export(self) -> IdsFinder:
        engine, text, filters = self.engine, self._text, self._filters
        return lambda: engine.ids(text, filters)

    def contacts_to_export(self) -> IdsFinder:
        engine, text, filters, db = self.engine, self._text, self._filters, self.ctx.db
        return lambda: contact_ids_of(db, engine.ids(text, filters))

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        hit = self.model.hit_at(index.row()) if index.isValid() else None
        return hit.id if hit else None

    def show_organization(self, organization_id: int) -> None:
        """Bring one organization forward (from another tab or after creating it)."""
        self._wanted_id = organization_id
        self.panel.show_organization(organization_id)
        self.run_search()

    def refresh(self) -> None:
        self.filters.reload_lists()
        self.panel.reload()
        self.run_search()

    def open_current(self) -> None:
        if self.panel.detail is not None:
            self.panel.on_edit_button_clicked()

    # -- keyboard ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search_edit and key == Qt.Key.Key_Down and self.model.rowCount():
                if not self.table.selectionModel().hasSelection():
                    self.table.selectRow(0)
                self.table.setFocus()
                return True
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
            if watched is self.table and key == Qt.Key.Key_Escape:
                self.search_edit.setFocus()
                self.search_edit.selectAll()
                return True
        return super().eventFilter(watched, event)

    # -- slots ---------------------------------------------------------------------------------
    def on_search_edit_text_changed(self, text: str) -> None:
        self._text = text.strip()
        self.run_search()

    def on_live_answered(self, answer: LiveAnswer) -> None:
        filters = answer.filters if answer.filters is not None else SearchFilters()
        self.show_results(answer.text, filters, answer.hits, answer.total)

    def on_live_failed(self, exc: object) -> None:
        log.warning("Recherche dans l'annuaire en échec : %s", exc)
        problem = exc if isinstance(exc, GuichetError) else None
        if problem is None and isinstance(exc, BaseException):
            problem = environment_problem(exc)
        if problem is None:
            self.count_label.setText(self.tr("Recherche impossible (voir le journal)"))
            return
        # a damaged (or locked…) database: its French message, never « Aucun résultat »
        self.model.show_hits([], None)
        self.partial_label.hide()
        self.count_label.setText(self.tr("Recherche impossible"))
        self.problem_label.setText(problem.message)
        self.problem_label.show()

    def on_filters_filters_changed(self, filters: SearchFilters) -> None:
        self._filters = filters
        self.run_search()

    def on_table_selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        rows = {index.row() for index in selected.indexes()}
        hit = self.model.hit_at(min(rows)) if rows else None
        if hit is not None and (self.panel.detail is None or self.panel.detail.id != hit.id):
            self.panel.show_organization(hit.id)

    def on_panel_organization_changed(self, organization_id: int) -> None:
        self._wanted_id = organization_id
        self.run_search()

    def on_panel_organization_deleted(self, _organization_id: int) -> None:
        self.run_search()

    def on_new_button_clicked(self) -> None:
        dialog = OrganizationDialog(self.ctx, None, self)
        if dialog.exec() and dialog.saved_id is not None:
            self.show_organization(dialog.saved_id)

    def on_thesaurus_button_clicked(self) -> None:
        CapabilitiesDialog(self.ctx, self).exec()
        self.refresh()
