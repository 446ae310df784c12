"""The needs of an inquiry: each a subject picked by type-ahead over « Thème › Sujet », its own
description, and the resources of its theme that can be handed over on the spot."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from guichet.services.intake import NeedDraft
from guichet.services.resources import theme_resources
from guichet.services.subject_match import SubjectChoice, match_subjects, subject_hint

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.screen_fit import set_text_lines
from guichet.ui.widgets.type_ahead import Suggestion, TypeAheadEdit

RESOURCE_ROWS = 3


class NeedRow(QFrame):
    subject_changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, ctx: AppContext, choices: list[SubjectChoice], number: int) -> None:
        super().__init__()
        self.ctx = ctx
        self.choices = choices
        self.subject: SubjectChoice | None = None
        self.setObjectName(f"needRow{number}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        self.title = QLabel()
        grid.addWidget(self.title, 0, 0)
        self.subject_field = TypeAheadEdit(
            f"needSubject{number}", self.tr("sujet : tapez quelques lettres…")
        )
        grid.addWidget(self.subject_field, 0, 1)
        self.remove_button = QToolButton()
        self.remove_button.setObjectName(f"needRemove{number}")
        self.remove_button.setText("✕")
        self.remove_button.setToolTip(self.tr("Retirer ce besoin"))
        set_name(self.remove_button, self.tr("Retirer ce besoin"))
        grid.addWidget(self.remove_button, 0, 2)
        self.description = QPlainTextEdit()
        self.description.setObjectName(f"needDescription{number}")
        self.description.setPlaceholderText(
            self.tr("Description du besoin, dans les mots de l'entreprise")
        )
        self.description.setTabChangesFocus(True)
        set_text_lines(self.description, 3)
        grid.addWidget(self.description, 1, 1, 1, 2)
        self.resources = QListWidget()
        self.resources.setObjectName(f"needResources{number}")
        self.resources.setToolTip(self.tr("Ressources remises à l'entreprise (Espace pour cocher)"))
        self.resources.setTextElideMode(Qt.TextElideMode.ElideRight)  # full title in tooltip
        self.resources.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Ticked is the only state that matters: no selection highlight, which would make the
        # current (unticked) resource look chosen. Space still ticks the current one.
        self.resources.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.resources.hide()
        self.resources_label = QLabel(self.tr("Remis :"))
        self.resources_label.hide()
        grid.addWidget(self.resources_label, 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.resources, 2, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        self.set_number(number)
        self.subject_field.text_edited.connect(self.on_subject_field_text_edited)
        self.subject_field.picked.connect(self.on_subject_field_picked)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))

    def set_number(self, number: int) -> None:
        self.title.setText(self.tr("Besoin %1").replace("%1", str(number)))
        for widget, text in (
            (self.subject_field, self.tr("Sujet du besoin %1")),
            (self.description, self.tr("Description du besoin %1")),
            (self.resources, self.tr("Ressources remises, besoin %1 (Espace pour cocher)")),
        ):
            set_name(widget, text.replace("%1", str(number)))

    def is_blank(self) -> bool:
        return self.subject is None and not self.description.toPlainText().strip()

    def draft(self) -> NeedDraft | None:
        if self.subject is None:
            return None
        given = []
        for row in range(self.resources.count()):
            item = self.resources.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                given.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return NeedDraft(self.subject.id, self.description.toPlainText(), tuple(given))

    def on_subject_field_text_edited(self, text: str) -> None:
        self.subject = None
        self.subject_changed.emit()
        suggestions = []
        for choice in match_subjects(self.choices, text, 10):
            hint = subject_hint(choice, text)
            shown = f"{choice.label} — {hint}" if hint else choice.label
            suggestions.append(Suggestion(shown, (choice, hint)))
        self.subject_field.show_suggestions(suggestions)

    def on_subject_field_picked(self, data: object) -> None:
        choice, hint = data if isinstance(data, tuple) else (data, "")
        assert isinstance(choice, SubjectChoice)
        typed = self.subject_field.text().strip()
        self.subject = choice
        self.subject_field.set_text(choice.label)
        self.subject_field.line.setToolTip(choice.label)  # elided when the form is narrow
        self._load_resources(choice.theme_id)
        self.subject_changed.emit()
        if hint and typed and not self.description.toPlainText().strip():
            # found through a synonym or a capability: what was typed says what is sought
            self.description.setPlainText(typed + " ")
            self.description.moveCursor(QTextCursor.MoveOperation.End)
        self.description.setFocus()

    def _load_resources(self, theme_id: int) -> None:
        self.resources.clear()
        for info in theme_resources(self.ctx.db, theme_id):
            item = QListWidgetItem(f"{info.title} ({info.kind_label})")
            item.setToolTip(item.text())
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.resources.addItem(item)
        has_any = self.resources.count() > 0
        if has_any:  # up to three rows, whatever the font
            rows = min(self.resources.count(), RESOURCE_ROWS)
            frame = 2 * self.resources.frameWidth()
            self.resources.setFixedHeight(self.resources.sizeHintForRow(0) * rows + frame)
        self.resources.setVisible(has_any)
        self.resources_label.setVisible(has_any)
        if has_any:
            self.resources.setCurrentRow(0)


class NeedsEditor(QWidget):
    subjects_changed = Signal()
    #: a need added after the form was built: its fields come last in the focus chain
    row_added = Signal(object)

    def __init__(
        self, ctx: AppContext, choices: list[SubjectChoice], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.choices = choices
        self.setObjectName("needsEditor")
        self.rows: list[NeedRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._created = 0
        self.add_need(focus=False)

    def add_need(self, *, focus: bool = True) -> NeedRow:
        self._created += 1
        row = NeedRow(self.ctx, self.choices, self._created)
        row.subject_changed.connect(self.subjects_changed)
        row.remove_requested.connect(self.on_row_remove_requested)
        self.rows.append(row)
        self._layout.addWidget(row)
        row.show()  # at once, not at the next event loop turn: typing may follow immediately
        self.row_added.emit(row)  # the form puts what follows the needs after it for Tab
        self._renumber()
        if focus:
            row.subject_field.setFocus()
        return row

    def drafts(self) -> list[NeedDraft]:
        return [d for d in (r.draft() for r in self.rows) if d is not None]

    def unfinished(self) -> list[NeedRow]:
        """Rows with a description but no subject picked (would be lost on save)."""
        return [r for r in self.rows if r.subject is None and not r.is_blank()]

    def subject_ids(self) -> list[int]:
        return [r.subject.id for r in self.rows if r.subject is not None]

    def _renumber(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            row.set_number(number)
            row.remove_button.setEnabled(len(self.rows) > 1)

    def on_row_remove_requested(self, row: object) -> None:
        assert isinstance(row, NeedRow)
        if len(self.rows) <= 1:
            return
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self._renumber()
        self.subjects_changed.emit()
