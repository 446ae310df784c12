"""The suggestion table of « Mettre en relation »: one checkable row per partner."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from guichet.services.referral_suggestions import Suggestion

from guichet.ui.table_model import ROW_ROLE, AnyIndex, horizontal_title

HEADERS = ("Organisme", "Type", "Commune", "Pourquoi")


class SuggestionsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Suggestion] = []
        self._checked: set[int] = set()
        self._contacts: dict[int, int | None] = {}

    def set_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        self.beginResetModel()
        self._rows = list(suggestions)
        self._checked = set()
        self._contacts = {s.organization_id: s.default_contact_id for s in suggestions}
        self.endResetModel()

    def suggestion(self, row: int) -> Suggestion | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def checked(self) -> list[Suggestion]:
        return [s for s in self._rows if s.organization_id in self._checked]

    def contact_for(self, organization_id: int) -> int | None:
        return self._contacts.get(organization_id)

    def set_contact(self, organization_id: int, contact_id: int | None) -> None:
        self._contacts[organization_id] = contact_id

    def set_checked(self, row: int, checked: bool) -> None:
        self.setData(
            self.index(row, 0),
            (Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked).value,
            Qt.ItemDataRole.CheckStateRole,
        )

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self._rows[index.row()]
        if index.column() == 0 and not row.already_open:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            busy = QCoreApplication.translate("SuggestionsModel", " — déjà en cours")
            name = row.name + (busy if row.already_open else "")
            return (name, row.kind_label, row.city, row.reason)[column]
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return (
                Qt.CheckState.Checked
                if row.organization_id in self._checked
                else Qt.CheckState.Unchecked
            ).value
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.reason
        if role == ROW_ROLE:
            return row
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != 0
            or role != Qt.ItemDataRole.CheckStateRole
            or self._rows[index.row()].already_open
        ):
            return False
        organization_id = self._rows[index.row()].organization_id
        state = value.value if isinstance(value, Qt.CheckState) else int(value)
        if state == Qt.CheckState.Checked.value:
            self._checked.add(organization_id)
        else:
            self._checked.discard(organization_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        title = horizontal_title(HEADERS, section, orientation, role)
        return None if title is None else QCoreApplication.translate("SuggestionsModel", title)
