"""Copy a table's rows (the selected ones, or all) as tab-separated text with its header, for a
spreadsheet or a document: Ctrl+C and the context menu « Copier »."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QTableView


def table_text(view: QTableView) -> str:
    model = view.model()
    if model is None:
        return ""
    selection = view.selectionModel()
    rows = sorted({i.row() for i in selection.selectedRows()}) if selection else []
    if not rows:
        rows = list(range(model.rowCount()))
    columns = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]

    def cell(text: object) -> str:
        return str(text or "").replace("\t", " ").replace("\n", " ")

    lines = [
        "\t".join(
            cell(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
            for c in columns
        )
    ]
    lines += ["\t".join(cell(model.index(r, c).data()) for c in columns) for r in rows]
    return "\n".join(lines) + "\n"


def copy_table(view: QTableView) -> None:
    clipboard = QGuiApplication.clipboard()
    if clipboard is not None:
        clipboard.setText(table_text(view))


def install_copy(view: QTableView) -> QAction:
    """Ctrl+C and a « Copier » context-menu entry on ``view``."""
    action = QAction(view.tr("Copier le tableau"), view)
    action.setObjectName(f"{view.objectName()}Copy")
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(lambda: copy_table(view))
    view.addAction(action)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return action
