"""The pipeline of implantation projects: totals per stage, the projects sorted by stage.

Ctrl+→ / Ctrl+← move the selected project one stage along the pipeline; « Perdu… » and
« Abandonné… » ask for the reason. Projects without a next action or past its date are flagged.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.models import ProjectStage, label
from guichet.models.implantation_enums import STAGE_ORDER
from guichet.services.project_stages import change_stage, neighbour
from guichet.services.projects import ProjectSummary, list_projects

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.dialogs.project_dialogs import ask_reason
from guichet.ui.feedback import show_error
from guichet.ui.icons import with_icon
from guichet.ui.pages.implantation_tables import keep_in_width
from guichet.ui.rows_view import rows_view
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel, sorting_proxy
from guichet.ui.widgets.status_chip import TONES, use_status_chips

TONES.update(
    {
        label(ProjectStage.FIRST_CONTACT): "info",
        label(ProjectStage.QUALIFICATION): "info",
        label(ProjectStage.SITE_SEARCH): "progress",
        label(ProjectStage.PROPOSALS): "progress",
        label(ProjectStage.VISITS): "progress",
        label(ProjectStage.DECISION): "progress",
        label(ProjectStage.ESTABLISHED): "success",
        label(ProjectStage.LOST): "failure",
        label(ProjectStage.ABANDONED): "neutral",
    }
)


@dataclass(frozen=True)
class StageTotal:
    stage: ProjectStage
    count: int
    jobs: int
    investment: int
    flagged: int

    @property
    def stage_label(self) -> str:
        return label(self.stage)


def stage_totals(rows: list[ProjectSummary]) -> list[StageTotal]:
    totals = []
    for stage in STAGE_ORDER:
        mine = [r for r in rows if r.stage is stage]
        totals.append(
            StageTotal(
                stage,
                len(mine),
                sum(r.jobs_3y or 0 for r in mine),
                sum(r.investment_eur or 0 for r in mine),
                sum(1 for r in mine if r.no_next_action or r.overdue),
            )
        )
    return totals


def money(value: int | None) -> str:
    return "" if value is None else f"{value:,}".replace(",", "\u202f") + " €"


def flag_text(row: ProjectSummary) -> str:
    if row.overdue:
        return "En retard"
    return "Sans prochaine action" if row.no_next_action else ""


class PipelinePanel(QWidget):
    #: a project to open in the detail tab
    project_activated = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("pipelinePanel")
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.names_box = QCheckBox(self.tr("Avec les noms"))
        self.names_box.setObjectName("pipelineWithNames")
        self.names_box.setToolTip(
            self.tr("Montre le vrai nom des projets que vous êtes habilité à voir")
        )
        self.back_button = QPushButton(self.tr("◀ Étape précédente"))
        self.back_button.setObjectName("pipelineBack")
        self.back_button.setToolTip("Ctrl+←")
        self.next_button = QPushButton(self.tr("Étape suivante ▶"))
        self.next_button.setObjectName("pipelineNext")
        self.next_button.setToolTip("Ctrl+→")
        self.lost_button = QPushButton(self.tr("Perdu…"))
        self.lost_button.setObjectName("pipelineLost")
        self.abandon_button = QPushButton(self.tr("Abandonné…"))
        self.abandon_button.setObjectName("pipelineAbandoned")
        self.open_button = QPushButton(self.tr("Ouvrir le projet"))
        self.open_button.setObjectName("pipelineOpen")
        with_icon(self.open_button, "open")
        bar.addWidget(self.names_box)
        bar.addStretch(1)
        for button in (
            self.back_button,
            self.next_button,
            self.lost_button,
            self.abandon_button,
            self.open_button,
        ):
            bar.addWidget(button)
        layout.addLayout(bar)
        self.totals_model: RowsTableModel[StageTotal] = RowsTableModel(
            [
                Column(self.tr("Étape"), lambda t: self.tr(t.stage_label), sort_value=lambda t: STAGE_ORDER.index(t.stage)),
                Column(self.tr("Projets"), lambda t: t.count, align_right=True),
                Column(self.tr("Emplois à 3 ans"), lambda t: t.jobs, align_right=True),
                Column(self.tr("Investissement"), lambda t: money(t.investment), align_right=True, sort_value=lambda t: t.investment),
                Column(self.tr("À suivre"), lambda t: t.flagged or "", align_right=True),
            ],
            self,
        )  # fmt: skip
        self.totals_view = rows_view("pipelineTotals", self.totals_model)
        set_name(self.totals_view, self.tr("Totaux par étape"))
        use_status_chips(self.totals_view)
        self.model: RowsTableModel[ProjectSummary] = RowsTableModel(
            [
                Column(self.tr("Étape"), lambda r: self.tr(r.stage_label), sort_value=lambda r: (STAGE_ORDER.index(r.stage), r.code_name)),
                Column(self.tr("Projet"), lambda r: r.name),
                Column(self.tr("Filière"), lambda r: r.sector),
                Column(self.tr("Emplois"), lambda r: r.jobs_3y, align_right=True),
                Column(self.tr("Investissement"), lambda r: money(r.investment_eur), align_right=True, sort_value=lambda r: r.investment_eur or 0),
                Column(self.tr("Prochaine action"), lambda r: r.next_action),
                Column(self.tr("Échéance"), lambda r: r.next_action_on),
                Column(self.tr("Alerte"), lambda r: self.tr(flag_text(r)) if flag_text(r) else ""),
                Column(self.tr("Conseiller"), lambda r: r.counsellor),
            ],
            self,
        )  # fmt: skip
        self.proxy = sorting_proxy(self.model, self)
        self.proxy.setFilterKeyColumn(0)
        self.view = rows_view("pipelineView", self.proxy)
        set_name(self.view, self.tr("Projets par étape"))
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.keepers = [keep_in_width(self.view, (1, 2, 5)), keep_in_width(self.totals_view, (0,))]
        use_status_chips(self.view)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("pipelineSummary")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.totals_view)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 3)
        rows = self.totals_view.verticalHeader().defaultSectionSize()
        splitter.setSizes([rows * (len(STAGE_ORDER) + 1) + 6, 420])
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary_label)
        self.names_box.toggled.connect(lambda _on: self.refresh())
        self.back_button.clicked.connect(lambda: self.move_stage(-1))
        self.next_button.clicked.connect(lambda: self.move_stage(1))
        self.lost_button.clicked.connect(lambda: self.close_as(ProjectStage.LOST))
        self.abandon_button.clicked.connect(lambda: self.close_as(ProjectStage.ABANDONED))
        self.open_button.clicked.connect(self.on_open_button_clicked)
        self.view.activated.connect(lambda _index: self.on_open_button_clicked())
        self.totals_view.selectionModel().currentRowChanged.connect(
            self.on_totals_current_row_changed
        )
        self.view.installEventFilter(self)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.update_buttons())
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+→ / Ctrl+← on the list move the project along the pipeline."""
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.modifiers() == Qt.KeyboardModifier.ControlModifier:
                step = {Qt.Key.Key_Right: 1, Qt.Key.Key_Left: -1}.get(Qt.Key(event.key()))
                if step is not None:
                    self.move_stage(step)
                    return True
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        current = self.current()
        rows = list_projects(self.ctx.db, with_names=self.names_box.isChecked())
        self.model.set_rows(rows)
        self.totals_model.set_rows(stage_totals(rows))
        open_rows = [
            r
            for r in rows
            if r.stage not in (ProjectStage.ESTABLISHED, ProjectStage.LOST, ProjectStage.ABANDONED)
        ]
        flagged = sum(1 for r in open_rows if r.no_next_action or r.overdue)
        self.summary_label.setText(
            self.tr("{open} projet(s) en cours : {jobs} emplois et {money} d'investissement ; {flagged} à suivre (sans prochaine action ou en retard).").format(
                open=len(open_rows),
                jobs=sum(r.jobs_3y or 0 for r in open_rows),
                money=money(sum(r.investment_eur or 0 for r in open_rows)),
                flagged=flagged,
            )
        )  # fmt: skip
        if current is not None:
            self.select(current.id)
        self.update_buttons()

    def select(self, project_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            found = index.data(ROW_ROLE)
            if isinstance(found, ProjectSummary) and found.id == project_id:
                self.view.setCurrentIndex(index)
                return

    def current(self) -> ProjectSummary | None:
        row = self.view.currentIndex().data(ROW_ROLE)
        return row if isinstance(row, ProjectSummary) else None

    def update_buttons(self) -> None:
        row = self.current()
        self.open_button.setEnabled(row is not None)
        self.back_button.setEnabled(row is not None and neighbour(row.stage, -1) is not None)
        self.next_button.setEnabled(row is not None and neighbour(row.stage, 1) is not None)
        closable = row is not None and row.stage in STAGE_ORDER[:6]
        self.lost_button.setEnabled(closable)
        self.abandon_button.setEnabled(closable)

    def move_stage(self, step: int) -> None:
        row = self.current()
        target = neighbour(row.stage, step) if row is not None else None
        if row is None or target is None:
            return
        self._change(row.id, target, "")

    def close_as(self, stage: ProjectStage) -> None:
        row = self.current()
        if row is None:
            return
        reason = ask_reason(self, row.code_name, label(stage))
        if reason is not None:
            self._change(row.id, stage, reason)

    def _change(self, project_id: int, stage: ProjectStage, reason: str) -> None:
        try:
            change_stage(self.ctx.db, project_id, stage, reason=reason)
        except GuichetError as exc:
            show_error(self, exc)
        self.refresh()
        self.select(project_id)
        self.view.setFocus()

    def on_open_button_clicked(self) -> None:
        row = self.current()
        if row is not None:
            self.project_activated.emit(row.id)

    def on_totals_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        total = current.data(ROW_ROLE)
        text = self.tr(total.stage_label) if isinstance(total, StageTotal) else ""
        pattern = f"^{QRegularExpression.escape(text)}$" if text else ""
        self.proxy.setFilterRegularExpression(pattern)
