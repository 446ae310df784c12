"""Combo boxes whose « no value » entry carries ``""`` instead of ``None``.

PySide6 6.12 releases a reference to ``None`` each time it hands back an empty ``QVariant``
(``currentData()`` of an item stored with ``None``, of no item at all): after enough reads the
interpreter aborts (« deallocating None »). Every item here carries real data, and an empty
selection is never read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox

NO_VALUE = ""


def add_no_value(combo: QComboBox, text: str) -> None:
    """The entry meaning « none / all » (its data is :data:`NO_VALUE`)."""
    combo.addItem(text, NO_VALUE)


def combo_value(combo: QComboBox) -> Any:
    """The data of the current entry; ``None`` for the « no value » entry or no selection."""
    if combo.currentIndex() < 0:
        return None
    value = combo.currentData()
    return None if isinstance(value, str) and value == NO_VALUE else value


def select_value(combo: QComboBox, value: object) -> None:
    """Select the entry holding ``value`` (``None``: the « no value » entry), else the first."""
    combo.setCurrentIndex(max(combo.findData(NO_VALUE if value is None else value), 0))


class ChoiceModel(QAbstractListModel):
    """A long list of entries (text, data, tooltip) given to a combo at once: hundreds of
    ``addItem`` calls are Python work on the GUI thread when a page is built."""

    def __init__(self, entries: list[tuple[str, object, str | None]], parent: QObject) -> None:
        super().__init__(parent)
        self._entries = entries

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        text, data, tip = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text
        if role == Qt.ItemDataRole.UserRole:
            return data
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip
        return None


def set_entries(combo: QComboBox, entries: Sequence[tuple[str, object, str | None]]) -> None:
    """The combo's « no value » entry (its first), then ``entries``, set in one go; the combo
    gets no more entries afterwards (``addItem`` needs its own model)."""
    first = (combo.itemText(0), NO_VALUE, None)
    combo.setModel(ChoiceModel([first, *entries], combo))
    combo.setCurrentIndex(0)
