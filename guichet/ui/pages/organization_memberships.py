"""The organisation card's « Adhésions » section: its memberships, with Adhérer… /
Renouveler / Quitter… (keyboard reachable; the list is the buttons' label buddy)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guichet.models import MembershipStatus
from guichet.reference.dates import format_date_long
from guichet.services.memberships import MembershipRow, MembershipService

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.dialogs.membership_dialog import JoinDialog, LeaveDialog
from guichet.ui.feedback import attempt
from guichet.ui.screen_fit import set_text_lines


def membership_text(m: MembershipRow) -> str:
    text = f"{m.network} — {m.status_label} depuis le {format_date_long(m.start_on)}"
    if m.end_on is not None:
        text += f", sorti le {format_date_long(m.end_on)}"
        if m.left_reason:
            text += f" ({m.left_reason})"
    return text + f" · {m.origin_label}"


class MembershipsSection(QWidget):
    changed = Signal()
    record_requested = Signal(str, int)  # Entrée / double-click: the origin's page and record

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.today = ctx, today
        self.service = MembershipService(ctx.db)
        self.organization_id: int | None = None
        self.organization = ""
        self.list = QListWidget()
        self.list.setObjectName("membershipsList")
        set_name(self.list, self.tr("Adhésions"))
        set_text_lines(self.list, 3, "max")
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self.on_list_current_row_changed)
        self.list.itemActivated.connect(self.on_list_item_activated)
        self.join_button = QPushButton(self.tr("Adhérer…"))
        self.join_button.setObjectName("joinNetworkButton")
        self.join_button.clicked.connect(self.on_join_button_clicked)
        self.renew_button = QPushButton(self.tr("Renouveler"))
        self.renew_button.setObjectName("renewMembershipButton")
        self.renew_button.setToolTip(self.tr("Une nouvelle adhésion après une sortie"))
        self.renew_button.clicked.connect(self.on_renew_button_clicked)
        self.leave_button = QPushButton(self.tr("Quitter…"))
        self.leave_button.setObjectName("leaveNetworkButton")
        self.leave_button.setToolTip(self.tr("Enregistrer la sortie de l'adhésion choisie"))
        self.leave_button.clicked.connect(self.on_leave_button_clicked)
        buttons = QHBoxLayout()
        for button in (self.join_button, self.renew_button, self.leave_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def show_organization(self, organization_id: int, name: str) -> None:
        self.organization_id, self.organization = organization_id, name
        self.list.clear()
        for m in self.service.for_organization(organization_id):
            item = QListWidgetItem(membership_text(m))
            item.setToolTip(item.text())
            item.setData(Qt.ItemDataRole.UserRole, m)
            self.list.addItem(item)
        if self.list.count() == 0:
            self.list.addItem(QListWidgetItem(self.tr("Aucune adhésion.")))
        self.list.setCurrentRow(0)
        self.on_list_current_row_changed(0)

    def selected(self) -> MembershipRow | None:
        item = self.list.currentItem()
        row = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return row if isinstance(row, MembershipRow) else None

    def on_list_current_row_changed(self, _row: int) -> None:
        m = self.selected()
        self.renew_button.setEnabled(m is not None and m.status == MembershipStatus.LEFT)
        self.leave_button.setEnabled(m is not None and m.status != MembershipStatus.LEFT)

    def on_list_item_activated(self, _item: QListWidgetItem) -> None:
        m = self.selected()
        if m is not None and m.origin_page and m.origin_record_id is not None:
            self.record_requested.emit(m.origin_page, m.origin_record_id)

    def _after_save(self) -> None:
        if self.organization_id is not None:
            self.show_organization(self.organization_id, self.organization)
        self.changed.emit()

    def on_join_button_clicked(self) -> None:
        if self.organization_id is None:
            return
        dialog = JoinDialog(
            self.ctx, self.organization_id, self.organization, self, today=self.today()
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after_save()

    def on_leave_button_clicked(self) -> None:
        m = self.selected()
        if m is None:
            return
        if LeaveDialog(self.ctx, m, self, today=self.today()).exec() == QDialog.DialogCode.Accepted:
            self._after_save()

    def on_renew_button_clicked(self) -> None:
        m = self.selected()
        if m is None:
            return
        if attempt(self, lambda: self.service.renew(m.id, on=self.today())) is not None:
            self._after_save()
