"""Statuses as coloured chips with their text (the colour is never the only sign): a delegate
for the « Statut » and « Étape » columns of the desk's tables (Accueil, Demandes, Relances).

The tone of a chip comes from the status's French label, the text the cell shows; a label
without a tone gets the neutral one. Colours have a light and a dark variant, chosen at paint
time (see :mod:`guichet.ui.theme`).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView

from guichet.models import InquiryStatus, ReferralStatus, VisitStatus, label
from guichet.services.followups import STAGE_LABELS, Stage

from guichet.ui.theme import is_dark

#: tone → (background, text) in the light scheme, then in the dark one
TONE_COLORS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "info": (("#dbe9fb", "#0f4c8a"), ("#1d3a5c", "#b5d5f7")),
    "progress": (("#fff0c7", "#6e4600"), ("#4a3b12", "#f3d48a")),
    "success": (("#dcf1dc", "#1b5e20"), ("#1e3f22", "#a5deab")),
    "failure": (("#fbdede", "#8e1b1b"), ("#4d2020", "#f5b0b0")),
    "neutral": (("#e6e8eb", "#3c4043"), ("#3a3d41", "#cfd2d6")),
}
TONES: dict[str, str] = {
    label(InquiryStatus.NEW): "info",
    label(InquiryStatus.IN_PROGRESS): "progress",
    label(InquiryStatus.CLOSED): "neutral",
    label(ReferralStatus.PROPOSED): "info",
    label(ReferralStatus.SENT): "progress",
    label(ReferralStatus.TAKEN_CARE): "progress",
    label(ReferralStatus.SUCCEEDED): "success",
    label(ReferralStatus.CLOSED_NO_HELP): "neutral",
    label(ReferralStatus.UNREACHABLE): "failure",
    label(ReferralStatus.REFUSED): "failure",
    label(ReferralStatus.EXPIRED): "neutral",
    STAGE_LABELS[Stage.FOLLOW_UP]: "info",
    STAGE_LABELS[Stage.LAST_CHANCE]: "progress",
    STAGE_LABELS[Stage.EXPIRY]: "failure",
    label(VisitStatus.PLANNED): "info",
    label(VisitStatus.DONE): "success",
    label(VisitStatus.CANCELLED): "neutral",
}
#: the columns drawn as chips, by their header
CHIP_HEADERS = ("Statut", "Étape")
PADDING = 8


def tone_of(text: str) -> str:
    return TONES.get(text, "neutral")


def chip_colors(text: str) -> tuple[QColor, QColor]:
    """(background, text colour) of the chip for ``text`` in the current scheme."""
    light, dark = TONE_COLORS[tone_of(text)]
    background, foreground = dark if is_dark() else light
    return QColor(background), QColor(foreground)


class StatusChipDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        widget = item.widget
        style = widget.style() if widget is not None else None
        if style is not None:  # selection and focus, as any cell
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        if not text:
            return
        background, foreground = chip_colors(text)
        metrics = item.fontMetrics
        rect: QRect = item.rect
        height = min(rect.height() - 4, metrics.height() + 4)
        room = rect.width() - 6
        natural = metrics.horizontalAdvance(text) + 2 * PADDING + 2
        shown = text
        if natural > room:  # a narrow column: the text is elided, never dropped
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room - 2 * PADDING)
        width = min(natural, room)
        chip = QRect(rect.left() + 3, rect.top() + (rect.height() - height) // 2, width, height)
        painter.save()
        painter.setFont(item.font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(chip, height / 2, height / 2)
        painter.setPen(foreground)
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, shown)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 2 * PADDING + 6, hint.height())


def use_status_chips(view: QTableView) -> list[int]:
    """Draws the « Statut » / « Étape » columns of ``view`` as chips; returns their numbers."""
    model = view.model()
    delegate = view.findChild(StatusChipDelegate) or StatusChipDelegate(view)
    columns = [
        column
        for column in range(model.columnCount())
        if model.headerData(column, Qt.Orientation.Horizontal) in CHIP_HEADERS
    ]
    for column in columns:
        view.setItemDelegateForColumn(column, delegate)
    return columns
