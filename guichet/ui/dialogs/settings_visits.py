"""Settings tab « Visites »: the visit questionnaire (questions, types, choices, required, the
answers that raise a risk signal). Saving writes a new version; visits recorded with an older one
keep it, so their answers stay readable."""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.reference.text import fold
from guichet.services.questionnaire import TYPES, Question, QuestionnaireService, check_questions

from guichet.ui.accessibility import label_field, set_name
from guichet.ui.context import AppContext
from guichet.ui.feedback import show_error

SEPARATOR = ";"


def key_of(label: str, taken: set[str]) -> str:
    """A key made from a label (« Projet export » → ``projet_export``), unique among ``taken``."""
    base = re.sub(r"[^a-z0-9]+", "_", fold(label).lower()).strip("_")[:36] or "question"
    if not base[0].isalpha():
        base = f"q_{base}"[:36]
    key, number = base, 2
    while key in taken:
        key, number = f"{base}_{number}", number + 1
    return key


def split_list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(SEPARATOR) if part.strip())


class QuestionnaireTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = QuestionnaireService(ctx.db)
        self.setObjectName("visitSettingsTab")
        self.title = self.tr("Visites")
        self.version_label = QLabel()
        self.version_label.setObjectName("questionnaireVersionLabel")
        self.version_label.setWordWrap(True)
        list_label = QLabel(self.tr("Questions"))
        self.list = QListWidget()
        self.list.setObjectName("questionList")
        label_field(list_label, self.list)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_button = self._button("addQuestionButton", self.tr("Ajouter"))
        self.remove_button = self._button("removeQuestionButton", self.tr("Retirer"))
        self.up_button = self._button("questionUpButton", self.tr("Monter"))
        self.down_button = self._button("questionDownButton", self.tr("Descendre"))
        self.save_button = self._button(
            "saveQuestionnaireButton", self.tr("Enregistrer comme nouvelle version")
        )
        for button, slot in (
            (self.add_button, self.on_add_button_clicked),
            (self.remove_button, self.on_remove_button_clicked),
            (self.up_button, lambda: self.move_question(-1)),
            (self.down_button, lambda: self.move_question(1)),
            (self.save_button, self.save_if_changed),
        ):
            button.clicked.connect(slot)

        self.label_edit = QLineEdit()
        self.label_edit.setObjectName("questionLabel")
        self.label_edit.setMaxLength(250)
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("questionKey")
        self.key_edit.setMaxLength(40)
        self.type_box = QComboBox()
        self.type_box.setObjectName("questionType")
        for value, text in TYPES.items():
            self.type_box.addItem(self.tr(text), value)
        self.choices_edit = QLineEdit()
        self.choices_edit.setObjectName("questionChoices")
        self.choices_edit.setPlaceholderText(self.tr("choix séparés par « ; »"))
        self.required_box = QCheckBox(self.tr("Réponse obligatoire"))
        self.required_box.setObjectName("questionRequired")
        self.risk_edit = QLineEdit()
        self.risk_edit.setObjectName("questionRiskValues")
        self.risk_edit.setPlaceholderText(self.tr("ex. : oui"))
        self.risk_label_edit = QLineEdit()
        self.risk_label_edit.setObjectName("questionRiskLabel")
        self.risk_label_edit.setMaxLength(120)
        editor = QFormLayout()
        editor.addRow(self.tr("Libellé"), self.label_edit)
        editor.addRow(self.tr("Clé"), self.key_edit)
        editor.addRow(self.tr("Type"), self.type_box)
        editor.addRow(self.tr("Choix"), self.choices_edit)
        editor.addRow("", self.required_box)
        editor.addRow(self.tr("Réponses à risque"), self.risk_edit)
        editor.addRow(self.tr("Signal affiché"), self.risk_label_edit)
        set_name(self.required_box, self.tr("Réponse obligatoire"))

        moves = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            moves.addWidget(button)
        moves.addStretch(1)
        columns = QHBoxLayout()
        listing = QVBoxLayout()
        listing.addWidget(list_label)
        listing.addWidget(self.list, 1)
        columns.addLayout(listing, 2)
        columns.addLayout(moves)
        columns.addLayout(editor, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.version_label)
        layout.addLayout(columns, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        layout.addLayout(bottom)

        self.list.currentRowChanged.connect(self.on_list_current_row_changed)
        for edit in (
            self.label_edit,
            self.key_edit,
            self.choices_edit,
            self.risk_edit,
            self.risk_label_edit,
        ):
            edit.textEdited.connect(self.store_current)
        self.type_box.currentIndexChanged.connect(self.store_current)
        self.required_box.toggled.connect(self.store_current)
        self.questions: list[Question] = []
        self.loaded: tuple[Question, ...] = ()
        self._filling = False
        self.reload()

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        return button

    # -- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        current = self.service.current()
        self.loaded = current.questions
        self.questions = list(current.questions)
        self.version_label.setText(
            self.tr(
                "Version %1 en service. Enregistrer crée une nouvelle version : les visites "
                "déjà faites gardent la leur, et leurs réponses restent lisibles."
            ).replace("%1", str(current.number))
        )
        self._fill_list(0)

    def _fill_list(self, row: int) -> None:
        self.list.clear()
        for question in self.questions:
            self.list.addItem(self.item_text(question))
        if self.questions:
            self.list.setCurrentRow(max(0, min(row, len(self.questions) - 1)))
        self._show(self.list.currentRow())

    def item_text(self, question: Question) -> str:
        """« Libellé * — Type ⚠ »: required, and raising a risk signal."""
        mark = " *" if question.required else ""
        risk = " ⚠" if question.risk_values else ""
        return f"{question.label}{mark} — {self.tr(question.type_label)}{risk}"

    def _show(self, row: int) -> None:
        question = self.questions[row] if 0 <= row < len(self.questions) else None
        self._filling = True
        for widget in (
            self.label_edit,
            self.key_edit,
            self.type_box,
            self.choices_edit,
            self.required_box,
            self.risk_edit,
            self.risk_label_edit,
        ):
            widget.setEnabled(question is not None)
        if question is not None:
            self.label_edit.setText(question.label)
            self.key_edit.setText(question.key)
            self.type_box.setCurrentIndex(max(self.type_box.findData(question.type), 0))
            self.choices_edit.setText(f"{SEPARATOR} ".join(question.choices))
            self.required_box.setChecked(question.required)
            self.risk_edit.setText(f"{SEPARATOR} ".join(question.risk_values))
            self.risk_label_edit.setText(question.risk_label)
        self.choices_edit.setEnabled(question is not None and question.type == "choice")
        self._filling = False

    # -- editing -------------------------------------------------------------------------------
    def store_current(self) -> None:
        row = self.list.currentRow()
        if self._filling or not 0 <= row < len(self.questions):
            return
        kind = str(self.type_box.currentData())
        self.questions[row] = replace(
            self.questions[row],
            label=self.label_edit.text(),
            key=self.key_edit.text().strip(),
            type=kind,
            choices=split_list(self.choices_edit.text()) if kind == "choice" else (),
            required=self.required_box.isChecked(),
            risk_values=split_list(self.risk_edit.text()),
            risk_label=self.risk_label_edit.text().strip(),
        )
        self.choices_edit.setEnabled(kind == "choice")
        item = self.list.item(row)
        if item is not None:
            question = self.questions[row]
            item.setText(
                f"{question.label}{' *' if question.required else ''} — {self.tr(question.type_label)}"
            )

    def on_list_current_row_changed(self, row: int) -> None:
        self._show(row)

    def on_add_button_clicked(self) -> None:
        label = self.tr("Nouvelle question")
        key = key_of(label, {q.key for q in self.questions})
        row = self.list.currentRow() + 1
        self.questions.insert(row, Question(key=key, label=label, type="yesno"))
        self._fill_list(row)
        self.label_edit.setFocus()
        self.label_edit.selectAll()

    def on_remove_button_clicked(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.questions):
            del self.questions[row]
            self._fill_list(row)

    def move_question(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if 0 <= row < len(self.questions) and 0 <= target < len(self.questions):
            self.questions[row], self.questions[target] = (
                self.questions[target],
                self.questions[row],
            )
            self._fill_list(target)

    # -- saving --------------------------------------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        return tuple(self.questions) != self.loaded

    def save_if_changed(self) -> bool:
        """Writes the edited questionnaire as a new version; ``False`` (with the French message
        shown, the typing kept) when it is refused."""
        if not self.has_unsaved_changes():
            return True
        try:
            check_questions(self.questions)
            self.service.save_new_version(self.questions)
        except GuichetError as exc:
            show_error(self, exc)
            return False
        self.reload()
        return True
