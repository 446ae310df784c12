"""Join a network (adhérent, candidat or prospect, with what brought it) or leave it (dated,
with the reason) — from the organisation's card."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from guichet.models import MembershipStatus, label
from guichet.services.memberships import MembershipRow, MembershipService, Origin

from guichet.ui.context import AppContext
from guichet.ui.dialogs.save_buttons import accept_cancel_buttons
from guichet.ui.feedback import attempt
from guichet.ui.screen_fit import fit_to_screen, set_text_lines
from guichet.ui.unsaved import confirm_dialog_discard

JOIN_STATUSES = (MembershipStatus.MEMBER, MembershipStatus.CANDIDATE, MembershipStatus.PROSPECT)


def _date_edit(name: str, day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def picked_date(edit: QDateEdit) -> date:
    qdate = edit.date()
    return date(qdate.year(), qdate.month(), qdate.day())


class JoinDialog(QDialog):
    """« Adhérer… »: the network, the status, the date and the origin, picked from the
    organisation's history (newest first) or a counsellor — prefilled when opened from the
    meeting, visit or opportunity that brought it."""

    def __init__(
        self,
        ctx: AppContext,
        organization_id: int,
        organization: str,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        origin: Origin | None = None,
        network_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = MembershipService(ctx.db)
        self.organization_id = organization_id
        self.saved: MembershipRow | None = None
        self.setObjectName("joinDialog")
        self.setWindowTitle(self.tr("Adhésion de %1").replace("%1", organization))
        fit_to_screen(self, (560, 300))
        self.network_box = QComboBox()
        self.network_box.setObjectName("networkBox")
        for network in self.service.networks():
            self.network_box.addItem(network.name, network.id)
        if network_id is not None and self.network_box.findData(network_id) >= 0:
            self.network_box.setCurrentIndex(self.network_box.findData(network_id))
        self.status_box = QComboBox()
        self.status_box.setObjectName("membershipStatusBox")
        for status in JOIN_STATUSES:
            self.status_box.addItem(self.tr(label(status)), status.value)
        self.date_edit = _date_edit("membershipDateEdit", today or date.today())
        self.origin_box = QComboBox()
        self.origin_box.setObjectName("originBox")
        self.origin_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.origin_box.setMinimumContentsLength(40)
        self.origin_box.addItem(self.tr("Non renseignée"), None)
        for choice in self.service.origin_choices(organization_id):
            self.origin_box.addItem(
                choice.text, Origin(choice.kind, choice.id, choice.counsellor_id)
            )
            self.origin_box.setItemData(
                self.origin_box.count() - 1, choice.text, Qt.ItemDataRole.ToolTipRole
            )
        self.initial_origin = self._select_origin(origin)
        form = QFormLayout()
        form.addRow(self.tr("&Réseau"), self.network_box)
        form.addRow(self.tr("&Statut"), self.status_box)
        form.addRow(self.tr("&Date"), self.date_edit)
        form.addRow(self.tr("&Origine (ce qui l'a amenée)"), self.origin_box)
        buttons, self.ok_button = accept_cancel_buttons(
            self, self.on_buttons_accepted, self.tr("Enregistrer"), "saveMembershipButton"
        )
        layout = QVBoxLayout(self)
        if self.network_box.count() == 0:
            empty = QLabel(
                self.tr(
                    "Aucun réseau dans l'annuaire : créez d'abord l'organisation du réseau "
                    "(type « Réseau »)."
                )
            )
            empty.setWordWrap(True)
            layout.addWidget(empty)
            self.ok_button.setEnabled(False)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _select_origin(self, origin: Origin | None) -> int:
        """Selects the prefilled origin (matched on kind and record), added if not listed."""
        if origin is None:
            return 0
        for row in range(1, self.origin_box.count()):
            found = self.origin_box.itemData(row)
            if (found.kind, found.id) == (origin.kind, origin.id):
                self.origin_box.setItemData(row, origin)  # keeps the counsellor who brought it
                self.origin_box.setCurrentIndex(row)
                return row
        self.origin_box.insertItem(1, self.service.origin_text(origin), origin)
        self.origin_box.setCurrentIndex(1)
        return 1

    def has_unsaved_changes(self) -> bool:
        return self.origin_box.currentIndex() != self.initial_origin

    def confirm_discard(self) -> bool:
        return confirm_dialog_discard(self, self.on_buttons_accepted)

    def origin(self) -> Origin | None:
        chosen = self.origin_box.currentData()
        return chosen if isinstance(chosen, Origin) else None

    def on_buttons_accepted(self) -> None:
        network_id = self.network_box.currentData()
        if network_id is None:
            return
        status = MembershipStatus(self.status_box.currentData())
        day = picked_date(self.date_edit)
        saved = attempt(
            self,
            lambda: self.service.join(
                self.organization_id, network_id, on=day, status=status, origin=self.origin()
            ),
        )
        if saved is not None:
            self.saved = saved
            self.accept()


class LeaveDialog(QDialog):
    """« Quitter… »: the date and the reason (required)."""

    def __init__(
        self,
        ctx: AppContext,
        membership: MembershipRow,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = MembershipService(ctx.db)
        self.membership = membership
        self.saved: MembershipRow | None = None
        self.setObjectName("leaveDialog")
        self.setWindowTitle(
            self.tr("%1 quitte %2")
            .replace("%1", membership.organization)
            .replace("%2", membership.network)
        )
        fit_to_screen(self, (480, 300))
        self.date_edit = _date_edit("leaveDateEdit", today or date.today())
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("leaveReasonEdit")
        self.reason_edit.setTabChangesFocus(True)
        set_text_lines(self.reason_edit, 3, "max")
        form = QFormLayout()
        form.addRow(self.tr("&Date de sortie"), self.date_edit)
        form.addRow(self.tr("&Raison (obligatoire)"), self.reason_edit)
        buttons, self.ok_button = accept_cancel_buttons(
            self, self.on_buttons_accepted, self.tr("Enregistrer la sortie"), "saveLeaveButton"
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def has_unsaved_changes(self) -> bool:
        return bool(self.reason_edit.toPlainText().strip())

    def confirm_discard(self) -> bool:
        return confirm_dialog_discard(self, self.on_buttons_accepted)

    def on_buttons_accepted(self) -> None:
        day = picked_date(self.date_edit)
        reason = self.reason_edit.toPlainText()
        saved = attempt(self, lambda: self.service.leave(self.membership.id, on=day, reason=reason))
        if saved is not None:
            self.saved = saved
            self.accept()
