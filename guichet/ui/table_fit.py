"""Columns sized to their content, but never so wide that one long name pushes the others out
of sight (the cell's tooltip gives the whole text; the counsellor can still widen a column)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

MAX_COLUMN_WIDTH = 240
#: Rows measured beyond those on screen when sizing a column: a few dozen rows tell the width as
#: well as a thousand do, and measuring each cell is Python work on the GUI thread (Qt's default,
#: 1000 rows, froze Demandes for a third of a second).
FIT_SAMPLE_ROWS = 40


def fit_columns(view: QTableView, max_width: int = MAX_COLUMN_WIDTH) -> None:
    """Sizes the columns once rows are there; later reloads keep the widths (maybe the user's)."""
    if view.property("columnsFitted"):
        return
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setResizeContentsPrecision(FIT_SAMPLE_ROWS)
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
    bar = view.verticalScrollBar()
    if (
        not bar.isVisible()
        and view.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        and view.verticalHeader().length() > view.viewport().height()
    ):  # rows just in: the scroll bar they need is not laid out yet, but will take its room
        available -= bar.sizeHint().width()
    total = sum(header.sectionSize(column) for column in range(header.count()))
    excess = total - available
    slack = {column: max(0, header.sectionSize(column) - floor) for column in shrinkable}
    room = sum(slack.values())
    if excess <= 0 or room == 0:
        return
    for column, extra in slack.items():
        cut = min(extra, -(-excess * extra // room))
        header.resizeSection(column, header.sectionSize(column) - cut)


class WidthKeeper(QObject):
    """Keeps a small table inside its own width, never a sideways scroll bar: columns fitted to
    their content (at most ``max_width``), then the ``shrinkable`` ones narrowed (elided, the
    tooltip gives the whole text) — again whenever the rows change or the view is resized, and
    when :meth:`fit` is called (a column shown again from the header's menu)."""

    def __init__(
        self, view: QTableView, shrinkable: tuple[int, ...], max_width: int = MAX_COLUMN_WIDTH
    ) -> None:
        super().__init__(view)
        self.view = view
        self.shrinkable = shrinkable
        self.max_width = max_width
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.horizontalHeader().setStretchLastSection(False)
        view.viewport().installEventFilter(self)
        view.model().modelReset.connect(self.fit)

    def fit(self) -> None:
        self.view.setProperty("columnsFitted", False)
        fit_columns(self.view, self.max_width)
        fit_within_width(self.view, self.shrinkable)
        # more columns shown than the width holds: every one gives way, down to a short word
        fit_within_width(self.view, tuple(range(self.view.horizontalHeader().count())), 40)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
