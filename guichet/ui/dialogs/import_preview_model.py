"""The rows of an import with their planned action, coloured by what will happen to them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from guichet.importers.plan import ImportAction, PlannedRow
from guichet.reference.identifiers import format_siret

from guichet.ui.table_model import AnyIndex, Column, RowsTableModel

ACTION_COLOURS = {
    ImportAction.CREATE: QColor("#e3f4e1"),
    ImportAction.UPDATE: QColor("#e1ecf9"),
    ImportAction.SKIP: QColor("#eeeeee"),
    ImportAction.REJECT: QColor("#f9e0e0"),
}


def preview_columns(tr: Callable[[str], str]) -> list[Column[PlannedRow]]:
    return [
        Column(tr("Ligne"), lambda r: r.line, align_right=True),
        Column(tr("Action"), lambda r: tr(r.action_label)),
        Column(tr("Raison sociale"), lambda r: r.name),
        Column(tr("SIRET"), lambda r: format_siret(r.siret) if r.siret else ""),
        Column(tr("Ville"), lambda r: r.city),
        Column(tr("Motif, avertissements"), lambda r: r.reason, tooltip=lambda r: r.reason),
    ]


class ImportPreviewModel(RowsTableModel[PlannedRow]):
    """One line per row of the file; the background says create, update, skip or reject."""

    def __init__(self, tr: Callable[[str], str], parent: Any = None) -> None:
        super().__init__(preview_columns(tr), parent)
        self._brushes = {action: QBrush(colour) for action, colour in ACTION_COLOURS.items()}

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            row = self.row_at(index.row())
            return self._brushes[row.action] if row is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            return QBrush(QColor("#202020")) if self.row_at(index.row()) is not None else None
        return super().data(index, role)
