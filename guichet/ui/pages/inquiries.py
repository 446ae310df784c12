"""Demandes: every inquiry, filtered and sorted by the database, with its detail beside it."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guichet.models import Channel, InquiryStatus, label
from guichet.services.counsellors import CounsellorService
from guichet.services.exports import ExportKind
from guichet.services.inquiries import (
    InquiryFilters,
    count_inquiries,
    inquiry_ids,
    list_inquiries,
)
from guichet.services.taxonomy import load_taxonomy

from guichet.ui.accessibility import set_name
from guichet.ui.column_menu import HeaderColumnMenu
from guichet.ui.context import AppContext
from guichet.ui.export_button import ExportButton, IdsFinder
from guichet.ui.pages.inquiries_chosen import ChosenFilterBar
from guichet.ui.pages.inquiry_detail_panel import InquiryDetailPanel
from guichet.ui.pages.inquiry_model import InquiryListModel
from guichet.ui.search_box import mark_search_box
from guichet.ui.table_fit import compact_rows, fit_columns, fit_within_width
from guichet.ui.tasks import Task, TaskControl, run_task
from guichet.ui.unsaved import LeaveGuard
from guichet.ui.view_state import keep_view_state
from guichet.ui.widgets.history_view import with_history
from guichet.ui.widgets.status_chip import use_status_chips

PERIODS = (
    ("Toutes les dates", None),
    ("Aujourd'hui", 0),
    ("7 derniers jours", 7),
    ("30 derniers jours", 30),
    ("12 derniers mois", 365),
)
MAX_COLUMN_WIDTH = 220
SHRINKABLE_COLUMNS = (2, 3, 4)  # company, contact, needs
#: channel and first-action delay: statistics more than reading matter, a right-click away
HIDDEN_COLUMNS = {3, 5, 8}  # contact (in the detail), channel, delay: one right-click away


class InquiriesPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("inquiriesPage")
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.text_edit = QLineEdit()
        self.text_edit.setObjectName("inquiryTextFilter")
        self.text_edit.setPlaceholderText(
            self.tr("Rechercher : référence, entreprise, contact, besoin…")
        )
        self.text_edit.setClearButtonEnabled(True)
        set_name(self.text_edit, self.tr("Rechercher une demande"))
        bar.addWidget(self.text_edit, 2)
        self.status_box = self._combo(
            "inquiryStatusFilter",
            self.tr("Tous statuts"),
            [(self.tr(label(s)), s) for s in InquiryStatus],
        )
        self.theme_box = self._combo(
            "inquiryThemeFilter",
            self.tr("Toutes thématiques"),
            [(t.name, t.id) for t in load_taxonomy(ctx.db)],
        )
        self.channel_box = self._combo(
            "inquiryChannelFilter",
            self.tr("Tous canaux"),
            [(self.tr(label(c)), c) for c in Channel],
        )
        self.counsellor_box = self._combo(
            "inquiryCounsellorFilter",
            self.tr("Tous conseillers"),
            [(c.initials, c.id) for c in CounsellorService(ctx.db).list(include_inactive=True)],
        )
        self.period_box = self._combo(
            "inquiryPeriodFilter", None, [(self.tr(t), d) for t, d in PERIODS]
        )
        self.mine_box = QCheckBox(self.tr("&Mes demandes"))
        self.mine_box.setObjectName("inquiryMineFilter")
        for box, spoken_name in (
            (self.status_box, self.tr("Statut")),
            (self.theme_box, self.tr("Thématique")),
            (self.channel_box, self.tr("Canal")),
            (self.counsellor_box, self.tr("Conseiller")),
            (self.period_box, self.tr("Période")),
        ):
            set_name(box, spoken_name)
        for widget in (
            self.status_box,
            self.theme_box,
            self.channel_box,
            self.counsellor_box,
            self.period_box,
            self.mine_box,
        ):
            bar.addWidget(widget)
        layout.addLayout(bar)
        count_row = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("inquiryCount")
        count_row.addWidget(self.count_label, 1)
        self.export_button = ExportButton(ctx, ExportKind.INQUIRIES, self.inquiries_to_export)
        self.export_button.setToolTip(
            self.tr("Exporte toutes les demandes que les filtres gardent")
        )
        count_row.addWidget(self.export_button)
        layout.addLayout(count_row)
        self.chosen_bar = ChosenFilterBar()  # filters set from the dashboard
        self.chosen_bar.cleared.connect(self.refresh)
        layout.addWidget(self.chosen_bar)

        self.model = InquiryListModel(self)
        self.view = QTableView()
        self.view.setObjectName("inquiriesView")
        set_name(self.view, self.tr("Demandes"))
        self.view.setModel(self.model)
        mark_search_box(self.text_edit, self.view)
        use_status_chips(self.view)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(False)
        compact_rows(self.view)
        self.columns_menu = HeaderColumnMenu(self.view, HIDDEN_COLUMNS)
        self.detail = InquiryDetailPanel(ctx)
        splitter = QSplitter()
        splitter.setObjectName("inquiriesSplitter")
        splitter.addWidget(self.view)
        self.history_tabs = with_history(ctx, self.detail, self.tr("Demande"), "inquiry")
        splitter.addWidget(self.history_tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 480])
        layout.addWidget(splitter, 1)

        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(250)
        self._text_timer.timeout.connect(self.refresh)
        self.text_edit.textChanged.connect(lambda _t: self._text_timer.start())
        for box in (
            self.status_box,
            self.theme_box,
            self.channel_box,
            self.counsellor_box,
            self.period_box,
        ):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.mine_box.toggled.connect(self.on_mine_box_toggled)
        # another inquiry chosen while its fields or a note are typed: asked first
        self.leave_guard = LeaveGuard(self, lambda: (self.detail.edit_form, self.detail))
        self.view.selectionModel().currentRowChanged.connect(self.on_view_current_row_changed)
        self.detail.changed.connect(self.on_detail_changed)
        self._load_first_page()

    def _combo(
        self, name: str, everything: str | None, items: list[tuple[str, object]]
    ) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        if everything is not None:
            box.addItem(everything, None)
        for text, data in items:
            box.addItem(text, data)
        return box

    # -- filters ---------------------------------------------------------------------------------
    def filters(self) -> InquiryFilters:
        days = self.period_box.currentData()
        since = date.today() - timedelta(days=days) if days is not None else None
        counsellor = (
            self.ctx.counsellor_id
            if self.mine_box.isChecked()
            else self.counsellor_box.currentData()
        )
        return self.chosen_bar.apply(
            InquiryFilters(
                status=self.status_box.currentData(),
                theme_id=self.theme_box.currentData(),
                channel=self.channel_box.currentData(),
                counsellor_id=counsellor,
                since=since,
                text=self.text_edit.text().strip(),
            )
        )

    def inquiries_to_export(self) -> IdsFinder:
        """Every inquiry the current filters keep (not only the rows loaded so far)."""
        db, filters = self.ctx.db, self.filters()
        return lambda: inquiry_ids(db, filters)

    def _load_first_page(self) -> None:
        """The first rows read on a worker (count and rows: plain dataclasses, a session each),
        « Chargement… » meanwhile; a refresh asked before the answer supersedes it."""
        db, filters, asked = self.ctx.db, self.filters(), self.model.load_query()

        def work(_control: TaskControl) -> tuple[list, int]:
            sort, descending, limit = asked
            rows = list_inquiries(db, filters, sort=sort, descending=descending, limit=limit)
            return rows, count_inquiries(db, filters)

        self.count_label.setText(self.tr("Chargement…"))
        task = run_task(
            work,
            on_success=lambda result: self._first_page_loaded(task, filters, asked, result),
            on_error=lambda _exc: self._first_page_loaded(task, filters, asked, None),
            parent=self,
        )
        self._first_load: Task | None = task

    def is_loading(self) -> bool:
        """True until the first page of rows is on screen."""
        return self._first_load is not None

    def _first_page_loaded(
        self, task: Task, filters: InquiryFilters, asked: object, result: tuple | None
    ) -> None:
        if task is not self._first_load:
            return  # superseded by a refresh
        if result is None or self.model.load_query() != asked or filters != self.filters():
            self.refresh()  # failed (its error shown from here), or sorted/filtered meanwhile
            return
        self.model.show_loaded(partial(self._fetch, filters), *result)
        self.count_label.setText(self.tr("%n demande(s)", "", self.model.total()))
        # fitted once the view has laid the rows out (and shown the scroll bar they need)
        QTimer.singleShot(0, partial(self._first_page_shown, task))

    def _first_page_shown(self, task: Task) -> None:
        if task is self._first_load:
            self._first_load = None
            self._fit_columns()
            if self.detail.inquiry_id is not None:
                self.select_inquiry(self.detail.inquiry_id)

    def refresh(self, select_id: int | None = None) -> None:
        self._first_load = None  # its answer, if still on its way, is stale
        current = self.detail.inquiry_id if select_id is None else select_id
        filters = self.filters()
        total = count_inquiries(self.ctx.db, filters)
        self.model.load(partial(self._fetch, filters), total)
        self.count_label.setText(self.tr("%n demande(s)", "", total))
        self._fit_columns()
        if current is not None:
            self.select_inquiry(current)

    def refresh_if_changed(self, _tables: frozenset[str] | None) -> None:
        """A colleague saved (guichet.ui.live_updates): the list and the detail reload, the
        selection, the scroll position and what the detail's form holds unsaved stay."""
        keep_view_state(self)
        self.refresh()

    def _fit_columns(self) -> None:
        """Columns sized to their content, once, when the table is on screen with rows; the
        long texts (company, contact, needs) give way so that no column hides off-screen."""
        if self.view.property("columnsFitted") or not self.view.isVisible():
            return
        fit_columns(self.view, MAX_COLUMN_WIDTH)
        fit_within_width(self.view, SHRINKABLE_COLUMNS)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_columns()

    def _fetch(
        self, filters: InquiryFilters, sort: str, descending: bool, offset: int, limit: int
    ) -> list:
        return list_inquiries(
            self.ctx.db, filters, sort=sort, descending=descending, offset=offset, limit=limit
        )

    def select_inquiry(self, inquiry_id: int) -> bool:
        row = self.model.find(inquiry_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        with self.leave_guard.own_moves():
            self.view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.view.scrollTo(index)
        self.detail.show_inquiry(inquiry_id)
        return True

    def show_filtered(self, chosen: InquiryFilters, caption: str) -> None:
        """The inquiries a dashboard bar stands for: its theme, channel and counsellor in the
        combos, the rest (period, subject, NAF section…) in the bar above the list."""
        self._clear_filters()
        for box, value in (
            (self.theme_box, chosen.theme_id),
            (self.channel_box, chosen.channel),
            (self.counsellor_box, chosen.counsellor_id),
        ):
            index = box.findData(value) if value is not None else 0
            box.blockSignals(True)
            box.setCurrentIndex(max(index, 0))
            box.blockSignals(False)
        self.chosen_bar.choose(chosen, caption)
        self.refresh()

    def open_inquiry(self, inquiry_id: int) -> None:
        """Show one inquiry (just logged, or asked for from another page), selected with its
        detail: the filters that would hide it are cleared first. An inquiry beyond the rows
        the list fetches shows its detail alone."""
        self._clear_filters()
        self.refresh(select_id=inquiry_id)
        if self.detail.inquiry_id != inquiry_id:
            self.view.selectionModel().clearCurrentIndex()
            self.view.clearSelection()
            self.detail.show_inquiry(inquiry_id)

    def _clear_filters(self) -> None:
        self.chosen_bar.chosen = None
        self.chosen_bar.hide()
        self.text_edit.blockSignals(True)
        self.text_edit.clear()
        self.text_edit.blockSignals(False)
        for box in (
            self.status_box,
            self.theme_box,
            self.channel_box,
            self.counsellor_box,
            self.period_box,
        ):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.mine_box.blockSignals(True)
        self.mine_box.setChecked(False)
        self.counsellor_box.setEnabled(True)
        self.mine_box.blockSignals(False)

    # -- slots -----------------------------------------------------------------------------------
    def on_mine_box_toggled(self, checked: bool) -> None:
        self.counsellor_box.setEnabled(not checked)
        self.refresh()

    def on_view_current_row_changed(self, current: object, _previous: object) -> None:
        if self.leave_guard.busy:
            return
        row = self.model.row_at(self.view.currentIndex().row())
        if row is not None and row.id != self.detail.inquiry_id:
            chosen, shown = row.id, self.detail.inquiry_id
            self.leave_guard.request(
                go=partial(self._show_chosen, chosen), stay=partial(self._reselect, shown)
            )

    def _show_chosen(self, inquiry_id: int) -> None:
        if not self.select_inquiry(inquiry_id):
            self.detail.show_inquiry(inquiry_id)

    def _reselect(self, inquiry_id: int | None) -> None:
        """The row of the inquiry the detail still shows is current again (its input kept)."""
        if inquiry_id is None or not self.select_inquiry(inquiry_id):
            self.view.selectionModel().clearCurrentIndex()
            self.view.clearSelection()

    def on_detail_changed(self, inquiry_id: int) -> None:
        self.refresh(select_id=inquiry_id)
