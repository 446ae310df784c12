"""The directory's results: a table model that pulls hits page by page as the view scrolls.

The first page arrives with :meth:`HitsTableModel.show_hits`; the view asks for more through
``canFetchMore``/``fetchMore`` when the counsellor scrolls near the end, so a query matching
500,000 organizations never loads more than what is on screen (plus one page).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush

from guichet.models import label
from guichet.reference.identifiers import format_siret
from guichet.search import OrganizationHit

from guichet.ui.table_model import ROW_ROLE, AnyIndex, horizontal_title
from guichet.ui.theme import color

Fetcher = Callable[[int, int], list[OrganizationHit]]
PAGE_SIZE = 100


def _why(hit: OrganizationHit) -> str:
    if hit.matched_capabilities:
        return ", ".join(hit.matched_capabilities)
    return hit.reason


class HitsTableModel(QAbstractTableModel):
    """Read-only, lazily filled table of :class:`OrganizationHit`."""

    def __init__(self, parent: Any = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self._hits: list[OrganizationHit] = []
        self._fetch: Fetcher | None = None
        self._more = False
        self._fetching = False
        self._titles = [
            self.tr("Nom"),
            self.tr("Type"),
            self.tr("Commune"),
            self.tr("SIRET"),
            self.tr("Pertinence"),
        ]

    # -- filling -------------------------------------------------------------------------------
    def show_hits(self, first_page: list[OrganizationHit], fetch: Fetcher | None) -> None:
        """Replace the results by a first page; ``fetch(offset, limit)`` gives the next ones."""
        self.beginResetModel()
        self._hits = list(first_page)
        self._fetch = fetch
        self._more = fetch is not None and len(first_page) >= self.page_size
        self.endResetModel()

    def clear(self) -> None:
        self.show_hits([], None)

    def hits(self) -> list[OrganizationHit]:
        return list(self._hits)

    def hit_at(self, row: int) -> OrganizationHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def row_of(self, organization_id: int) -> int:
        return next((i for i, h in enumerate(self._hits) if h.id == organization_id), -1)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or self._fetch is None or self._fetching:
            return
        self._fetching = True  # views may ask again while the rows are being inserted
        try:
            page = self._fetch(len(self._hits), self.page_size)
            seen = {h.id for h in self._hits}
            batch = [h for h in page if h.id not in seen]
            self._more = len(page) >= self.page_size
            if batch:
                first = len(self._hits)
                self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
                self._hits.extend(batch)
                self.endInsertRows()
        finally:
            self._fetching = False

    # -- reading -------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(hit, column)
        if role == ROW_ROLE:
            return hit
        if role == Qt.ItemDataRole.ForegroundRole and hit.do_not_refer:
            return QBrush(color("error"))
        if role == Qt.ItemDataRole.ToolTipRole:
            if hit.do_not_refer:
                return self.tr("Ne pas orienter vers cette organisation (voir la fiche)")
            if column == 4:
                return hit.reason
        return None

    def _text(self, hit: OrganizationHit, column: int) -> str:
        if column == 0:
            return ("⚠ " if hit.do_not_refer else "") + hit.name
        if column == 1:
            return self.tr(label(hit.kind))
        if column == 2:
            return " ".join(p for p in (hit.postal_code, hit.city) if p)
        if column == 3:
            return format_siret(hit.siret) if hit.siret else ""
        return _why(hit)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return horizontal_title(self._titles, section, orientation, role)
