"""A right-click menu on a table's header to show or hide its columns, for lists with more
columns than a counsellor reads at a glance (the hidden ones stay one click away)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView


class HeaderColumnMenu:
    def __init__(
        self,
        view: QTableView,
        hidden_by_default: set[int],
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.view = view
        self.on_change = on_change  # e.g. fit the columns again once one is shown or hidden
        for column in hidden_by_default:
            view.setColumnHidden(column, True)
        header = view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.on_header_context_menu_requested)
        header.setToolTip(view.tr("Clic droit : colonnes à afficher"))

    def menu(self) -> QMenu:
        menu = QMenu(self.view)
        menu.setObjectName("columnsMenu")
        model = self.view.model()
        count = model.columnCount()
        shown = sum(not self.view.isColumnHidden(column) for column in range(count))
        for column in range(count):
            action = QAction(str(model.headerData(column, Qt.Orientation.Horizontal)), menu)
            action.setCheckable(True)
            visible = not self.view.isColumnHidden(column)
            action.setChecked(visible)
            action.setEnabled(not visible or shown > 1)  # never hide the last one
            action.toggled.connect(lambda on, c=column: self.set_shown(c, on))
            menu.addAction(action)
        return menu

    def set_shown(self, column: int, shown: bool) -> None:
        self.view.setColumnHidden(column, not shown)
        if shown and self.view.columnWidth(column) == 0:
            self.view.resizeColumnToContents(column)
        if self.on_change is not None:
            self.on_change()

    def on_header_context_menu_requested(self, point: QPoint) -> None:
        self.menu().exec(self.view.horizontalHeader().mapToGlobal(point))
