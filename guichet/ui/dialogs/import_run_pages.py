"""The last two steps of the import wizard: the preview, then the import and its report.

Both run their work in the background (``ui.tasks.run_task``) with a progress bar; the import
can be cancelled, in which case its transaction is rolled back and nothing is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from guichet.importers.plan import ACTION_LABELS, ImportAction, ImportPlan
from guichet.services.imports import ImportReport, save_report

from guichet.ui.accessibility import set_name
from guichet.ui.dialogs.import_preview_model import ImportPreviewModel
from guichet.ui.feedback import attempt, show_task_error
from guichet.ui.file_dialogs import FileKind, save_file_name
from guichet.ui.table_model import SORT_ROLE
from guichet.ui.tasks import Task, TaskControl, run_task

if TYPE_CHECKING:
    from guichet.ui.dialogs.import_wizard import ImportWizard


class _ActionFilter(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.action: ImportAction | None = None
        self.setSortRole(SORT_ROLE)

    def set_action(self, action: ImportAction | None) -> None:
        self.beginFilterChange()
        self.action = action
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Any) -> bool:
        if self.action is None:
            return True
        model = self.sourceModel()
        assert isinstance(model, ImportPreviewModel)
        row = model.row_at(source_row)
        return row is not None and row.action == self.action


def _rows_view(
    page: QWizardPage, model: ImportPreviewModel, object_name: str, spoken_name: str
) -> tuple[QTableView, _ActionFilter]:
    proxy = _ActionFilter(page)
    proxy.setSourceModel(model)
    view = QTableView()
    view.setObjectName(object_name)
    set_name(view, spoken_name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, proxy.sortOrder().AscendingOrder)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view, proxy


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setObjectName("importPreviewPage")
        self.setTitle(self.tr("Aperçu"))
        self.setSubTitle(
            self.tr(
                "Ce que l'import fera de chaque ligne. Les lignes rejetées ne seront pas "
                "importées : corrigez le fichier et recommencez si besoin."
            )
        )
        self.plan: ImportPlan | None = None
        self.task: Task | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        self.filter_box = QComboBox()
        self.filter_box.setObjectName("previewFilterBox")
        set_name(self.filter_box, self.tr("Lignes montrées"))
        self.filter_box.addItem(self.tr("Toutes les lignes"), None)
        for action in ImportAction:
            self.filter_box.addItem(self.tr(ACTION_LABELS[action]), action)
        self.filter_box.currentIndexChanged.connect(self.on_filter_box_current_index_changed)
        top.addWidget(self.filter_box)
        layout.addLayout(top)
        self.progress = QProgressBar()
        self.progress.setObjectName("previewProgress")
        layout.addWidget(self.progress)
        self.model = ImportPreviewModel(self.tr, self)
        self.view, self.proxy = _rows_view(
            self, self.model, "previewView", self.tr("Lignes du fichier")
        )
        layout.addWidget(self.view, 1)

    def initializePage(self) -> None:
        self.plan = None
        self.model.set_rows([])
        self.summary.setText(self.tr("Vérification des lignes…"))
        self.progress.show()
        self.progress.setValue(0)
        owner = self.owner
        table, mapping, kind = owner.table, owner.mapping, owner.kind
        assert table is not None and mapping is not None

        def work(control: TaskControl) -> ImportPlan:
            return owner.service.preview(table, mapping, kind, progress=control.progress)

        self.task = run_task(
            work,
            on_success=self.show_plan,
            on_error=self.on_task_failed,
            on_progress=self.on_task_progressed,
            parent=self,
        )

    def on_task_progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def on_task_failed(self, exc: BaseException) -> None:
        self.summary.setText(self.tr("La vérification a échoué."))
        show_task_error(self, exc)

    def show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.task = None
        self.progress.hide()
        self.model.set_rows(plan.rows)
        counts = {action: plan.count(action) for action in ImportAction}
        self.summary.setText(
            self.tr("À créer : %1 · à mettre à jour : %2 · ignorées : %3 · rejetées : %4")
            .replace("%1", str(counts[ImportAction.CREATE]))
            .replace("%2", str(counts[ImportAction.UPDATE]))
            .replace("%3", str(counts[ImportAction.SKIP]))
            .replace("%4", str(counts[ImportAction.REJECT]))
        )
        self.completeChanged.emit()

    def on_filter_box_current_index_changed(self, _index: int) -> None:
        self.proxy.set_action(self.filter_box.currentData())

    def isComplete(self) -> bool:
        return self.plan is not None and (
            self.plan.count(ImportAction.CREATE) + self.plan.count(ImportAction.UPDATE) > 0
        )


class RunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setObjectName("importRunPage")
        self.setTitle(self.tr("Import"))
        self.setSubTitle(
            self.tr(
                "Tout est enregistré en une seule fois ; une annulation ne laisse aucune trace."
            )
        )
        self.report: ImportReport | None = None
        self.task: Task | None = None
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        row.addWidget(self.progress, 1)
        self.cancel_button = QPushButton(self.tr("Annuler l'import"))
        self.cancel_button.setObjectName("importCancelButton")
        self.cancel_button.clicked.connect(self.on_cancel_button_clicked)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.model = ImportPreviewModel(self.tr, self)
        self.view, self.proxy = _rows_view(
            self, self.model, "reportView", self.tr("Rapport d'import")
        )
        layout.addWidget(self.view, 1)
        self.save_button = QPushButton(self.tr("Enregistrer le rapport…"))
        self.save_button.setObjectName("saveReportButton")
        self.save_button.clicked.connect(self.on_save_button_clicked)
        self.save_button.setEnabled(False)
        layout.addWidget(self.save_button)

    @property
    def running(self) -> bool:
        return self.task is not None

    def initializePage(self) -> None:
        self.report = None
        self.model.set_rows([])
        self.status.setText(self.tr("Import en cours…"))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.save_button.setEnabled(False)
        owner = self.owner
        table, mapping, kind = owner.table, owner.mapping, owner.kind
        assert table is not None and mapping is not None

        def work(control: TaskControl) -> ImportReport:
            return owner.service.run(
                table, mapping, kind, check=control.check, progress=control.progress
            )

        self.task = run_task(
            work,
            on_success=self.on_task_succeeded,
            on_error=self.on_task_failed,
            on_progress=self.on_task_progressed,
            on_cancel=self.on_task_cancelled,
            parent=self,
        )
        self.owner.set_running(True)

    def on_task_progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _finished(self, text: str) -> None:
        self.task = None
        self.status.setText(text)
        self.cancel_button.hide()
        self.owner.set_running(False)
        self.completeChanged.emit()

    def on_task_succeeded(self, report: ImportReport) -> None:
        self.report = report
        self.progress.setValue(self.progress.maximum())
        self.model.set_rows(report.rows)
        self.save_button.setEnabled(True)
        self._finished(self.tr("Import terminé. ") + report.summary)
        self.owner.imported.emit(report.created + report.updated)

    def on_task_cancelled(self) -> None:
        self.progress.hide()
        self._finished(self.tr("Import annulé : rien n'a été enregistré."))

    def on_task_failed(self, exc: BaseException) -> None:
        self.progress.hide()
        self._finished(self.tr("L'import a échoué : rien n'a été enregistré."))
        show_task_error(self, exc)

    def on_cancel_button_clicked(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Annulation…"))

    def on_save_button_clicked(self) -> None:
        report = self.report
        if report is None:
            return
        chosen, _ = save_file_name(
            self,
            FileKind.REPORT,
            self.tr("Enregistrer le rapport d'import"),
            "rapport-import.csv",
            self.tr("CSV (*.csv);;Classeur Excel (*.xlsx)"),
        )
        if chosen:
            path = Path(chosen)
            if path.suffix.lower() not in (".csv", ".xlsx"):
                path = path.with_suffix(".csv")
            if attempt(self, lambda: save_report(report, path)) is not None:
                self.status.setText(
                    self.status.text() + "\n" + self.tr("Rapport enregistré : ") + str(path)
                )

    def isComplete(self) -> bool:
        return not self.running
