"""The inquiries table model: rows fetched page by page (``canFetchMore``/``fetchMore``) and
sorted by the database, so tens of thousands of inquiries open instantly."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from guichet.services.inquiries import PAGE_SIZE, SORT_KEYS, InquiryListRow

from guichet.ui.table_model import ROW_ROLE, AnyIndex, display_text, horizontal_title

Fetch = Callable[[str, bool, int, int], list[InquiryListRow]]  # sort, descending, offset, limit

HEADERS = (
    "Référence",
    "Reçue le",
    "Entreprise",
    "Contact",
    "Besoins",
    "Canal",
    "Conseiller",
    "Statut",
    "Délai (min)",
)


def _minutes(row: InquiryListRow) -> str:
    return "" if row.minutes_to_action is None else str(row.minutes_to_action)


VALUES: tuple[Callable[[InquiryListRow], Any], ...] = (
    lambda r: r.reference,
    lambda r: r.received_at,
    lambda r: r.organization,
    lambda r: r.contact,
    lambda r: r.subjects,
    lambda r: r.channel,
    lambda r: r.counsellor,
    lambda r: r.status,
    _minutes,
)


class InquiryListModel(QAbstractTableModel):
    def __init__(self, parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._rows: list[InquiryListRow] = []
        self._total = 0
        self._fetch: Fetch | None = None
        self._sort = "received_at"
        self._descending = True
        self.page_size = page_size
        self._fetching = False  # views and testers may ask for more while rows are inserted

    # -- loading ---------------------------------------------------------------------------------
    def load(self, fetch: Fetch, total: int) -> None:
        """Start over with a new query: ``total`` rows, fetched through ``fetch`` as needed."""
        self.beginResetModel()
        self._fetch, self._total = fetch, total
        self._rows = []
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def show_loaded(self, fetch: Fetch, first_page: list[InquiryListRow], total: int) -> None:
        """Start over with a query whose count and first page were read off the GUI thread
        (:mod:`guichet.ui.tasks`); later pages come through ``fetch`` as the view scrolls."""
        self.beginResetModel()
        self._fetch, self._rows = fetch, list(first_page)
        self._total = total if len(first_page) >= self.page_size else len(first_page)
        self.endResetModel()

    def load_query(self) -> tuple[str, bool, int]:
        """The sort and page size a first page must be read with (sort key, descending, limit)."""
        return self._sort, self._descending, self.page_size

    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and not self._fetching
            and self._fetch is not None
            and len(self._rows) < self._total
        )

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        assert self._fetch is not None
        offset = len(self._rows)
        self._fetching = True  # a view asking for more while this page is on its way waits
        try:
            page = self._fetch(self._sort, self._descending, offset, self.page_size)
            if len(page) < self.page_size:  # fewer rows than counted: someone deleted meanwhile
                self._total = offset + len(page)
            if not page:
                return
            self.beginInsertRows(QModelIndex(), offset, offset + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        finally:
            self._fetching = False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(SORT_KEYS):
            return
        self._sort = SORT_KEYS[column]
        self._descending = order == Qt.SortOrder.DescendingOrder
        if self._fetch is not None:
            self.load(self._fetch, self._total)

    def row_at(self, row: int) -> InquiryListRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def find(self, inquiry_id: int, *, max_pages: int = 10) -> int:
        """Row of an inquiry, fetching a few more pages if needed; -1 when not found."""
        for _ in range(max_pages + 1):
            for number, row in enumerate(self._rows):
                if row.id == inquiry_id:
                    return number
            if not self.canFetchMore(QModelIndex()):
                return -1
            self.fetchMore(QModelIndex())
        return -1

    # -- Qt model --------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return display_text(VALUES[index.column()](row))
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == len(HEADERS) - 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        title = horizontal_title(HEADERS, section, orientation, role)
        return None if title is None else QCoreApplication.translate("InquiryListModel", title)
