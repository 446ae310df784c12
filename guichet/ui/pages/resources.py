"""Ressources: the desk's library (information sheets, aid schemes, meetings, links, files)."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.models import ResourceKind, label
from guichet.reference.file_names import with_folder
from guichet.services.resources import (
    ResourceDraft,
    ResourceInfo,
    attach_file,
    attach_path,
    file_bytes,
    list_resources,
    safe_file_name,
    save_resource,
)
from guichet.services.scratch import scratch_folder
from guichet.services.taxonomy import load_taxonomy

from guichet.ui.accessibility import set_name
from guichet.ui.column_menu import HeaderColumnMenu
from guichet.ui.context import AppContext
from guichet.ui.feedback import show_error
from guichet.ui.file_dialogs import FileKind, open_file_name
from guichet.ui.icons import with_icon
from guichet.ui.search_box import mark_search_box
from guichet.ui.table_fit import compact_rows
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel, sorting_proxy
from guichet.ui.unsaved import LeaveGuard, confirm_discard, may_leave
from guichet.ui.widgets.date_fields import optional_date, optional_date_edit, set_optional_date
from guichet.ui.widgets.qt_dates import to_qdatetime

#: widths of the columns after the title (type, theme, date, valid until, file, active), pixels
RESOURCE_COLUMN_WIDTHS = (120, 125, 110, 105, 60, 50)
#: file and « active » are in the form beside the list: their columns are one right-click away
HIDDEN_RESOURCE_COLUMNS = {5, 6}


class ResourcesPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("resourcesPage")
        self.current: ResourceInfo | None = None
        self.filled: ResourceDraft | None = None  # the form as last filled, to see changes
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("resourceFilter")
        set_name(self.filter_edit, self.tr("Filtrer les ressources"))
        self.filter_edit.setPlaceholderText(self.tr("Filtrer les ressources…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("Nouvelle ressource"))
        with_icon(self.new_button, "new")
        self.new_button.setObjectName("newResourceButton")
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.new_button)
        layout.addLayout(bar)
        self.model: RowsTableModel[ResourceInfo] = RowsTableModel(
            [
                Column(self.tr("Titre"), lambda r: r.title),
                Column(self.tr("Type"), lambda r: self.tr(r.kind_label)),
                Column(self.tr("Thématique"), lambda r: r.theme),
                Column(self.tr("Date"), lambda r: r.event_at),
                Column(self.tr("Valable jusqu'au"), lambda r: r.valid_until),
                Column(self.tr("Fichier"), lambda r: r.file_name),
                Column(self.tr("Active"), lambda r: r.active),
            ],
            self,
        )
        self.proxy = sorting_proxy(self.model, self)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.view = QTableView()
        self.view.setObjectName("resourcesView")
        set_name(self.view, self.tr("Ressources"))
        self.view.setModel(self.proxy)
        mark_search_box(self.filter_edit, self.view)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        compact_rows(self.view)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the title gets the room
        for column, width in enumerate(RESOURCE_COLUMN_WIDTHS, start=1):
            header.resizeSection(column, width)
        self.columns_menu = HeaderColumnMenu(self.view, HIDDEN_RESOURCE_COLUMNS)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self._form())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 420])
        layout.addWidget(splitter, 1)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.new_button.clicked.connect(self.on_new_button_clicked)
        # another resource chosen while the form holds changes: asked first
        self.leave_guard = LeaveGuard(self, lambda: (self,))
        self.view.selectionModel().currentRowChanged.connect(self.on_view_current_row_changed)
        self.refresh()
        self.fill(None)

    def _form(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        # says what the form is for, so an empty one reads as « a new resource »
        self.form_heading = QLabel()
        self.form_heading.setObjectName("resourceFormHeading")
        self.form_heading.setWordWrap(True)
        heading_font = self.form_heading.font()
        heading_font.setBold(True)
        self.form_heading.setFont(heading_font)
        form.addRow(self.form_heading)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("resourceTitle")
        self.title_edit.setMaxLength(250)
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("resourceKind")
        for kind in ResourceKind:
            self.kind_box.addItem(self.tr(label(kind)), kind)
        self.theme_box = QComboBox()
        self.theme_box.setObjectName("resourceTheme")
        self.theme_box.addItem(self.tr("(aucune)"), None)
        for theme in load_taxonomy(self.ctx.db):
            self.theme_box.addItem(theme.name, theme.id)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("resourceDescription")
        self.description_edit.setTabChangesFocus(True)
        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("resourceUrl")
        self.url_edit.setPlaceholderText("https://…")
        self.event_edit = QDateTimeEdit()
        self.event_edit.setObjectName("resourceEventAt")
        self.event_edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.event_edit.setCalendarPopup(True)
        self.valid_edit = optional_date_edit("resourceValidUntil", self.tr("sans limite"))
        self.active_box = QCheckBox(self.tr("Proposée aux conseillers"))
        self.active_box.setObjectName("resourceActive")
        self.file_label = QLabel()
        self.file_label.setObjectName("resourceFile")
        files = QHBoxLayout()
        self.attach_button = QPushButton(self.tr("Joindre un fichier…"))
        self.attach_button.setObjectName("resourceAttach")
        self.open_button = QPushButton(self.tr("Ouvrir"))
        self.open_button.setObjectName("resourceOpen")
        self.detach_button = QPushButton(self.tr("Retirer"))
        self.detach_button.setObjectName("resourceDetach")
        for button in (self.attach_button, self.open_button, self.detach_button):
            files.addWidget(button)
        self.save_button = QPushButton(self.tr("Enregistrer la ressource"))
        self.save_button.setObjectName("resourceSave")
        form.addRow(self.tr("Titre"), self.title_edit)
        form.addRow(self.tr("Type"), self.kind_box)
        form.addRow(self.tr("Thématique"), self.theme_box)
        form.addRow(self.tr("Description"), self.description_edit)
        form.addRow(self.tr("Lien"), self.url_edit)
        form.addRow(self.tr("Date (réunion)"), self.event_edit)
        form.addRow(self.tr("Valable jusqu'au"), self.valid_edit)
        form.addRow("", self.active_box)
        form.addRow(self.tr("Fichier"), self.file_label)
        form.addRow("", files)
        form.addRow("", self.save_button)
        self.kind_box.currentIndexChanged.connect(self.on_kind_box_current_index_changed)
        self.save_button.clicked.connect(self.on_save_button_clicked)
        self.attach_button.clicked.connect(self.on_attach_button_clicked)
        self.open_button.clicked.connect(self.on_open_button_clicked)
        self.detach_button.clicked.connect(self.on_detach_button_clicked)
        return box

    # -- data ------------------------------------------------------------------------------------
    def refresh(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else (self.current.id if self.current else None)
        self.model.set_rows(list_resources(self.ctx.db))
        if keep is not None:
            self.select_resource(keep)

    def select_resource(self, resource_id: int | None) -> bool:
        """Its row current and its form filled; ``False`` if the list does not show it."""
        for row in range(self.proxy.rowCount()):
            info = self.proxy.index(row, 0).data(ROW_ROLE)
            if info.id == resource_id:
                with self.leave_guard.own_moves():
                    self.view.selectRow(row)
                self.fill(info)
                return True
        return False

    def fill(self, info: ResourceInfo | None) -> None:
        self.current = info
        self.form_heading.setText(
            self.tr("Modifier la ressource")
            if info
            else self.tr(
                "Nouvelle ressource : remplissez la fiche, puis « Enregistrer la ressource »"
            )
        )
        self.title_edit.setText(info.title if info else "")
        self.kind_box.setCurrentIndex(
            max(self.kind_box.findData(info.kind if info else ResourceKind.SHEET), 0)
        )
        self.theme_box.setCurrentIndex(
            max(self.theme_box.findData(info.theme_id if info else None), 0)
        )
        self.description_edit.setPlainText(info.description if info else "")
        self.url_edit.setText(info.url if info else "")
        moment = (
            info.event_at
            if info and info.event_at
            else datetime.now().replace(minute=0, second=0, microsecond=0)
        )
        self.event_edit.setDateTime(to_qdatetime(moment))
        valid = info.valid_until if info else None
        set_optional_date(self.valid_edit, valid)
        self.active_box.setChecked(info.active if info else True)
        self.file_label.setText(info.file_name if info and info.file_name else self.tr("(aucun)"))
        self.attach_button.setEnabled(info is not None)
        self.open_button.setEnabled(bool(info and info.file_name))
        self.detach_button.setEnabled(bool(info and info.file_name))
        self.on_kind_box_current_index_changed(self.kind_box.currentIndex())
        self.filled = self.draft()

    def has_unsaved_changes(self) -> bool:
        return self.filled is not None and self.draft() != self.filled

    def confirm_discard(self) -> bool:
        def save() -> bool:
            self.on_save_button_clicked()
            return not self.has_unsaved_changes()

        return confirm_discard(
            self,
            self.tr("Ressources"),
            self.tr("La fiche de la ressource n'est pas enregistrée. L'enregistrer ?"),
            save=save,
        )

    def draft(self) -> ResourceDraft:
        kind = ResourceKind(self.kind_box.currentData())
        event = self.event_edit.dateTime().toPython() if kind == ResourceKind.MEETING else None
        return ResourceDraft(
            title=self.title_edit.text(),
            kind=kind,
            theme_id=self.theme_box.currentData(),
            description=self.description_edit.toPlainText(),
            url=self.url_edit.text(),
            event_at=event if isinstance(event, datetime) else None,
            valid_until=optional_date(self.valid_edit),
            active=self.active_box.isChecked(),
        )

    # -- slots -----------------------------------------------------------------------------------
    def on_view_current_row_changed(self, current: object, _previous: object) -> None:
        if self.leave_guard.busy:
            return
        index = self.view.currentIndex()
        info = index.data(ROW_ROLE) if index.isValid() else None
        shown = self.current.id if self.current else None
        if info is not None and info.id == shown:
            return
        self.leave_guard.request(
            go=partial(self._show_chosen, info), stay=partial(self._reselect, shown)
        )

    def _show_chosen(self, info: ResourceInfo | None) -> None:
        if info is None or not self.select_resource(info.id):
            self.fill(None)

    def _reselect(self, resource_id: int | None) -> None:
        """The row of the resource the form still shows is current again (its input kept)."""
        selection = self.view.selectionModel()
        selection.clearCurrentIndex()
        self.view.clearSelection()
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ROW_ROLE).id == resource_id:
                with self.leave_guard.own_moves():
                    self.view.selectRow(row)
                return

    def on_new_button_clicked(self) -> None:
        if not may_leave((self,)):
            return
        self.view.clearSelection()
        self.fill(None)
        self.title_edit.setFocus()

    def on_kind_box_current_index_changed(self, _index: int) -> None:
        self.event_edit.setEnabled(self.kind_box.currentData() == ResourceKind.MEETING)

    def on_save_button_clicked(self) -> None:
        try:
            saved = save_resource(
                self.ctx.db,
                self.draft(),
                resource_id=self.current.id if self.current else None,
                version=self.current.version if self.current else None,
            )
        except GuichetError as exc:
            show_error(self, exc)
            return
        self.refresh(select_id=saved.id)

    def attach(self, path: Path) -> None:
        if self.current is None:
            return
        try:
            attach_path(self.ctx.db, self.current.id, path)
        except GuichetError as exc:
            show_error(self, exc)
            return
        self.refresh(select_id=self.current.id)

    def on_attach_button_clicked(self) -> None:
        path = open_file_name(self, FileKind.ATTACHMENT, self.tr("Joindre un fichier"))
        if path:
            self.attach(Path(path))

    def on_detach_button_clicked(self) -> None:
        if self.current is None:
            return
        try:
            attach_file(self.ctx.db, self.current.id, "", None)
        except GuichetError as exc:
            show_error(self, exc)
            return
        self.refresh(select_id=self.current.id)

    def export_file(self) -> Path | None:
        """Writes the attachment to a temporary folder and returns its path."""
        if self.current is None:
            return None
        found = file_bytes(self.ctx.db, self.current.id)
        if found is None:
            return None
        name, data = found
        folder = scratch_folder("guichet-ressource-")
        target = Path(with_folder(folder, safe_file_name(name)))
        target.write_bytes(data)
        return target

    def on_open_button_clicked(self) -> None:
        path = self.export_file()
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
