"""« Historique des modifications » (Fichier menu): the whole audit trail for a responsable,
filtered by counsellor, record type, period and action, exported to CSV/XLSX (the export is
itself logged). Loads and exports run off the GUI thread."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.models.enums import AuditAction, label
from guichet.services.audit_history import (
    VIEW_LIMIT,
    AuditFilter,
    HistoryRow,
    audit_entities,
    export_audit,
    search_audit,
)
from guichet.services.counsellors import CounsellorService
from guichet.services.exports import ExportResult

from guichet.ui.combo import add_no_value, combo_value
from guichet.ui.context import AppContext
from guichet.ui.export_button import _with_suffix
from guichet.ui.feedback import show_error, show_task_error
from guichet.ui.file_dialogs import FileKind, save_file_name
from guichet.ui.rows_view import rows_view
from guichet.ui.table_model import Column, RowsTableModel, sorting_proxy
from guichet.ui.tasks import Task, run_task
from guichet.ui.widgets.date_fields import optional_date, optional_date_edit
from guichet.ui.widgets.history_view import history_columns


class AuditDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: Task | None = None
        self.setObjectName("auditDialog")
        self.setWindowTitle(self.tr("Historique des modifications"))
        self.counsellor_box = QComboBox()
        self.counsellor_box.setObjectName("auditCounsellorBox")
        self.entity_box = QComboBox()
        self.entity_box.setObjectName("auditEntityBox")
        self.action_box = QComboBox()
        self.action_box.setObjectName("auditActionBox")
        self.start_edit = optional_date_edit("auditStartEdit", self.tr("début"))
        self.end_edit = optional_date_edit("auditEndEdit", self.tr("aujourd'hui"))
        self.search_button = QPushButton(self.tr("&Afficher"))
        self.search_button.setObjectName("auditSearchButton")
        self.search_button.setDefault(True)
        filters = QGridLayout()
        for column, (caption, widget) in enumerate(
            (
                (self.tr("C&onseiller :"), self.counsellor_box),
                (self.tr("&Fiche :"), self.entity_box),
                (self.tr("A&ction :"), self.action_box),
                (self.tr("&Du :"), self.start_edit),
                (self.tr("A&u :"), self.end_edit),
            )
        ):
            caption_label = QLabel(caption)
            caption_label.setBuddy(widget)
            filters.addWidget(caption_label, 0, column)
            filters.addWidget(widget, 1, column)
        filters.addWidget(self.search_button, 1, 5)
        columns: list[Column[HistoryRow]] = history_columns(self.tr)
        columns.insert(3, Column(self.tr("N°"), lambda r: r.record_id, align_right=True))
        self.model: RowsTableModel[HistoryRow] = RowsTableModel(columns, self)
        self.table = rows_view("auditTable", sorting_proxy(self.model, self))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        header = self.table.horizontalHeader()
        for column in (6, 7):  # values can be long: a fixed width, the tooltip has them whole
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, 260)
        header.setStretchLastSection(True)
        self.generation = 0  # the answer of an older load is dropped
        self.count_label = QLabel()
        self.count_label.setObjectName("auditCountLabel")
        self.count_label.setBuddy(self.table)
        self.export_button = QPushButton(self.tr("&Exporter…"))
        self.export_button.setObjectName("auditExportButton")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Fermer"))
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._fill_filters()
        self.search_button.clicked.connect(self.load)
        self.export_button.clicked.connect(self.on_export_button_clicked)
        self.resize(1100, 620)
        self.load()

    def _fill_filters(self) -> None:
        add_no_value(self.counsellor_box, self.tr("Tous"))
        for c in CounsellorService(self.ctx.db).list(include_inactive=True):
            self.counsellor_box.addItem(f"{c.name} ({c.initials})", c.id)
        add_no_value(self.entity_box, self.tr("Toutes"))
        try:
            for code, text in audit_entities(self.ctx.db):
                self.entity_box.addItem(self.tr(text), code)
        except GuichetError as exc:  # refused: the load below says it too
            self.count_label.setText(exc.message)
        add_no_value(self.action_box, self.tr("Toutes"))
        for action in AuditAction:
            self.action_box.addItem(self.tr(label(action)), action)

    def current_filter(self) -> AuditFilter:
        start, end = optional_date(self.start_edit), optional_date(self.end_edit)
        return AuditFilter(
            counsellor_id=combo_value(self.counsellor_box),
            entity=combo_value(self.entity_box),
            action=combo_value(self.action_box),
            start=start,
            end=end,
        )

    def load(self) -> None:
        wanted = self.current_filter()
        if wanted.start and wanted.end and wanted.start > wanted.end:
            self.count_label.setText(self.tr("La date de début est après la date de fin."))
            return
        db = self.ctx.db
        self.count_label.setText(self.tr("Chargement…"))
        self.search_button.setEnabled(False)
        self.generation += 1
        generation = self.generation
        self.task = run_task(
            lambda _control: search_audit(db, wanted),
            on_success=lambda rows: self._loaded(rows, generation),
            on_error=self._failed,
            parent=self,
        )

    def _loaded(self, rows: list[HistoryRow], generation: int) -> None:
        if generation != self.generation:
            return
        self.search_button.setEnabled(True)
        self.model.set_rows(rows)
        text = self.tr("%1 ligne(s)").replace("%1", str(len(rows)))
        if len(rows) >= VIEW_LIMIT:
            text += self.tr(" — les %1 plus récentes ; l'export les contient toutes.").replace(
                "%1", str(VIEW_LIMIT)
            )
        self.count_label.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self.search_button.setEnabled(True)
        self.count_label.setText(exc.message if isinstance(exc, GuichetError) else "")
        show_task_error(self, exc)

    def on_export_button_clicked(self) -> None:
        chosen, chosen_filter = save_file_name(
            self,
            FileKind.EXPORT,
            self.tr("Exporter l'historique"),
            f"historique-{date.today():%Y%m%d}.xlsx",
            self.tr("Classeur Excel (*.xlsx);;CSV pour Excel (*.csv)"),
        )
        if not chosen:
            return
        path = _with_suffix(Path(chosen), chosen_filter)
        wanted, db = self.current_filter(), self.ctx.db
        self.export_button.setEnabled(False)
        self.task = run_task(
            lambda _control: export_audit(db, wanted, path),
            on_success=self._exported,
            on_error=self._export_failed,
            parent=self,
        )

    def _exported(self, result: ExportResult) -> None:
        self.export_button.setEnabled(True)
        self.count_label.setText(
            self.tr("%1 ligne(s) exportée(s) dans %2")
            .replace("%1", str(result.count))
            .replace("%2", str(result.path))
        )

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        if isinstance(exc, GuichetError):
            show_error(self, exc)
        else:
            show_task_error(self, exc)
