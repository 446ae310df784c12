"""« Compte rendu de visite »: the questionnaire of the visit's version, one field per question
(oui/non and choices as lists, numbers as numbers, texts as text), the notes, and « Besoin
exprimé… » which opens « Nouvelle demande » filled in for the company (channel « visite »).

A visit recorded before the questionnaire changed opens with its own version: its answers,
including those to questions removed since, read as they were given.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError, ValidationError
from guichet.reference.dates import format_datetime_short
from guichet.services.questionnaire import NO, YES, Question, QuestionnaireInfo
from guichet.services.visits import VisitDetail, VisitService

from guichet.ui.accessibility import describe_error, set_name
from guichet.ui.context import AppContext
from guichet.ui.dialogs.save_buttons import save_cancel_buttons
from guichet.ui.dialogs.visit_intake import open_intake_from_visit
from guichet.ui.feedback import show_error
from guichet.ui.screen_fit import fit_to_screen, set_text_lines
from guichet.ui.unsaved import confirm_dialog_discard

NUMBER = QRegularExpression("^[0-9][0-9 \u202f]*([.,][0-9]+)?$")
EMPTY = "—"

AnswerWidget = QComboBox | QLineEdit | QPlainTextEdit


def answer_widget(question: Question, value: str) -> AnswerWidget:
    """The field of one question, showing ``value``."""
    if question.type in ("yesno", "choice"):
        box = QComboBox()
        box.addItem(EMPTY, "")
        for choice in (YES, NO) if question.type == "yesno" else question.choices:
            box.addItem(choice, choice)
        if value and box.findData(value) < 0:  # a value no longer offered stays readable
            box.addItem(value, value)
        box.setCurrentIndex(max(box.findData(value), 0))
        return box
    if question.type == "number":
        edit = QLineEdit(value)
        edit.setValidator(QRegularExpressionValidator(NUMBER, edit))
        edit.setMaxLength(12)
        return edit
    text = QPlainTextEdit(value)
    set_text_lines(text, 2)
    return text


def widget_value(widget: AnswerWidget) -> str:
    if isinstance(widget, QComboBox):
        return str(widget.currentData() or "")
    if isinstance(widget, QLineEdit):
        return widget.text()
    return widget.toPlainText()


class VisitRecordDialog(QDialog):
    visit_saved = Signal(object)  # VisitDetail

    def __init__(self, ctx: AppContext, visit: VisitDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.visit = visit
        self.service = VisitService(ctx.db)
        self.questionnaire: QuestionnaireInfo = self.service.questionnaire_for(visit.id)
        self.saved: VisitDetail | None = None
        self.setObjectName("visitRecordDialog")
        self.setWindowTitle(
            self.tr("Compte rendu de visite — %1").replace("%1", visit.organization)
        )
        heading = QLabel(
            self.tr("%1, le %2 — questionnaire version %3")
            .replace("%1", visit.organization)
            .replace("%2", format_datetime_short(visit.planned_at))
            .replace("%3", str(self.questionnaire.number))
        )
        heading.setObjectName("visitRecordHeading")
        heading.setWordWrap(True)
        body = QWidget()
        form = QFormLayout(body)
        values = visit.values
        self.fields: dict[str, AnswerWidget] = {}
        for question in self.questionnaire.questions:
            widget = answer_widget(question, values.get(question.key, ""))
            widget.setObjectName(f"answer_{question.key}")
            if question.risk_values:
                widget.setToolTip(
                    self.tr("Signal de risque si : %1").replace(
                        "%1", ", ".join(question.risk_values)
                    )
                )
            caption = question.label + (" *" if question.required else "")
            set_name(
                widget, question.label + (self.tr(" (obligatoire)") if question.required else "")
            )
            form.addRow(caption, widget)
            self.fields[question.key] = widget
        self.notes_edit = QPlainTextEdit(visit.notes)
        self.notes_edit.setObjectName("visitNotes")
        set_text_lines(self.notes_edit, 3)
        form.addRow(self.tr("Notes"), self.notes_edit)
        area = QScrollArea()
        area.setObjectName("visitRecordArea")
        area.setWidgetResizable(True)
        area.setWidget(body)
        self.need_button = QPushButton(self.tr("Besoin exprimé…"))
        self.need_button.setObjectName("visitNeedButton")
        self.need_button.setAutoDefault(False)
        self.need_button.setToolTip(
            self.tr("Ouvre « Nouvelle demande » pour cette entreprise, canal « Visite »")
        )
        self.need_button.clicked.connect(self.on_need_button_clicked)
        hint = QLabel(self.tr("* réponse obligatoire"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.need_button)
        bottom.addWidget(hint, 1)
        buttons = save_cancel_buttons(self, self.on_buttons_accepted)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(area, 1)
        layout.addLayout(bottom)
        self.opened = self.answers(), self.notes_edit.toPlainText()
        fit_to_screen(self, (760, 720))
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.setFocus()

    def answers(self) -> dict[str, str]:
        return {key: widget_value(widget) for key, widget in self.fields.items()}

    def has_unsaved_changes(self) -> bool:
        return (self.answers(), self.notes_edit.toPlainText()) != self.opened

    def confirm_discard(self) -> bool:
        """Save, drop or stay; once dropped, closing does not ask again."""
        if not confirm_dialog_discard(self, self.on_buttons_accepted):
            return False
        self.opened = self.answers(), self.notes_edit.toPlainText()
        return True

    def reject(self) -> None:
        """Échap, « Annuler » or the window's cross: answers typed are never dropped silently."""
        if self.saved is None and self.has_unsaved_changes() and not self.confirm_discard():
            return
        if self.saved is None:
            super().reject()

    def on_need_button_clicked(self) -> None:
        open_intake_from_visit(self, self.visit)

    def on_buttons_accepted(self) -> None:
        try:
            self.saved = self.service.record(
                self.visit.id,
                self.answers(),
                questionnaire_id=self.questionnaire.id,
                notes=self.notes_edit.toPlainText(),
                version=self.visit.version,
            )
        except GuichetError as exc:
            show_error(self, exc)
            field = self.fields.get(exc.field or "") if isinstance(exc, ValidationError) else None
            if field is not None:
                describe_error(field, exc.message)
                field.setFocus()
            return
        self.visit_saved.emit(self.saved)
        self.accept()
