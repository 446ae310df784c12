"""Relances: referrals waiting for an answer (D+9, D+21, D+45), with one-click actions.

The same page lists open or all referrals, so the counsellor reprints, follows up or closes any
of them from one place. Enter or a double-click on a line opens its inquiry in « Demandes ».
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guichet.services.exports import ExportKind
from guichet.services.figures.lists import ReferralFilter, sent_referrals
from guichet.services.followups import due_referrals
from guichet.services.referral_rows import ReferralRow
from guichet.services.referrals import OPEN_STATUSES, ReferralService

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.export_button import ExportButton
from guichet.ui.icons import with_icon
from guichet.ui.pages.followups_columns import (
    COLUMN_WIDTH,
    ColumnChooser,
    FollowUpLine,
    followup_columns,
)
from guichet.ui.pages.opportunity_reminders import OpportunityRemindersSection
from guichet.ui.search_box import mark_initial_focus
from guichet.ui.table_fit import compact_rows, fit_columns, fit_within_width
from guichet.ui.table_model import ROW_ROLE, SORT_ROLE, RowsTableModel
from guichet.ui.widgets.status_chip import use_status_chips

__all__ = ["FollowUpLine", "FollowUpsPage", "followup_columns"]

VIEWS = ("due", "open", "all")
CHOSEN = "chosen"  # the referrals of a dashboard bar (show_filtered)


#: company, partner, person, subject: the long texts that give way to keep every column in sight
SHRINKABLE_COLUMNS = (4, 5, 6, 8)
#: the icon of each action of the page, by button name
BUTTON_ICONS = {
    "callButton": "call",
    "followUpLetterButton": "letter",
    "statusButton": "status",
    "reprintButton": "print",
    "openInquiryButton": "go",
    "newReferralButton": "link",
}


class FollowUpsPage(QWidget):
    inquiry_requested = Signal(int)

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.setObjectName("followUpsPage")
        self.chosen: ReferralFilter | None = None  # set by show_filtered
        self.view_box = QComboBox()
        self.view_box.setObjectName("followUpViewBox")
        set_name(self.view_box, self.tr("Mises en relation montrées"))
        self.view_box.addItem(self.tr("À relancer"), "due")
        self.view_box.addItem(self.tr("Mises en relation en cours"), "open")
        self.view_box.addItem(self.tr("Toutes les mises en relation"), "all")
        self.view_box.setMinimumContentsLength(10)
        self.view_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.view_box.currentIndexChanged.connect(self.refresh)
        self.count_label = QLabel()
        self.count_label.setObjectName("followUpCount")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("<h2>Relances</h2>")))
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addWidget(self.view_box)

        self.model: RowsTableModel[FollowUpLine] = RowsTableModel(followup_columns(self.tr), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("followUpsView")
        set_name(self.table, self.tr("Relances"))
        mark_initial_focus(self.table)
        self.table.setModel(self.proxy)
        use_status_chips(self.table)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        compact_rows(self.table)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.columns = ColumnChooser(self.table, self.proxy)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.table.activated.connect(self.on_table_activated)

        self.call_button = self._button(
            "callButton", self.tr("Appel passé…"), self.on_call_button_clicked
        )
        self.letter_button = self._button(
            "followUpLetterButton", self.tr("Relance écrite…"), self.on_letter_button_clicked
        )
        self.status_button = self._button(
            "statusButton", self.tr("Changer le statut…"), self.on_status_button_clicked
        )
        self.reprint_button = self._button(
            "reprintButton", self.tr("Courriers…"), self.on_reprint_button_clicked
        )
        self.reprint_button.setToolTip(
            self.tr("Aperçu, impression et enregistrement des courriers des lignes choisies.")
        )
        self.open_button = self._button(
            "openInquiryButton", self.tr("Voir la demande"), self.on_open_button_clicked
        )
        self.open_button.setToolTip(self.tr("Ouvrir la demande dans « Demandes » (Entrée)"))
        self.new_button = self._button(
            "newReferralButton", self.tr("Nouvelle mise en relation…"), self.on_new_button_clicked
        )
        actions = QHBoxLayout()
        for button in (
            self.call_button,
            self.letter_button,
            self.status_button,
            self.reprint_button,
            self.open_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        self.export_button = ExportButton(ctx, ExportKind.REFERRALS, self.referrals_to_export)
        self.export_button.setToolTip(self.tr("Exporte les mises en relation de cette vue"))
        actions.addWidget(self.export_button)
        actions.addWidget(self.new_button)

        self.opportunity_reminders = OpportunityRemindersSection(ctx, lambda: self.today(), self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.opportunity_reminders)
        self.refresh()

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        with_icon(button, BUTTON_ICONS[name])
        button.setObjectName(name)
        button.setToolTip(button.toolTip() or text)
        button.setMinimumWidth(40)  # the page may shrink with the window; labels then clip
        button.clicked.connect(slot)
        return button

    # -- data ----------------------------------------------------------------------------------
    def lines(self) -> list[FollowUpLine]:
        mode = self.view_box.currentData()
        if mode == "due":
            return [
                FollowUpLine(d.stage_label, d.due_on, d.days_late, d.referral, position)
                for position, d in enumerate(due_referrals(self.ctx.db, self.today()))
            ]
        if mode == CHOSEN and self.chosen is not None:  # a bar of the dashboard
            return [
                FollowUpLine("", None, None, row, position)
                for position, row in enumerate(sent_referrals(self.ctx.db, self.chosen))
            ]
        service = ReferralService(self.ctx.db)
        statuses = list(OPEN_STATUSES) if mode == "open" else None
        return [
            FollowUpLine("", None, None, row, position)
            for position, row in enumerate(service.list_referrals(statuses=statuses, limit=2000))
        ]

    def show_filtered(self, chosen: ReferralFilter) -> None:
        """The referrals a dashboard bar stands for, as a view of its own."""
        self.chosen = chosen
        index = self.view_box.findData(CHOSEN)
        if index < 0:
            self.view_box.addItem("", CHOSEN)
            index = self.view_box.count() - 1
        self.view_box.setItemText(index, chosen.caption or self.tr("Choisies au tableau de bord"))
        if self.view_box.currentIndex() == index:
            self.refresh()
        else:
            self.view_box.setCurrentIndex(index)  # refreshes

    def referrals_to_export(self) -> list[int]:
        """The referrals of the current view, as listed."""
        return [line.referral.id for line in self.model.rows()]

    def refresh(self) -> None:
        """Reloads the view; the selection stays on its referrals, or on the same line when
        they left the view (a follow-up done in « à relancer »)."""
        chosen = {row.id for row in self.selected()}
        current = self.table.currentIndex()
        lines = self.lines()
        self.model.set_rows(lines)
        self.columns.apply(str(self.view_box.currentData()))
        self._fit_columns()
        self.count_label.setText(self.tr("%n ligne(s)", "", len(lines)))
        if chosen:
            self._reselect(chosen, current.row())
        self.on_selection_changed()
        if hasattr(self, "opportunity_reminders"):
            self.opportunity_reminders.refresh()

    def _fit_columns(self) -> None:
        """Columns sized to their content once the table is on screen with rows; the long texts
        (company, partner, person, subject) give way so that no column hides off-screen."""
        if self.table.property("columnsFitted") or not self.table.isVisible():
            return
        fit_columns(self.table, COLUMN_WIDTH)
        fit_within_width(self.table, SHRINKABLE_COLUMNS)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_columns()

    def _reselect(self, referral_ids: set[int], row: int) -> None:
        selection = QItemSelection()
        first = None
        for proxy_row in range(self.proxy.rowCount()):
            index = self.proxy.index(proxy_row, 0)
            line = self.proxy.data(index, ROW_ROLE)
            if isinstance(line, FollowUpLine) and line.referral.id in referral_ids:
                selection.select(index, index)
                first = first or index
        if first is None and self.proxy.rowCount():
            first = self.proxy.index(min(max(row, 0), self.proxy.rowCount() - 1), 0)
            selection.select(first, first)
        if first is None:
            return
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().select(selection, flags)
        self.table.selectionModel().setCurrentIndex(
            first, QItemSelectionModel.SelectionFlag.NoUpdate
        )
        self.table.scrollTo(first)

    def selected(self) -> list[ReferralRow]:
        rows = self.table.selectionModel().selectedRows()
        found = [self.proxy.data(index, ROW_ROLE) for index in rows]
        return [line.referral for line in found if line is not None]

    def on_selection_changed(self, *_: object) -> None:
        chosen = self.selected()
        one_open = len(chosen) == 1 and chosen[0].status in OPEN_STATUSES
        self.call_button.setEnabled(one_open)
        self.letter_button.setEnabled(one_open)
        self.status_button.setEnabled(len(chosen) == 1)
        self.reprint_button.setEnabled(bool(chosen))
        self.open_button.setEnabled(len(chosen) == 1)

    # -- actions -------------------------------------------------------------------------------
    def _follow_up(self, kind: str) -> None:
        from guichet.ui.dialogs.follow_up_dialog import FollowUpDialog

        chosen = self.selected()
        if len(chosen) == 1 and FollowUpDialog(self.ctx, chosen[0], kind, self).exec():
            self.refresh()

    def on_call_button_clicked(self) -> None:
        self._follow_up("call")

    def on_letter_button_clicked(self) -> None:
        self._follow_up("letter")

    def on_status_button_clicked(self, *_: object) -> None:
        from guichet.ui.dialogs.referral_status_dialog import ReferralStatusDialog

        chosen = self.selected()
        if len(chosen) == 1 and ReferralStatusDialog(self.ctx, chosen[0], self).exec():
            self.refresh()

    def on_table_activated(self, index: QModelIndex) -> None:
        line = self.proxy.data(index, ROW_ROLE)
        if isinstance(line, FollowUpLine):
            self.inquiry_requested.emit(line.referral.inquiry_id)

    def on_open_button_clicked(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self.inquiry_requested.emit(chosen[0].inquiry_id)

    def on_reprint_button_clicked(self) -> None:
        from guichet.ui.dialogs.letters_dialog import LettersDialog

        chosen = self.selected()
        if chosen:
            dialog = LettersDialog(self.ctx, [row.id for row in chosen], self)
            dialog.letters_sent.connect(self.refresh)
            dialog.exec()
            self.refresh()

    def on_new_button_clicked(self) -> None:
        from guichet.ui.dialogs.need_picker import NeedPickerDialog
        from guichet.ui.dialogs.referral_dialog import ReferralDialog

        picker = NeedPickerDialog(self.ctx, self)
        if not picker.exec():
            return
        need_id = picker.selected_need_id()
        if need_id is not None:
            ReferralDialog(self.ctx, need_id, self).exec()
            self.refresh()
