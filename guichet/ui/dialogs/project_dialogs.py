"""Small dialogs of the implantation pipeline: a reason, a site visit, a decision, a note.

Each runs its service action itself (one transaction) and stays open on a French error.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from guichet.ui.dialogs.save_buttons import accept_cancel_buttons
from guichet.ui.feedback import attempt
from guichet.ui.screen_fit import set_text_lines
from guichet.ui.unsaved import confirm_dialog_discard


class NoteDialog(QDialog):
    """A text (and optionally a date) handed to ``action``; closes when the action succeeds."""

    def __init__(
        self,
        title: str,
        heading: str,
        action: Callable[[date | None, str], object],
        *,
        ok_text: str,
        note_label: str,
        with_date: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("projectNoteDialog")
        self.setWindowTitle(title)
        self.action = action
        intro = QLabel(heading)
        intro.setWordWrap(True)
        intro.setObjectName("projectNoteHeading")
        form = QFormLayout()
        self.date_edit: QDateEdit | None = None
        if with_date:
            self.date_edit = QDateEdit(QDate.currentDate())
            self.date_edit.setObjectName("projectNoteDate")
            self.date_edit.setDisplayFormat("dd/MM/yyyy")
            self.date_edit.setCalendarPopup(True)
            form.addRow(self.tr("Date"), self.date_edit)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("projectNoteText")
        self.note_edit.setTabChangesFocus(True)
        set_text_lines(self.note_edit, 4)
        form.addRow(note_label, self.note_edit)
        buttons, _ = accept_cancel_buttons(self, self.on_buttons_accepted, ok_text, "projectNoteOk")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.note_edit.setFocus()

    def picked_date(self) -> date | None:
        if self.date_edit is None:
            return None
        value = self.date_edit.date()
        return date(value.year(), value.month(), value.day())

    def has_unsaved_changes(self) -> bool:
        return bool(self.note_edit.toPlainText().strip())

    def confirm_discard(self) -> bool:
        return confirm_dialog_discard(self, self.on_buttons_accepted)

    def on_buttons_accepted(self) -> None:
        note = self.note_edit.toPlainText()
        done = attempt(self, lambda: self.action(self.picked_date(), note) or True)
        if done:
            self.accept()


def ask_reason(parent: QWidget, code_name: str, stage_label: str) -> str | None:
    """The reason a project is lost or abandoned (None when cancelled; never empty)."""
    reasons: list[str] = []

    def keep(_day: date | None, text: str) -> bool:
        if not text.strip():
            from guichet.errors import ValidationError

            raise ValidationError(f"Indiquez pourquoi le projet est « {stage_label.lower()} ».")
        reasons.append(text.strip())
        return True

    dialog = NoteDialog(
        parent.tr("Projet {stage}").format(stage=stage_label.lower()),
        parent.tr("Pourquoi « {code} » est-il « {stage} » ?").format(
            code=code_name, stage=stage_label.lower()
        ),
        keep,
        ok_text=parent.tr("Enregistrer"),
        note_label=parent.tr("Raison"),
        parent=parent,
    )
    dialog.note_edit.setAccessibleName(parent.tr("Raison"))
    if dialog.exec() != QDialog.DialogCode.Accepted or not reasons:
        return None
    return reasons[0]
