"""Relances › opportunities: the members to remind before an opportunity's deadline (J-7, then
J-2), with « Relance faite » and « Réponse… » (the Relances page plugs this section in)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guichet.services.opportunity_followup import (
    DueReminder,
    due_reminders,
    mark_reminded,
    relayed_members,
)

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt
from guichet.ui.screen_fit import set_text_lines
from guichet.ui.table_fit import compact_rows, fit_columns
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel
from guichet.ui.widgets.status_chip import use_status_chips


def reminder_columns(tr: Callable[[str], str]) -> list[Column[DueReminder]]:
    return [
        Column(tr("Étape"), lambda r: r.stage),
        Column(tr("Date limite"), lambda r: r.deadline),
        Column(tr("Opportunité"), lambda r: r.opportunity, tooltip=lambda r: r.opportunity),
        Column(tr("Adhérent"), lambda r: r.organization),
        Column(tr("Réponse"), lambda r: r.status_label),
    ]


class OpportunityRemindersSection(QGroupBox):
    def __init__(
        self, ctx: AppContext, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.today = ctx, today
        self.setObjectName("opportunityRemindersSection")
        self.setTitle(self.tr("Opportunités : adhérents à relancer avant la date limite"))
        self.model: RowsTableModel[DueReminder] = RowsTableModel(reminder_columns(self.tr), self)
        self.table = QTableView()
        self.table.setObjectName("opportunityRemindersView")
        set_name(self.table, self.tr("Opportunités à relancer"))
        self.table.setModel(self.model)
        use_status_chips(self.table)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        compact_rows(self.table)
        set_text_lines(self.table, 6, "max")
        self.done_button = QPushButton(self.tr("Relance faite"))
        self.done_button.setObjectName("opportunityReminderDoneButton")
        self.done_button.clicked.connect(self.on_done_button_clicked)
        self.answer_button = QPushButton(self.tr("Réponse…"))
        self.answer_button.setObjectName("opportunityReminderAnswerButton")
        self.answer_button.clicked.connect(self.on_answer_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        actions = QHBoxLayout()
        actions.addWidget(self.done_button)
        actions.addWidget(self.answer_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(actions)
        self.refresh()

    def refresh(self) -> None:
        rows = due_reminders(self.ctx.db, self.today())
        self.model.set_rows(rows)
        fit_columns(self.table, 280)
        self.setVisible(bool(rows))
        self.on_selection_changed()

    def selected(self) -> list[DueReminder]:
        rows = self.table.selectionModel().selectedRows()
        found = [index.data(ROW_ROLE) for index in rows]
        return [row for row in found if isinstance(row, DueReminder)]

    def on_selection_changed(self, *_: object) -> None:
        chosen = self.selected()
        self.done_button.setEnabled(bool(chosen))
        self.answer_button.setEnabled(len(chosen) == 1)

    def on_done_button_clicked(self) -> None:
        chosen = [row.relay_id for row in self.selected()]

        def mark() -> bool:
            mark_reminded(self.ctx.db, chosen)
            return True

        if not chosen:
            return
        if attempt(self, mark):
            self.refresh()

    def on_answer_button_clicked(self) -> None:
        from guichet.ui.dialogs.opportunity_answer_dialog import OpportunityAnswerDialog

        chosen = self.selected()
        if len(chosen) != 1:
            return
        row = chosen[0]
        members = relayed_members(self.ctx.db, row.opportunity_id)
        dialog = OpportunityAnswerDialog(
            self.ctx, row.opportunity_id, members, row.organization_id, parent=self
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
