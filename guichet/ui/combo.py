"""Combo boxes whose « no value » entry carries ``""`` instead of ``None``.

PySide6 6.12 releases a reference to ``None`` each time it hands back an empty ``QVariant``
(``currentData()`` of an item stored with ``None``, of no item at all): after enough reads the
interpreter aborts (« deallocating None »). Every item here carries real data, and an empty
selection is never read.
"""

from __future__ import annotations

from typing import Any

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
