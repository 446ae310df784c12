"""Columns sized to their content, but never so wide that one long name pushes the others out
of sight (the cell's tooltip gives the whole text; the counsellor can still widen a column)."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView

MAX_COLUMN_WIDTH = 240


def fit_columns(view: QTableView, max_width: int = MAX_COLUMN_WIDTH) -> None:
    """Sizes the columns once rows are there; later reloads keep the widths (maybe the user's)."""
    if view.property("columnsFitted"):
        return
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.resizeColumnsToContents()
    for column in range(header.count()):
        if header.sectionSize(column) > max_width:
            header.resizeSection(column, max_width)
    if view.model() is not None and view.model().rowCount() > 0:
        view.setProperty("columnsFitted", True)


def compact_rows(view: QTableView) -> None:
    """One line of text per row, without the default's generous padding."""
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)


def fit_within_width(view: QTableView, shrinkable: tuple[int, ...], floor: int = 80) -> None:
    """Narrows the ``shrinkable`` columns (long free text: names, subjects) in proportion to their
    width above ``floor`` until every column shows without a horizontal scroll bar; the others
    (dates, references, short codes) keep their fitted width. Text cut short is elided, and
    the cell's tooltip gives it whole."""
    header = view.horizontalHeader()
    available = view.viewport().width()
    total = sum(header.sectionSize(column) for column in range(header.count()))
    excess = total - available
    slack = {column: max(0, header.sectionSize(column) - floor) for column in shrinkable}
    room = sum(slack.values())
    if excess <= 0 or room == 0:
        return
    for column, extra in slack.items():
        cut = min(extra, -(-excess * extra // room))
        header.resizeSection(column, header.sectionSize(column) - cut)
