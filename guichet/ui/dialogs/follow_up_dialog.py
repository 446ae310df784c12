"""Log a follow-up (call, letter or e-mail) on a referral, with an optional note."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from guichet.services.referral_rows import ReferralRow
from guichet.services.referrals import FOLLOW_UP_KINDS, ReferralService

from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt
from guichet.ui.unsaved import confirm_dialog_discard


class FollowUpDialog(QDialog):
    def __init__(
        self, ctx: AppContext, row: ReferralRow, kind: str = "call", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.setObjectName("followUpDialog")
        self.setWindowTitle(self.tr("Noter une relance"))
        contact = " · ".join(p for p in (row.contact, row.contact_phone, row.contact_email) if p)
        title = QLabel(
            f"<b>{escape(row.reference)}</b> — {escape(row.partner)}<br>{escape(contact)}"
        )
        title.setWordWrap(True)
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("followUpKindBox")
        for key, text in FOLLOW_UP_KINDS.items():
            self.kind_box.addItem(self.tr(text), key)
        self.kind_box.setCurrentIndex(max(self.kind_box.findData(kind), 0))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("followUpNoteEdit")
        self.note_edit.setPlaceholderText(self.tr("Message laissé, rappel prévu, réponse obtenue…"))
        form = QFormLayout()
        form.addRow(self.tr("Relance"), self.kind_box)
        form.addRow(self.tr("Note"), self.note_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Enregistrer"))
        ok.setObjectName("saveFollowUpButton")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        buttons.accepted.connect(self.on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def has_unsaved_changes(self) -> bool:
        return bool(self.note_edit.toPlainText().strip())

    def confirm_discard(self) -> bool:
        return confirm_dialog_discard(self, self.on_buttons_accepted)

    def on_buttons_accepted(self) -> None:
        kind, note = self.kind_box.currentData(), self.note_edit.toPlainText()
        if attempt(
            self, lambda: ReferralService(self.ctx.db).log_follow_up(self.row.id, kind, note)
        ):
            self.accept()
