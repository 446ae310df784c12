"""How the tables of the page Implantation sit in their width: one line a row, no sideways
scroll bar, long text columns elided first (the cell's tooltip, when given, has it whole); Tab
leaves a table instead of walking its cells."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

from guichet.ui.table_fit import WidthKeeper, compact_rows


def keep_in_width(view: QTableView, shrinkable: tuple[int, ...]) -> WidthKeeper:
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab leaves the table (arrows move inside it)
    compact_rows(view)
    return WidthKeeper(view, shrinkable)
