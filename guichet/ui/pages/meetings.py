"""Réunions: the meetings the desk organises (upcoming first) and, beside, the one chosen with
its registrations, attendance and the inquiries it brought."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from guichet.models import MeetingKind, MeetingStatus, label
from guichet.services.meetings import MeetingRow, list_meetings

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.icons import with_icon
from guichet.ui.pages.meeting_detail import MeetingDetailPanel
from guichet.ui.rows_view import rows_view
from guichet.ui.search_box import mark_search_box
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel
from guichet.ui.widgets.status_chip import use_status_chips


def meeting_columns(t: Callable[[str], str]) -> list[Column[MeetingRow]]:
    """The list's columns (type, place and the rest are in the detail beside it)."""
    return [
        Column(t("Date"), lambda r: r.start_at.date(), sort_value=lambda r: r.start_at),
        Column(t("Réunion"), lambda r: r.title, tooltip=lambda r: f"{r.title}\n{r.place}"),
        Column(t("Statut"), lambda r: t(r.status_label)),
        Column(t("Inscrits"), lambda r: r.counts.registered, align_right=True),
        Column(t("Présents"), lambda r: r.counts.present, align_right=True),
    ]


class MeetingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("meetingsPage")
        #: the clock that splits upcoming from past meetings (the screenshots set the demo's)
        self.now: Callable[[], datetime] = datetime.now
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("meetingFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filtrer les réunions (titre, lieu)…"))
        self.filter_edit.setClearButtonEnabled(True)
        set_name(self.filter_edit, self.tr("Filtrer les réunions"))
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("meetingKindFilter")
        set_name(self.kind_box, self.tr("Type de réunion"))
        self.kind_box.addItem(self.tr("Tous les types"), None)
        for kind in MeetingKind:
            self.kind_box.addItem(self.tr(label(kind)), kind)
        self.status_box = QComboBox()
        self.status_box.setObjectName("meetingStatusFilter")
        set_name(self.status_box, self.tr("Statut de la réunion"))
        self.status_box.addItem(self.tr("Tous les statuts"), None)
        for status in MeetingStatus:
            self.status_box.addItem(self.tr(label(status)), status)
        self.new_button = QPushButton(self.tr("Nouvelle réunion…"))
        self.new_button.setObjectName("newMeetingButton")
        with_icon(self.new_button, "new")
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.kind_box)
        bar.addWidget(self.status_box)
        bar.addWidget(self.new_button)
        layout.addLayout(bar)
        self.model: RowsTableModel[MeetingRow] = RowsTableModel(meeting_columns(self.tr), self)
        self.view = rows_view("meetingsView", self.model)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the title gets the room
        self.view.setWordWrap(False)
        use_status_chips(self.view)
        set_name(self.view, self.tr("Réunions"))
        mark_search_box(self.filter_edit, self.view)
        self.detail = MeetingDetailPanel(ctx)
        self.detail.changed.connect(self.on_detail_changed)
        splitter = QSplitter()
        splitter.setObjectName("meetingsSplitter")
        splitter.addWidget(self.view)
        # a narrow window scrolls the detail rather than growing past the screen
        detail_scroll = QScrollArea()
        detail_scroll.setObjectName("meetingDetailScroll")
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        detail_scroll.setWidget(self.detail)
        splitter.addWidget(detail_scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([480, 800])
        layout.addWidget(splitter, 1)
        self.filter_edit.textChanged.connect(lambda _text: self.refresh())
        self.kind_box.currentIndexChanged.connect(lambda _index: self.refresh())
        self.status_box.currentIndexChanged.connect(lambda _index: self.refresh())
        self.new_button.clicked.connect(self.on_new_button_clicked)
        self.view.selectionModel().currentRowChanged.connect(self.on_view_current_row_changed)
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        """Reload the list (F5), keeping the meeting shown."""
        keep = select_id if select_id is not None else self.detail.meeting_id
        rows = list_meetings(
            self.ctx.db,
            now=self.now(),
            kind=self.kind_box.currentData(),
            status=self.status_box.currentData(),
            text=self.filter_edit.text(),
        )
        self.model.set_rows(rows)
        ids = [r.id for r in rows]
        row = ids.index(keep) if keep in ids else (0 if rows else -1)
        if row >= 0:
            self.view.selectRow(row)
            self.view.setCurrentIndex(self.model.index(row, 0))
        else:
            self.detail.show_meeting(None)

    def select_meeting(self, meeting_id: int) -> None:
        self.filter_edit.clear()
        self.kind_box.setCurrentIndex(0)
        self.status_box.setCurrentIndex(0)
        self.refresh(meeting_id)

    def on_view_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        self.detail.show_meeting(row.id if isinstance(row, MeetingRow) else None)

    def on_detail_changed(self, meeting_id: int) -> None:
        self.refresh(meeting_id if meeting_id else None)

    def on_new_button_clicked(self) -> None:
        from guichet.ui.dialogs.meeting_dialog import MeetingDialog

        dialog = MeetingDialog(self.ctx, None, self)
        if dialog.exec() and dialog.saved_id is not None:
            self.select_meeting(dialog.saved_id)
