"""The follow-up of one opportunity: who it was relayed to, each member's answer, and the
actions « Relayer… », « Réponse… » and « Clore… » (the opportunity page embeds it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guichet.models import OpportunityStatus, label
from guichet.services.opportunity_followup import RelayedMember, relayed_members
from guichet.services.opportunity_views import OpportunityDetail

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.icons import with_icon
from guichet.ui.table_fit import compact_rows, fit_columns, fit_within_width
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel
from guichet.ui.widgets.status_chip import use_status_chips


def member_columns(tr: Callable[[str], str]) -> list[Column[RelayedMember]]:
    return [
        Column(tr("Adhérent"), lambda r: r.organization),
        Column(tr("Statut"), lambda r: r.status_label),
        Column(tr("Répondu le"), lambda r: r.answered_at.date() if r.answered_at else None),
        Column(tr("Relayée le"), lambda r: r.relayed_at.date()),
        Column(tr("Raison, avec qui"), lambda r: r.reason, tooltip=lambda r: r.reason),
    ]


class OpportunityFollowUpPanel(QWidget):
    changed = Signal()  # a relay, an answer or the closing was saved

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        actions: QHBoxLayout | None = None,
    ) -> None:
        """``actions``: the row the buttons go in (the opportunity page's own), else the panel's."""
        super().__init__(parent)
        self.ctx = ctx
        self.detail: OpportunityDetail | None = None
        self.setObjectName("opportunityFollowUpPanel")
        self.summary = QLabel()
        self.summary.setObjectName("followUpSummary")
        self.summary.setWordWrap(True)
        self.model: RowsTableModel[RelayedMember] = RowsTableModel(member_columns(self.tr), self)
        self.table = QTableView()
        self.table.setObjectName("relayedMembersView")
        set_name(self.table, self.tr("Adhérents relayés et leurs réponses"))
        self.table.setModel(self.model)
        use_status_chips(self.table)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        compact_rows(self.table)
        self.table.activated.connect(self.on_table_activated)
        self.relay_button = self._button("relayButton", self.tr("Relayer…"), "letter")
        self.relay_button.clicked.connect(self.on_relay_button_clicked)
        self.answer_button = self._button("answerButton", self.tr("Réponse…"), "status")
        self.answer_button.clicked.connect(self.on_answer_button_clicked)
        self.close_button = self._button("closeOpportunityButton", self.tr("Clore…"), "status")
        self.close_button.clicked.connect(self.on_close_button_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        if actions is None:
            actions = QHBoxLayout()
            layout.addLayout(actions)
            actions.addStretch(1)
        for number, button in enumerate((self.relay_button, self.answer_button, self.close_button)):
            actions.insertWidget(number, button)
        self.show_opportunity(None)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_within_width(self.table, (0, 4))

    def _button(self, name: str, text: str, icon: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        with_icon(button, icon)
        return button

    def show_opportunity(self, detail: OpportunityDetail | None) -> None:
        self.detail = detail
        rows = relayed_members(self.ctx.db, detail.id) if detail is not None else []
        self.model.set_rows(rows)
        fit_columns(self.table, 260)
        if self.table.isVisible():
            fit_within_width(self.table, (0, 4))
        is_open = detail is not None and detail.status == OpportunityStatus.OPEN
        self.relay_button.setEnabled(is_open)
        self.answer_button.setEnabled(bool(rows))
        self.close_button.setEnabled(is_open)
        if detail is None:
            self.summary.setText("")
        elif not is_open:
            amount = (
                f" — {detail.awarded_amount:,} €".replace(",", "\u202f")
                if detail.awarded_amount
                else ""
            )
            outcome = label(detail.outcome) if detail.outcome else ""
            self.summary.setText(self.tr("Close : %1").replace("%1", outcome) + amount)
        else:
            answered = sum(1 for r in rows if r.status is not None)
            self.summary.setText(
                self.tr("Relayée à %1 adhérent(s), %2 réponse(s).")
                .replace("%1", str(len(rows)))
                .replace("%2", str(answered))
            )

    def reload(self) -> None:
        from guichet.services.opportunity_views import get_opportunity

        if self.detail is not None:
            self.show_opportunity(get_opportunity(self.ctx.db, self.detail.id))
        self.changed.emit()

    def _current_member(self) -> int | None:
        row = self.table.currentIndex().data(ROW_ROLE)
        return row.organization_id if isinstance(row, RelayedMember) else None

    def on_table_activated(self, _index: QModelIndex) -> None:
        self.on_answer_button_clicked()

    def on_relay_button_clicked(self) -> None:
        from guichet.services.relay_candidates import relay_candidates

        from guichet.ui.dialogs.relay_dialog import RelayDialog

        if self.detail is None:
            return
        dialog = RelayDialog(
            self.ctx,
            self.detail.id,
            self.detail.title,
            relay_candidates(self.ctx.db, self.detail.id),
            self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_ is not None:
            result = dialog.result_
            QMessageBox.information(
                self,
                self.tr("Relayée"),
                self.tr("Opportunité relayée à %1 adhérent(s).\nCourriers et brouillons dans :\n%2")
                .replace("%1", str(len(result.relay_ids)))
                .replace("%2", str(result.letters_path.parent if result.letters_path else "")),
            )
            self.reload()

    def on_answer_button_clicked(self) -> None:
        from guichet.ui.dialogs.opportunity_answer_dialog import OpportunityAnswerDialog

        if self.detail is None or not self.model.rows():
            return
        dialog = OpportunityAnswerDialog(
            self.ctx,
            self.detail.id,
            self.model.rows(),
            self._current_member(),
            self.detail.groupements,
            self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def on_close_button_clicked(self) -> None:
        from guichet.ui.dialogs.close_opportunity_dialog import CloseOpportunityDialog

        if self.detail is None:
            return
        dialog = CloseOpportunityDialog(
            self.ctx,
            self.detail.id,
            self.detail.version,
            self.model.rows(),
            self.detail.groupements,
            self.detail.lots,
            self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
