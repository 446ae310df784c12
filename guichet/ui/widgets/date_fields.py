"""An optional date field: a QDateEdit whose lowest value reads « non précisée »."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

NO_DATE = QDate(2000, 1, 1)


class OptionalDateEdit(QDateEdit):
    """Tab leaves the field (its day, month and year are reached with ← →): showing « non
    précisée », a date edit would otherwise keep Tab for its sections and never let it go."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


def optional_date_edit(name: str, empty_text: str) -> QDateEdit:
    edit = OptionalDateEdit()
    edit.setObjectName(name)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(empty_text)
    edit.setDate(NO_DATE)
    return edit


def set_optional_date(edit: QDateEdit, value: date | None) -> None:
    edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)


def optional_date(edit: QDateEdit) -> date | None:
    value = edit.date()
    if value == NO_DATE:
        return None
    return date(value.year(), value.month(), value.day())
