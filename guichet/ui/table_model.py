"""A read-only table model over plain rows (dataclasses), sortable through a proxy.

Pages describe their columns once; rows arrive through :meth:`RowsTableModel.set_rows` inside
a model reset. ``SORT_ROLE`` returns native values (dates, numbers) so a
``QSortFilterProxyModel`` sorts them properly; ``ROW_ROLE`` returns the row object itself.

A view asks ``data()`` again and again for the same cells: the proxy's sort twice per
comparison, the header's « resize to contents » for eight roles of each of hundreds of rows at
every layout. Each cell's text and sort key are therefore worked out once per :meth:`set_rows`
(rows are immutable between two of them), and the roles the model never answers return at once.
A table of hundreds of rows can also sort in the model (``sorting_proxy(..., in_model=True)``):
one key per row and Python's sort, rather than two calls into Python per comparison.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from guichet.reference.dates import format_date_short, format_datetime_short

R = TypeVar("R")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
AnyIndex = QModelIndex | QPersistentModelIndex
DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole)
ALIGNMENT_ROLE = int(Qt.ItemDataRole.TextAlignmentRole)
#: The roles :meth:`RowsTableModel.data` answers; a view asks for a dozen more (font, colours,
#: check state, decoration, size hint) for every cell it measures or paints.
ANSWERED_ROLES = frozenset(
    {DISPLAY_ROLE, int(SORT_ROLE), int(ROW_ROLE), TOOLTIP_ROLE, ALIGNMENT_ROLE}
)
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    value: Callable[[R], Any]
    align_right: bool = False
    tooltip: Callable[[R], str] | None = None
    #: what the column sorts on when that differs from what it shows (e.g. a stage's urgency)
    sort_value: Callable[[R], Any] | None = None


def display_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime_short(value)
    if isinstance(value, date):
        return format_date_short(value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)


def sort_key(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    return str(value).casefold()


def horizontal_title(
    titles: Sequence[str], section: int, orientation: Qt.Orientation, role: int
) -> str | None:
    """``titles[section]`` when a view asks for the text of a column header, else ``None``."""
    if (
        role == Qt.ItemDataRole.DisplayRole
        and orientation == Qt.Orientation.Horizontal
        and 0 <= section < len(titles)
    ):
        return titles[section]
    return None


class _ModelSortingProxy(QSortFilterProxyModel):
    """Hands a view's sort to its :class:`RowsTableModel`, and keeps that model's order."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, RowsTableModel):
            source.sort(column, order)


def sorting_proxy(
    model: QAbstractItemModel, parent: QObject, *, in_model: bool = False
) -> QSortFilterProxyModel:
    """A proxy over ``model`` that sorts on ``SORT_ROLE`` (dates and numbers, not their text);
    ``in_model``: the :class:`RowsTableModel` sorts its own rows (in the very order the proxy
    would), for tables of hundreds of rows."""
    proxy = _ModelSortingProxy(parent) if in_model else QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    return proxy


def _mixed(key: Any) -> tuple[int, str, float]:
    """A sort key of a column mixing numbers and empty cells: the empty ones first."""
    if isinstance(key, str):
        return (0 if key == "" else 2, key, 0.0)
    return (1, "", float(key))


def _ordered(positions: list[int], keys: list[Any], descending: bool) -> list[int]:
    """``positions`` sorted by their ``keys``, ties in the order given; descending, the very
    reverse (ties too), as Qt's proxy sorts."""
    try:
        ordered = sorted(positions, key=keys.__getitem__)
    except TypeError:
        mixed = [_mixed(k) for k in keys]
        ordered = sorted(positions, key=mixed.__getitem__)
    return ordered[::-1] if descending else ordered


class RowsTableModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []
        # per column, each row's text / sort key once asked for (None: not yet)
        self._texts: list[list[str | None] | None] = [None] * len(self._columns)
        self._sort_keys: list[list[Any] | None] = [None] * len(self._columns)
        self._order: tuple[int, Qt.SortOrder] | None = None  # once :meth:`sort` was asked
        self._given: list[int] = []  # each row's place in the rows as given (ties keep it)

    def set_rows(self, rows: Sequence[R]) -> None:
        self.reset_content(self._columns, rows)

    def reset_content(self, columns: Sequence[Column[R]], rows: Sequence[R]) -> None:
        """New rows, and columns (a table whose columns follow its data), in one model reset."""
        self.beginResetModel()
        self._columns, self._rows = list(columns), list(rows)
        self._texts = [None] * len(self._columns)
        self._sort_keys = [None] * len(self._columns)
        self._given = list(range(len(self._rows)))
        if self._order is not None and self._order[0] < len(self._columns):
            self._arrange(self._positions(*self._order))
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The rows in the order of a column's ``SORT_ROLE`` (and kept so at each reset)."""
        if not 0 <= column < len(self._columns):
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        positions = self._positions(column, order)
        moved_to = [0] * len(positions)
        for new, old in enumerate(positions):
            moved_to[old] = new
        self._arrange(positions)
        kept = self.persistentIndexList()
        self.changePersistentIndexList(
            kept, [self.index(moved_to[i.row()], i.column()) for i in kept]
        )
        self.layoutChanged.emit()

    def _positions(self, column: int, order: Qt.SortOrder) -> list[int]:
        keys = [self._sort_key(number, column) for number in range(len(self._rows))]
        as_given = sorted(range(len(self._rows)), key=self._given.__getitem__)
        return _ordered(as_given, keys, order == Qt.SortOrder.DescendingOrder)

    def _arrange(self, positions: list[int]) -> None:
        """The rows, and what is known of their cells, in the order of ``positions``."""
        self._rows = [self._rows[p] for p in positions]
        self._given = [self._given[p] for p in positions]
        for cache in (self._texts, self._sort_keys):
            for at, known in enumerate(cache):
                if known is not None:
                    cache[at] = [known[p] for p in positions]

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ANSWERED_ROLES or not index.isValid():
            return None
        number, at = index.row(), index.column()
        if number >= len(self._rows):
            return None
        if role == DISPLAY_ROLE:
            texts = self._texts[at]
            if texts is None:
                texts = self._texts[at] = [None] * len(self._rows)
            text = texts[number]
            if text is None:
                text = texts[number] = display_text(self._columns[at].value(self._rows[number]))
            return text
        if role == SORT_ROLE:
            return self._sort_key(number, at)
        if role == ROW_ROLE:
            return self._rows[number]
        column = self._columns[at]
        if role == TOOLTIP_ROLE and column.tooltip is not None:
            return column.tooltip(self._rows[number])
        if role == ALIGNMENT_ROLE and column.align_right:
            return RIGHT_ALIGNED
        return None

    def _sort_key(self, number: int, at: int) -> Any:
        keys = self._sort_keys[at]
        if keys is None:
            keys = self._sort_keys[at] = [None] * len(self._rows)
        key = keys[number]
        if key is None:
            column = self._columns[at]
            key = keys[number] = sort_key((column.sort_value or column.value)(self._rows[number]))
        return key

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return horizontal_title([c.title for c in self._columns], section, orientation, role)
