"""Visites: the company visits, planned ones first (soonest first), then the others (latest
first), with the answers of the chosen one beside the list and the actions on it: plan, change,
record the visit with the questionnaire, print its brief, cancel it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.models import MembershipOrigin, VisitStatus, label
from guichet.reference.file_names import windows_file_name
from guichet.services.counsellors import CounsellorService
from guichet.services.memberships import Origin
from guichet.services.visits import VisitDetail, VisitRow, VisitService

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt, show_error
from guichet.ui.file_dialogs import FileKind, save_file_name
from guichet.ui.membership_shortcut import propose_membership
from guichet.ui.pages.organization_panel_parts import plain_label
from guichet.ui.screen_fit import shrinkable
from guichet.ui.search_box import mark_initial_focus
from guichet.ui.table_fit import compact_rows, fit_columns, fit_within_width
from guichet.ui.table_model import ROW_ROLE, SORT_ROLE, Column, RowsTableModel
from guichet.ui.widgets.status_chip import use_status_chips

#: company, town, partners, signals: long texts, elided (whole in the tooltip)
SHRINKABLE_COLUMNS = (1, 2, 4, 6)


def visit_columns(tr: Callable[[str], str]) -> list[Column[VisitRow]]:
    return [
        Column(tr("Date"), lambda r: r.planned_at),
        Column(tr("Entreprise"), lambda r: r.organization, tooltip=lambda r: r.organization),
        Column(tr("Commune"), lambda r: r.city, tooltip=lambda r: r.city),
        Column(tr("Conseiller"), lambda r: r.counsellor),
        Column(tr("Partenaires"), lambda r: r.partners, tooltip=lambda r: r.partners),
        Column(tr("Statut"), lambda r: r.status_label),
        Column(tr("Signaux"), lambda r: r.risks, tooltip=lambda r: r.risks),
    ]


def answers_text(visit: VisitDetail) -> str:
    """The visit as plain text: who, when, then each answer (risk signals marked)."""
    lines = [visit.organization, f"{visit.status_label} — {visit.planned_at:%d/%m/%Y %H:%M}"]
    if visit.contact:
        lines.append(f"Personne rencontrée : {visit.contact}")
    if visit.partners:
        lines.append("Avec : " + ", ".join(visit.partners))
    if visit.questionnaire is not None:
        lines.append(f"Questionnaire version {visit.questionnaire.number}")
    lines.append("")
    for answer in visit.answers:
        mark = " ⚠" if answer.risk else ""
        lines.append(f"{answer.label} : {answer.value}{mark}")
    if visit.notes:
        lines += ["", f"Notes : {visit.notes}"]
    return "\n".join(lines)


class VisitsPage(QWidget):
    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.now = now
        self.service = VisitService(ctx.db)
        self.current: VisitDetail | None = None
        self.setObjectName("visitsPage")
        self.status_box = QComboBox()
        self.status_box.setObjectName("visitStatusFilter")
        set_name(self.status_box, self.tr("Statut des visites montrées"))
        self.status_box.addItem(self.tr("Tous les statuts"), None)
        for status in VisitStatus:
            self.status_box.addItem(self.tr(label(status)), status)
        self.counsellor_box = QComboBox()
        self.counsellor_box.setObjectName("visitCounsellorFilter")
        set_name(self.counsellor_box, self.tr("Conseiller des visites montrées"))
        self.counsellor_box.addItem(self.tr("Tous les conseillers"), None)
        for counsellor in CounsellorService(ctx.db).list():
            self.counsellor_box.addItem(counsellor.name, counsellor.id)
        shrinkable(self.status_box, 12)
        shrinkable(self.counsellor_box, 12)
        self.upcoming_box = QCheckBox(self.tr("À venir seulement"))
        self.upcoming_box.setObjectName("visitUpcomingFilter")
        self.count_label = QLabel()
        self.count_label.setObjectName("visitCount")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("<h2>Visites</h2>")))
        top.addStretch(1)
        top.addWidget(self.count_label)
        filters = QHBoxLayout()  # a line of their own: the page stays narrow enough
        filters.addWidget(self.upcoming_box)
        filters.addWidget(self.status_box, 1)  # narrow at least, whole when there is room
        filters.addWidget(self.counsellor_box, 1)
        filters.addStretch(2)

        self.model: RowsTableModel[VisitRow] = RowsTableModel(visit_columns(self.tr), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("visitsView")
        set_name(self.table, self.tr("Visites"))
        mark_initial_focus(self.table)
        self.table.setModel(self.proxy)
        use_status_chips(self.table)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the service's order
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        compact_rows(self.table)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self.on_table_activated)
        self.table.selectionModel().currentRowChanged.connect(self.on_current_row_changed)

        self.detail_label = plain_label(name="visitDetail")
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        set_name(self.detail_label, self.tr("Détail de la visite"))
        detail_area = QScrollArea()
        detail_area.setObjectName("visitDetailArea")
        detail_area.setWidgetResizable(True)
        detail_area.setWidget(self.detail_label)
        detail_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        detail_area.setMinimumWidth(self.fontMetrics().averageCharWidth() * 16)
        splitter = QSplitter()
        splitter.setObjectName("visitsSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(detail_area)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.splitter = splitter

        self.plan_button = self._button(
            "planVisitButton", self.tr("Planifier une visite…"), self.on_plan_button_clicked
        )
        self.edit_button = self._button(
            "editVisitButton", self.tr("Modifier…"), self.on_edit_button_clicked
        )
        self.record_button = self._button(
            "recordVisitButton", self.tr("Compte rendu…"), self.on_record_button_clicked
        )
        self.brief_button = self._button(
            "visitBriefButton", self.tr("Fiche de visite (PDF)…"), self.on_brief_button_clicked
        )
        self.cancel_button = self._button(
            "cancelVisitButton", self.tr("Annuler la visite"), self.on_cancel_button_clicked
        )
        self.join_button = self._button(
            "proposeMembershipButton",
            self.tr("Proposer l'adhésion…"),
            self.on_join_button_clicked,
        )
        actions = QHBoxLayout()
        for button in (
            self.plan_button,
            self.edit_button,
            self.record_button,
            self.brief_button,
            self.cancel_button,
            self.join_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        self.upcoming_box.toggled.connect(self.refresh)
        self.status_box.currentIndexChanged.connect(self.refresh)
        self.counsellor_box.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(text)
        button.setMinimumWidth(40)  # the page may shrink with the window; labels then clip
        button.clicked.connect(slot)
        return button

    # -- loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        keep = self.current.id if self.current else None
        rows = self.service.visits(
            upcoming_only=self.upcoming_box.isChecked(),
            status=self.status_box.currentData(),
            counsellor_id=self.counsellor_box.currentData(),
            now=self.now(),
        )
        self.model.set_rows(rows)
        self._fit_columns()
        self.count_label.setText(self.tr("%n visite(s)", "", len(rows)))
        if not self.select_visit(keep) and rows:
            self.select_visit(rows[0].id)
        elif not rows:
            self.show_visit(None)

    def _fit_columns(self) -> None:
        """Columns fitted once on screen with rows; company, town, partners and signals give
        way so that every column shows beside the detail."""
        if self.table.property("columnsFitted") or not self.table.isVisible():
            return
        fit_columns(self.table, 240)
        fit_within_width(self.table, SHRINKABLE_COLUMNS)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.splitter.setSizes([self.width() * 7 // 10, self.width() * 3 // 10])
        self._fit_columns()

    def open_visit(self, visit_id: int) -> None:
        """Shows that visit whatever the filters (opened from another page)."""
        for box in (self.status_box, self.counsellor_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.upcoming_box.blockSignals(True)
        self.upcoming_box.setChecked(False)
        self.upcoming_box.blockSignals(False)
        self.refresh()
        self.select_visit(visit_id)

    def select_visit(self, visit_id: int | None) -> bool:
        """Selects the visit's row (when the filters show it)."""
        if visit_id is None:
            return False
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            found = index.data(ROW_ROLE)
            if isinstance(found, VisitRow) and found.id == visit_id:
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                return True
        return False

    def show_visit(self, visit_id: int | None) -> None:
        self.current = None
        if visit_id is not None:
            try:
                self.current = self.service.get(visit_id)
            except GuichetError as exc:
                self.detail_label.setText(exc.message)
        visit = self.current
        if visit is not None:
            self.detail_label.setText(answers_text(visit))
        elif visit_id is None:
            self.detail_label.setText(self.tr("Aucune visite choisie."))
        planned = visit is not None and visit.status == VisitStatus.PLANNED
        self.edit_button.setEnabled(
            planned or (visit is not None and visit.status == VisitStatus.CANCELLED)
        )
        self.record_button.setEnabled(visit is not None and visit.status != VisitStatus.CANCELLED)
        self.brief_button.setEnabled(visit is not None)
        self.cancel_button.setEnabled(planned)
        self.join_button.setEnabled(visit is not None and visit.status == VisitStatus.DONE)

    # -- slots ---------------------------------------------------------------------------------
    def on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        self.show_visit(row.id if isinstance(row, VisitRow) else None)

    def on_table_activated(self, _index: QModelIndex) -> None:
        if self.record_button.isEnabled():
            self.on_record_button_clicked()

    def _saved(self, visit: object) -> None:
        if isinstance(visit, VisitDetail):
            self.current = visit
        self.refresh()

    def plan_dialog(self, visit: VisitDetail | None) -> QDialog:
        """The planning form (a new visit, or ``visit`` changed), refreshing the list once saved."""
        from guichet.ui.dialogs.visit_plan_dialog import VisitPlanDialog

        dialog = VisitPlanDialog(self.ctx, visit, self)
        dialog.visit_saved.connect(self._saved)
        return dialog

    def on_plan_button_clicked(self) -> None:
        self.plan_dialog(None).exec()

    def on_edit_button_clicked(self) -> None:
        if self.current is not None:
            self.plan_dialog(self.current).exec()

    def on_record_button_clicked(self) -> QDialog | None:
        """Not modal: « Besoin exprimé… » opens « Nouvelle demande » beside it."""
        from guichet.ui.dialogs.visit_record_dialog import VisitRecordDialog

        if self.current is None:
            return None
        dialog = VisitRecordDialog(self.ctx, self.current, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.visit_saved.connect(self._saved)
        dialog.show()
        return dialog

    def on_brief_button_clicked(self) -> None:
        from guichet.db.atomic_files import write_atomically
        from guichet.services.visit_brief import render_brief

        visit = self.current
        if visit is None:
            return
        name = windows_file_name(
            f"Fiche de visite {visit.organization} {visit.planned_at:%Y-%m-%d}.pdf"
        )
        path, _ = save_file_name(
            self, FileKind.LETTER, self.tr("Fiche de visite"), name, self.tr("PDF (*.pdf)")
        )
        if not path:
            return
        rendered = attempt(self, lambda: render_brief(self.ctx.db, visit.id))
        if rendered is None:
            return
        try:
            write_atomically(Path(path), rendered.pdf)
        except OSError as exc:
            show_error(
                self,
                GuichetError(
                    self.tr("Impossible d'écrire %1 : %2")
                    .replace("%1", path)
                    .replace("%2", str(exc))
                ),
            )
            return
        status_bar = getattr(self.window(), "statusBar", None)
        if status_bar is not None:
            status_bar().showMessage(
                self.tr("Fiche de visite enregistrée : %1").replace("%1", path), 8000
            )

    def on_join_button_clicked(self) -> None:
        """The visited company joins the network, brought by this visit."""
        visit = self.current
        if visit is None or visit.status != VisitStatus.DONE:
            return
        origin = Origin(MembershipOrigin.VISIT, visit.id, visit.counsellor_id)
        propose_membership(self, self.ctx, visit.organization_id, visit.organization, origin)

    def on_cancel_button_clicked(self) -> None:
        visit = self.current
        if visit is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Annuler la visite"),
            self.tr("Annuler la visite chez « %1 » ?").replace("%1", visit.organization),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        if attempt(self, lambda: self.service.cancel(visit.id, visit.version)) is not None:
            self.refresh()
