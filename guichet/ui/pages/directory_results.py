"""The directory's results: a table model that pulls hits page by page as the view scrolls.

The first page arrives with :meth:`HitsTableModel.show_hits`; the view asks for more through
``canFetchMore``/``fetchMore`` when the counsellor scrolls near the end, so a query matching
500,000 organizations never loads more than what is on screen (plus one page).

Each row says why it matched (« Compétence : Tournage CN », « 1 mot sur 2 : usinage — … »):
:class:`HitDelegate` draws it on a second, muted line under the name, so it shows whatever the
table's width (and whole in the tooltip).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from guichet.models import label
from guichet.reference.identifiers import format_siret
from guichet.search import OrganizationHit

from guichet.ui.table_model import ROW_ROLE, AnyIndex, horizontal_title
from guichet.ui.theme import color

Fetcher = Callable[[int, int], list[OrganizationHit]]
PAGE_SIZE = 100
#: The reason of a hit (``OrganizationHit.reason``), drawn under its name.
REASON_ROLE = Qt.ItemDataRole.UserRole + 10


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
        if role == REASON_ROLE and column == 0:
            return hit.reason
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            return f"{hit.name}, {hit.reason}" if hit.reason else hit.name
        if role == Qt.ItemDataRole.ForegroundRole and hit.do_not_refer:
            return QBrush(color("error"))
        if role == Qt.ItemDataRole.ToolTipRole:
            why = self.tr("Trouvé par : %1").replace("%1", hit.reason) if hit.reason else ""
            if hit.do_not_refer:
                warning = self.tr("Ne pas orienter vers cette organisation (voir la fiche)")
                return "\n".join(t for t in (warning, why) if t)
            if column == 0 and why:
                return why
        return None

    def _text(self, hit: OrganizationHit, column: int) -> str:
        if column == 0:
            return ("⚠ " if hit.do_not_refer else "") + hit.name
        if column == 1:
            return self.tr(label(hit.kind))
        if column == 2:
            return " ".join(p for p in (hit.postal_code, hit.city) if p)
        return format_siret(hit.siret) if hit.siret else ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return horizontal_title(self._titles, section, orientation, role)


class HitDelegate(QStyledItemDelegate):
    """The name, and under it, muted and elided, why the organization matched."""

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), row_height(option.fontMetrics.lineSpacing()))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        reason = index.data(REASON_ROLE)
        if not reason:
            super().paint(painter, option, index)
            return
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        name, cell.text = cell.text, ""
        widget = cell.widget if isinstance(cell.widget, QWidget) else None
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(
            QStyle.ControlElement.CE_ItemViewItem, cell, painter, widget
        )  # background
        selected = bool(cell.state & QStyle.StateFlag.State_Selected)
        palette = cell.palette
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        if selected:
            name_color = reason_color = palette.color(QPalette.ColorRole.HighlightedText)
        else:
            name_color = (
                brush.color()
                if isinstance(brush, QBrush)
                else palette.color(QPalette.ColorRole.Text)
            )
            reason_color = palette.color(QPalette.ColorRole.PlaceholderText)
        metrics = cell.fontMetrics
        line = metrics.lineSpacing()
        left, width = cell.rect.left() + MARGIN, cell.rect.width() - 2 * MARGIN
        top = cell.rect.top() + (cell.rect.height() - 2 * line) // 2
        align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        painter.save()
        painter.setFont(cell.font)
        for text, pen, y in ((name, name_color, top), (str(reason), reason_color, top + line)):
            painter.setPen(pen)
            elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            painter.drawText(QRect(left, y, width, line), align, elided)
        painter.restore()


MARGIN = 4


def row_height(line_spacing: int, lines: int = 2) -> int:
    """``lines`` lines of text (the name, and why it matched) and a little air."""
    return lines * line_spacing + 6
