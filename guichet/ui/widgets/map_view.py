"""The map of the territory: commune outlines, markers and a choropleth, offline.

A ``QGraphicsView`` over the IGN outlines of Seine-Maritime (:mod:`guichet.reference.commune_shapes`,
parsed once per process). Scene units are Lambert-93 metres with y pointing down (scene y =
−northing). The communes of the agency's territory are drawn on the base colour, the others
greyed; markers keep their size on screen whatever the zoom; a choropleth fills communes by a
value (see :mod:`guichet.ui.widgets.map_layers`).

Speed (``bench/map.py``): a pan repaints the whole view (X11 and offscreen do not scroll the
backing store), so what counts is one paint: the scene's BSP index hands over only the communes
in view, each a path with a one-pixel cosmetic pen; the markers are one layer stamping
pre-rendered sprites (see :class:`MarkerLayer`); the same index finds the commune under the
mouse.

Keys: ``+``/``-`` (or Ctrl++ / Ctrl+-) zoom, the arrows pan, Ctrl+0 (or Origine) fits the
territory, Entrée opens what is at the centre (the list beside the map centres the map on its
current row), Tab leaves the map. The commune under the mouse (or, after a key, at the centre of
the map) is announced through :attr:`MapView.hovered`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsPathItem, QGraphicsScene, QGraphicsView, QWidget

from guichet.reference.commune_shapes import commune_shapes

from guichet.ui.widgets.map_layers import (
    CommuneItem,
    MapMarker,
    MarkerLayer,
    choropleth_colors,
    scene_point,
)

#: zoom limits, as multiples of the scale that shows the whole département
MAX_ZOOM = 60.0
ZOOM_STEP = 1.25
#: a press and release closer than this (pixels) is a click, not a drag
CLICK_SLOP = 4


class MapView(QGraphicsView):
    """The map. Signals carry a marker's id or a commune's current INSEE code."""

    marker_clicked = Signal(object)
    commune_clicked = Signal(str)
    #: text describing what is under the mouse (or the centre after a key), "" for nothing
    hovered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapView")
        self.setAccessibleName(self.tr("Carte du territoire"))
        self.setAccessibleDescription(
            self.tr(
                "Plus et moins pour zoomer, flèches pour se déplacer, Ctrl+0 pour ajuster au "
                "territoire, Entrée pour ouvrir ce qui est au centre ; la liste à côté de la "
                "carte donne les mêmes éléments."
            )
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setMouseTracking(True)
        self.setMinimumSize(240, 200)
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self._communes: dict[str, list[CommuneItem]] = {}  # current code -> items
        self._territory: frozenset[str] = frozenset()
        self._values: dict[str, float] = {}
        self._hover_item: CommuneItem | None = None
        self._hover_outline = QGraphicsPathItem()
        self._hover_outline.setZValue(5)
        self._hover_outline.setVisible(False)
        self._scene.addItem(self._hover_outline)
        self._hover_text = ""
        self._press: QPoint | None = None
        self._user_moved = False
        self._build_communes()

    # ----- content -------------------------------------------------------------------------

    def _build_communes(self) -> None:
        for shape in commune_shapes():
            item = CommuneItem(shape)
            self._scene.addItem(item)
            self._communes.setdefault(shape.current_code, []).append(item)
        bounds = self._scene.itemsBoundingRect()
        self._department = bounds
        margin = max(bounds.width(), bounds.height()) * 0.5
        self._scene.setSceneRect(bounds.adjusted(-margin, -margin, margin, margin))
        self._marker_layer = MarkerLayer(self._scene.sceneRect())
        self._scene.addItem(self._marker_layer)
        self._recolour()

    def set_territory(self, codes: Collection[str]) -> None:
        """Highlight these communes (current INSEE codes); the others are greyed."""
        self._territory = frozenset(codes)
        self._recolour()
        if not self._user_moved:
            self.fit()

    def set_markers(self, markers: Iterable[MapMarker]) -> None:
        self._marker_layer.set_markers(list(markers))

    def set_highlighted(self, ids: Collection[object]) -> None:
        """Draw these markers larger, outlined and labelled (e.g. a project's proposed sites)."""
        self._marker_layer.set_highlighted(frozenset(ids))

    def set_choropleth(self, values: Mapping[str, float]) -> None:
        """Fill communes by value (current INSEE code → value); an empty mapping removes it."""
        self._values = dict(values)
        self._recolour()

    def markers(self) -> list[MapMarker]:
        return list(self._marker_layer.markers.values())

    def highlighted(self) -> frozenset[object]:
        return self._marker_layer.highlighted

    def commune_items(self, code: str) -> list[CommuneItem]:
        return list(self._communes.get(code, []))

    def value_of(self, code: str) -> float | None:
        return self._values.get(code) if self._values else None

    def _recolour(self) -> None:
        palette = self.palette()
        land = palette.color(QPalette.ColorRole.Base)
        greyed = _mix(
            palette.color(QPalette.ColorRole.Window),
            palette.color(QPalette.ColorRole.WindowText),
            0.12,
        )  # a shade towards the text: greyer in the light scheme, lighter in the dark one
        line = palette.color(QPalette.ColorRole.Mid)
        strong = palette.color(QPalette.ColorRole.WindowText)
        fills = choropleth_colors(self._values, land) if self._values else {}
        for code, items in self._communes.items():
            inside = code in self._territory or not self._territory
            fill = fills.get(code, land if inside else greyed)
            for commune_item in items:
                commune_item.set_colours(fill, strong if inside else line, inside)
        self.setBackgroundBrush(palette.color(QPalette.ColorRole.Window))
        hover = QPen(palette.color(QPalette.ColorRole.Highlight), 2.5)
        hover.setCosmetic(True)
        self._hover_outline.setPen(hover)
        self._marker_layer.update_colours(palette)

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        """Where the keyboard is, visibly: Fusion draws no focus frame around a view (and a
        style sheet doing it made every frame 2 ms slower)."""
        if self.hasFocus():
            painter.save()
            painter.resetTransform()
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 3)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.viewport().rect()).adjusted(1.5, 1.5, -1.5, -1.5))
            painter.restore()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._recolour()

    # ----- zoom and pan --------------------------------------------------------------------

    def territory_rect(self) -> QRectF:
        rect = QRectF()
        for code in self._territory:
            for item in self._communes.get(code, []):
                rect = rect.united(item.sceneBoundingRect())
        return rect if not rect.isNull() else self._department

    def fit(self) -> None:
        """Show the whole territory (the whole département without one)."""
        rect = self.territory_rect()
        pad = max(rect.width(), rect.height()) * 0.04
        self.fitInView(rect.adjusted(-pad, -pad, pad, pad), Qt.AspectRatioMode.KeepAspectRatio)
        self._user_moved = False

    def zoom(self) -> float:
        """Current scale relative to the one showing the whole département."""
        return self.transform().m11() / self._min_scale()

    def _min_scale(self) -> float:
        area = self.viewport().rect()
        return min(
            area.width() / self._department.width(), area.height() / self._department.height()
        )

    def zoom_by(self, factor: float, at: QPoint | None = None) -> None:
        """Zoom keeping the point ``at`` of the viewport (its centre by default) where it is."""
        current = self.transform().m11()
        wanted = min(max(current * factor, self._min_scale()), self._min_scale() * MAX_ZOOM)
        if abs(wanted - current) < 1e-12:
            return
        anchor = at if at is not None else self.viewport().rect().center()
        fixed = self.mapToScene(anchor)
        self.scale(wanted / current, wanted / current)
        moved = self.mapFromScene(fixed) - anchor
        self.pan_by(moved.x(), moved.y())
        self._user_moved = True

    def pan_by(self, dx: int, dy: int) -> None:
        """Move the map by a number of pixels (positive: show what is right of / below)."""
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)
        self._user_moved = True

    def center_scene_point(self) -> QPointF:
        return self.mapToScene(self.viewport().rect().center())

    def center_on_marker(self, marker_id: object) -> None:
        point = self._marker_layer.points.get(marker_id)
        if point is not None:
            self.centerOn(point)
            self._user_moved = True
            self._announce(self.viewport().rect().center())

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps, event.position().toPoint())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        step = max(self.viewport().width(), self.viewport().height()) // 8
        moves: dict[Qt.Key, tuple[int, int]] = {
            Qt.Key.Key_Left: (-step, 0),
            Qt.Key.Key_Right: (step, 0),
            Qt.Key.Key_Up: (0, -step),
            Qt.Key.Key_Down: (0, step),
        }
        if key in moves:
            self.pan_by(*moves[key])
        elif event.matches(QKeySequence.StandardKey.ZoomIn) or key in (
            Qt.Key.Key_Plus,
            Qt.Key.Key_Equal,
        ):
            self.zoom_by(ZOOM_STEP)
        elif event.matches(QKeySequence.StandardKey.ZoomOut) or key == Qt.Key.Key_Minus:
            self.zoom_by(1 / ZOOM_STEP)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate(self.viewport().rect().center())
        elif key == Qt.Key.Key_Home or (
            key == Qt.Key.Key_0 and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.fit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()
        self._announce(self.viewport().rect().center())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._user_moved:
            self.fit()
        elif self.transform().m11() < self._min_scale():
            self.zoom_by(1.0)

    # ----- hover and click -----------------------------------------------------------------

    def describe(self, pos: QPoint) -> tuple[str, object | None, str | None]:
        """(text, marker id, commune code) of what is at a viewport position."""
        pixel = 1 / max(self.transform().m11(), 1e-12)
        marker_id = self._marker_layer.marker_at(self.mapToScene(pos), pixel)
        commune = next((i for i in self.items(pos) if isinstance(i, CommuneItem)), None)
        if commune is not None:
            self._set_hover_item(commune)
        else:
            self._set_hover_item(None)
        text = commune.commune.name if commune is not None else ""
        if commune is not None and self._values:
            text = self.tr("{name} : {count}").format(
                name=text, count=_number(self._values.get(commune.commune.current_code, 0))
            )
        if marker_id is not None:
            marker = self._marker_layer.markers[marker_id]
            text = f"{marker.label} — {text}" if text else marker.label
            self.viewport().setToolTip(marker.tooltip or marker.label)
        else:
            self.viewport().setToolTip("")
        code = commune.commune.current_code if commune is not None else None
        return text, marker_id, code

    def _set_hover_item(self, item: CommuneItem | None) -> None:
        if item is self._hover_item:
            return
        self._hover_item = item
        self._hover_outline.setVisible(item is not None)
        if item is not None:
            self._hover_outline.setPath(item.path())

    def _announce(self, pos: QPoint) -> None:
        text = self.describe(pos)[0]
        if text != self._hover_text:
            self._hover_text = text
            self.hovered.emit(text)

    def hover_text(self) -> str:
        return self._hover_text

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if self._press is None:
            self._announce(event.position().toPoint())
        elif (event.position().toPoint() - self._press).manhattanLength() > CLICK_SLOP:
            self._user_moved = True

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self._set_hover_item(None)
        if self._hover_text:
            self._hover_text = ""
            self.hovered.emit("")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        pos = event.position().toPoint()
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if (pos - press).manhattanLength() > CLICK_SLOP:
            return
        self._activate(pos)

    def _activate(self, pos: QPoint) -> None:
        """What a click (or Entrée, at the centre) opens: the marker there, else the commune."""
        _, marker_id, code = self.describe(pos)
        if marker_id is not None:
            self.marker_clicked.emit(marker_id)
        elif code is not None:
            self.commune_clicked.emit(code)

    def marker_view_pos(self, marker_id: object) -> QPoint:
        """Where a marker is drawn in the viewport (tests, screenshots)."""
        layer = self._marker_layer
        offset = layer.offsets.get(marker_id, QPointF()).toPoint()
        return self.mapFromScene(layer.points[marker_id]) + offset

    def commune_view_pos(self, code: str) -> QPoint:
        shape = self._communes[code][0].commune
        return self.mapFromScene(scene_point(*shape.inner_point()))


def _mix(first: QColor, second: QColor, share: float) -> QColor:
    """``first`` moved by ``share`` (0–1) towards ``second``."""
    return QColor.fromRgbF(
        first.redF() + (second.redF() - first.redF()) * share,
        first.greenF() + (second.greenF() - first.greenF()) * share,
        first.blueF() + (second.blueF() - first.blueF()) * share,
    )


def _number(value: float) -> str:
    return f"{value:n}" if isinstance(value, float) and not value.is_integer() else f"{int(value)}"
