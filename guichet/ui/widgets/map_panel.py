"""The map with what makes it usable: zoom buttons, what is under the mouse, the legend, the
IGN credit, and the same content as a list beside it for keyboard and screen-reader users.

Pages compose a :class:`MapPanel`: ``set_territory`` (current INSEE codes), ``set_markers``
(:class:`MapMarker`), ``set_highlighted`` (marker ids), ``set_choropleth`` (code → value, with
its title). A marker clicked on the map or activated in the list (Entrée, double clic) emits
:attr:`MapPanel.marker_activated` with its id; a commune clicked emits
:attr:`MapPanel.commune_activated` with its current INSEE code.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from guichet.reference.commune_shapes import CREDIT, commune_shape

from guichet.ui.rows_view import rows_view
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel, sorting_proxy
from guichet.ui.theme import set_themed_style
from guichet.ui.widgets.map_layers import MapMarker, MarkerShape, choropleth_legend
from guichet.ui.widgets.map_view import ZOOM_STEP, MapView


@dataclass(frozen=True)
class CommuneValue:
    """A row of the choropleth's list."""

    code: str
    name: str
    value: float


class CommuneValuesModel(RowsTableModel[CommuneValue]):
    """The choropleth as a list: commune, value (its header is the choropleth's title)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                Column("Commune", lambda r: r.name),
                Column("Valeur", lambda r: r.value, align_right=True),
            ],
            parent,
        )
        self.value_title = "Valeur"

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            section == 1
            and orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
        ):
            return self.value_title
        return super().headerData(section, orientation, role)


def marker_columns() -> list[Column[MapMarker]]:
    return [
        Column("Nom", lambda m: m.label, tooltip=lambda m: m.tooltip),
        Column("Catégorie", lambda m: m.category),
        Column("Lieu", lambda m: m.place, tooltip=lambda m: m.place),
    ]


def swatch(
    colour: QColor | None, shape: MarkerShape = MarkerShape.SQUARE, size: int = 14
) -> QPixmap:
    """A small picture of a legend entry (a marker's shape, or a choropleth class)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(Qt.GlobalColor.darkGray))
    painter.setBrush(colour if colour is not None else Qt.BrushStyle.NoBrush)
    rect = QRectF(1, 1, size - 2, size - 2)
    if shape == MarkerShape.CIRCLE:
        painter.drawEllipse(rect)
    elif shape == MarkerShape.DIAMOND:
        c = rect.center()
        r = rect.width() / 2
        painter.drawPolygon(
            [
                QPointF(c.x(), c.y() - r),
                QPointF(c.x() + r, c.y()),
                QPointF(c.x(), c.y() + r),
                QPointF(c.x() - r, c.y()),
            ]
        )
    else:
        painter.drawRect(rect)
    painter.end()
    return pixmap


class MapPanel(QWidget):
    marker_activated = Signal(object)
    commune_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, list_title: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("mapPanel")
        self.view = MapView(self)
        self.view.marker_clicked.connect(self.marker_activated)
        self.view.commune_clicked.connect(self.commune_activated)
        self.view.hovered.connect(self.on_view_hovered)

        self.fit_button = QPushButton(self.tr("Ajuster au territoire"))
        self.fit_button.setObjectName("mapFit")
        self.fit_button.setToolTip(self.tr("Ctrl+0"))
        self.fit_button.clicked.connect(self.view.fit)
        self.zoom_in_button = QPushButton(self.tr("Zoom +"))
        self.zoom_in_button.setObjectName("mapZoomIn")
        self.zoom_in_button.setAccessibleName(self.tr("Zoomer"))
        self.zoom_in_button.clicked.connect(lambda: self._zoom(ZOOM_STEP))
        self.zoom_out_button = QPushButton(self.tr("Zoom −"))
        self.zoom_out_button.setObjectName("mapZoomOut")
        self.zoom_out_button.setAccessibleName(self.tr("Dézoomer"))
        self.zoom_out_button.clicked.connect(lambda: self._zoom(1 / ZOOM_STEP))
        self.hover_label = QLabel()
        self.hover_label.setObjectName("mapHover")
        self.hover_label.setAccessibleName(self.tr("Sous le pointeur"))
        tools = QHBoxLayout()
        tools.addWidget(self.zoom_in_button)
        tools.addWidget(self.zoom_out_button)
        tools.addWidget(self.fit_button)
        tools.addWidget(self.hover_label, 1)

        self.legend = QWidget()
        self.legend.setObjectName("mapLegend")
        self._legend_layout = QHBoxLayout(self.legend)
        self._legend_layout.setContentsMargins(0, 0, 0, 0)
        self.credit = QLabel(CREDIT)
        self.credit.setObjectName("mapCredit")
        set_themed_style(self.credit, "color: $muted;")

        map_column = QWidget()
        column = QVBoxLayout(map_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(tools)
        column.addWidget(self.view, 1)
        column.addWidget(self.legend)
        column.addWidget(self.credit)

        self.marker_model: RowsTableModel[MapMarker] = RowsTableModel(marker_columns(), self)
        self.commune_model = CommuneValuesModel(self)
        self._marker_proxy = sorting_proxy(self.marker_model, self)
        self._commune_proxy = sorting_proxy(self.commune_model, self)
        self.list_label = QLabel(list_title or self.tr("&Liste des points de la carte"))
        self.list_label.setObjectName("mapListLabel")
        self.list = rows_view("mapList", self._marker_proxy)
        self.list.setWordWrap(False)
        self.list.setSortingEnabled(True)
        self.list.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.list.setAccessibleName(self.list_label.text().replace("&", ""))
        self.list_label.setBuddy(self.list)
        self.list.activated.connect(self.on_list_activated)
        self.list.selectionModel().currentRowChanged.connect(self.on_list_current_changed)
        list_column = QWidget()
        side = QVBoxLayout(list_column)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.list_label)
        side.addWidget(self.list, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mapSplitter")
        self.splitter.addWidget(map_column)
        self.splitter.addWidget(list_column)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._choropleth_title = ""
        self._refresh_legend()

    # ----- content -------------------------------------------------------------------------

    def set_territory(self, codes: Collection[str]) -> None:
        self.view.set_territory(codes)

    def set_markers(self, markers: Iterable[MapMarker]) -> None:
        markers = list(markers)
        self.view.set_markers(markers)
        self.marker_model.set_rows(markers)
        self._show_list(
            self._marker_proxy if markers or not self.commune_model.rowCount() else None
        )
        self._refresh_legend()

    def set_highlighted(self, ids: Collection[object]) -> None:
        self.view.set_highlighted(ids)

    def set_choropleth(self, values: Mapping[str, float], title: str = "") -> None:
        """Colour communes by value (current INSEE code → value); the list shows them too."""
        self._choropleth_title = title
        self.view.set_choropleth(values)
        rows = []
        for code, value in values.items():
            shape = commune_shape(code)
            rows.append(CommuneValue(code, shape.name if shape else code, value))
        self.commune_model.set_rows(sorted(rows, key=lambda r: (-r.value, r.name)))
        self.commune_model.value_title = title or self.tr("Valeur")
        self._show_list(None if self.marker_model.rowCount() else self._commune_proxy)
        self._refresh_legend()

    def _show_list(self, proxy: object | None) -> None:
        if proxy is not None and self.list.model() is not proxy:
            self.list.setModel(proxy)  # type: ignore[arg-type]
            self.list.selectionModel().currentRowChanged.connect(self.on_list_current_changed)
            if proxy is self._commune_proxy:  # the largest values first
                self.list.sortByColumn(1, Qt.SortOrder.DescendingOrder)
            else:
                self.list.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def _refresh_legend(self) -> None:
        while self._legend_layout.count():
            item = self._legend_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        entries: list[tuple[QPixmap, str]] = []
        seen: set[str] = set()
        for marker in self.marker_model.rows():
            if marker.category and marker.category not in seen:
                seen.add(marker.category)
                entries.append((swatch(marker.color, marker.shape), marker.category))
        if self.commune_model.rowCount():
            if self._choropleth_title:
                entries.append((QPixmap(), self._choropleth_title + " :"))
            values = {r.code: r.value for r in self.commune_model.rows()}
            entries.extend((swatch(c), t) for c, t in choropleth_legend(values))
        texts = []
        for pixmap, text in entries:
            if not pixmap.isNull():
                icon = QLabel()
                icon.setPixmap(pixmap)
                self._legend_layout.addWidget(icon)
            self._legend_layout.addWidget(QLabel(text))
            texts.append(text)
        self._legend_layout.addStretch(1)
        self.legend.setAccessibleName(self.tr("Légende : {items}").format(items=", ".join(texts)))
        self.legend.setVisible(bool(entries))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh_legend()

    def legend_texts(self) -> list[str]:
        texts = []
        for index in range(self._legend_layout.count()):
            item = self._legend_layout.itemAt(index)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel) and widget.text():
                texts.append(widget.text())
        return texts

    # ----- slots ---------------------------------------------------------------------------

    def _zoom(self, factor: float) -> None:
        self.view.zoom_by(factor)

    def on_view_hovered(self, text: str) -> None:
        self.hover_label.setText(text)

    def on_list_activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, MapMarker):
            self.marker_activated.emit(row.id)
        elif isinstance(row, CommuneValue):
            self.commune_activated.emit(row.code)

    def on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.data(ROW_ROLE)
        if isinstance(row, MapMarker):
            self.view.center_on_marker(row.id)
