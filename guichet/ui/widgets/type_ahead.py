"""A line edit with a suggestion list under it, driven from the keyboard alone.

Typing emits :attr:`TypeAheadEdit.text_edited`; the owner answers with :meth:`show_suggestions`
(synchronously or when a background search returns). Up/Down move in the list, Enter picks the
highlighted suggestion (the first one by default), Escape closes the list. The list never takes
the focus, so Tab goes on to the next field; a screen reader is told each suggestion as it is
highlighted (an accessibility announcement: « Prêt d'honneur, 2 sur 6 »).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from guichet.ui.accessibility import announce, set_name

ROWS_SHOWN = 6


@dataclass(frozen=True)
class Suggestion:
    text: str
    data: object
    tooltip: str = ""


class TypeAheadEdit(QWidget):
    text_edited = Signal(str)
    picked = Signal(object)

    def __init__(self, object_name: str, placeholder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.line = QLineEdit()
        self.line.setObjectName(f"{object_name}Line")
        self.line.setPlaceholderText(placeholder)
        self.line.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName(f"{object_name}List")
        set_name(self.list, self.tr("Suggestions"))
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setUniformItemSizes(True)
        # a long line (a SIRENE establishment) keeps its start and end; the tooltip has it whole
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.hide()
        #: called before Enter is handled, so a search still waiting for its debounce runs now
        self.before_enter: Callable[[], None] | None = None
        layout.addWidget(self.line)
        layout.addWidget(self.list)
        self.setFocusProxy(self.line)
        self.line.textEdited.connect(self.on_line_text_edited)
        self.line.installEventFilter(self)
        self.list.itemClicked.connect(self.on_list_item_clicked)

    # -- public --------------------------------------------------------------------------------
    def text(self) -> str:
        return self.line.text()

    def set_text(self, text: str) -> None:
        self.line.setText(text)
        self.hide_suggestions()

    def show_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        self.list.clear()
        for suggestion in suggestions:
            item = QListWidgetItem(suggestion.text)
            item.setData(Qt.ItemDataRole.UserRole, suggestion.data)
            tooltip = "\n".join(part for part in (suggestion.text, suggestion.tooltip) if part)
            item.setToolTip(tooltip)
            self.list.addItem(item)
        if not suggestions:
            self.list.hide()
            return
        self.list.setCurrentRow(0)
        row_height = max(self.list.sizeHintForRow(0), 18)
        self.list.setFixedHeight(row_height * min(len(suggestions), ROWS_SHOWN) + 6)
        self.list.show()
        self._announce_current()

    def hide_suggestions(self) -> None:
        self.list.hide()
        self.list.clear()

    def suggestion_count(self) -> int:
        return self.list.count()

    def pick_current(self) -> bool:
        item = self.list.currentItem() if self.list.isVisible() else None
        if item is None:
            return False
        self._pick(item)
        return True

    # -- events --------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._key(event)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        visible = self.list.isVisible() and self.list.count() > 0
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and visible:
            step = 1 if key == Qt.Key.Key_Down else -1
            row = (self.list.currentRow() + step) % self.list.count()
            self.list.setCurrentRow(row)
            self._announce_current()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            if self.before_enter is not None:
                self.before_enter()
                visible = self.list.isVisible() and self.list.count() > 0
            if visible:
                return self.pick_current()
            return False
        if key == Qt.Key.Key_Escape and visible:
            self.hide_suggestions()
            return True
        return False

    def _announce_current(self) -> None:
        """The highlighted suggestion, said without the focus leaving the line."""
        item = self.list.currentItem()
        if item is None:
            return
        position = (
            self.tr("%1 sur %2")
            .replace("%1", str(self.list.currentRow() + 1))
            .replace("%2", str(self.list.count()))
        )
        announce(self.line, f"{item.text()}, {position}")

    def _pick(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        self.hide_suggestions()
        self.picked.emit(data)

    # -- slots ---------------------------------------------------------------------------------
    def on_line_text_edited(self, text: str) -> None:
        self.text_edited.emit(text)

    def on_list_item_clicked(self, item: QListWidgetItem) -> None:
        self._pick(item)
