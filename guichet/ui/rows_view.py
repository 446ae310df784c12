"""The read-only table of whole rows that pages and dialogs show their lists in."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

#: Rows (beyond those on screen) a column's width is measured on: a list of 800 members gained
#: in a year was measured whole at every reload (cells are elided, their tooltip is whole).
ROWS_MEASURED = 200


def rows_view(
    name: str, model: QAbstractItemModel, *, several: bool = False, measured: int = ROWS_MEASURED
) -> QTableView:
    """A table over ``model`` selecting whole rows (one, or ``several``), never editing them,
    without row numbers, its columns sized to their content (of the first ``measured`` rows)
    and the last one stretched."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if several
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(measured)
    header.setStretchLastSection(True)
    return view
