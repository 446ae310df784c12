"""Change a referral's status (reason required for a refusal), with its history shown."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from guichet.models import ReferralStatus, label
from guichet.reference.dates import format_datetime_short
from guichet.services.referral_rows import ReferralRow
from guichet.services.referrals import ReferralService, allowed_transitions

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt
from guichet.ui.screen_fit import fit_to_screen, set_text_lines
from guichet.ui.unsaved import confirm_dialog_discard


class ReferralStatusDialog(QDialog):
    def __init__(self, ctx: AppContext, row: ReferralRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.service = ReferralService(ctx.db)
        self.setObjectName("referralStatusDialog")
        self.setWindowTitle(self.tr("Statut de la mise en relation"))
        fit_to_screen(self, (560, 460))
        title = QLabel(
            f"<b>{escape(row.reference)}</b> — {escape(row.company)} → {escape(row.partner)}<br>"
            + self.tr("Statut actuel : %1").replace("%1", escape(row.status_label))
        )
        title.setWordWrap(True)
        self.status_box = QComboBox()
        self.status_box.setObjectName("statusBox")
        for status in allowed_transitions(row.status):
            self.status_box.addItem(self.tr(label(status)), status.value)
        self.status_box.currentIndexChanged.connect(self.on_status_box_current_index_changed)
        self.note_label = QLabel()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("statusNoteEdit")
        set_text_lines(self.note_edit, 4, "max")
        form = QFormLayout()
        form.addRow(self.tr("Nouveau statut"), self.status_box)
        form.addRow(self.note_label, self.note_edit)
        self.history = QListWidget()
        self.history.setObjectName("referralHistory")
        set_name(self.history, self.tr("Historique de la mise en relation"))
        for at, what, note in self.service.events(row.id):
            self.history.addItem(
                f"{format_datetime_short(at)} · {what}" + (f" — {note}" if note else "")
            )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Enregistrer"))
        self.ok_button.setObjectName("saveStatusButton")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        buttons.accepted.connect(self.on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        if self.status_box.count() == 0:
            layout.addWidget(QLabel(self.tr("Cette mise en relation est close.")))
            self.ok_button.setEnabled(False)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("<b>Historique</b>")))
        layout.addWidget(self.history, 1)
        layout.addWidget(buttons)
        self.on_status_box_current_index_changed(0)

    def has_unsaved_changes(self) -> bool:
        return bool(self.note_edit.toPlainText().strip())

    def confirm_discard(self) -> bool:
        return confirm_dialog_discard(self, self.on_buttons_accepted)

    def selected_status(self) -> ReferralStatus | None:
        data = self.status_box.currentData()
        return ReferralStatus(data) if data else None

    def on_status_box_current_index_changed(self, _index: int) -> None:
        refused = self.selected_status() == ReferralStatus.REFUSED
        self.note_label.setText(
            self.tr("Motif du refus (obligatoire)") if refused else self.tr("Note (facultatif)")
        )

    def on_buttons_accepted(self) -> None:
        status = self.selected_status()
        if status is None:
            return
        text = self.note_edit.toPlainText()
        refused = status == ReferralStatus.REFUSED
        saved = attempt(
            self,
            lambda: self.service.change_status(
                self.row.id,
                status,
                note="" if refused else text,
                reason=text if refused else "",
                version=self.row.version,
            ),
        )
        if saved is not None:
            self.accept()
