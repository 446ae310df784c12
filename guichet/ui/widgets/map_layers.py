"""What the map draws: commune outlines, markers, and the choropleth's classes and colours."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from guichet.reference.commune_shapes import CommuneShape
from guichet.reference.lambert93 import project

#: ColorBrewer « Blues » (5 classes), light to dark: readable in both schemes as fills
RAMP = ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
MARKER_RADIUS = 6.0
HIGHLIGHT_RADIUS = 9.0


class MarkerShape(StrEnum):
    """A marker's shape, so that colour is never the only sign of its category."""

    CIRCLE = "circle"
    SQUARE = "square"
    DIAMOND = "diamond"


@dataclass(frozen=True)
class MapMarker:
    """A point on the map: ``id`` comes back in the signals; ``category`` names its colour
    and shape in the legend and the list."""

    id: object
    lon: float
    lat: float
    color: QColor
    label: str
    tooltip: str = ""
    category: str = ""
    shape: MarkerShape = MarkerShape.CIRCLE
    #: where the marker is, in words, for the list (« Parc d'activités du Manoir, Bolbec »)
    place: str = ""


def scene_point(x: float, y: float) -> QPointF:
    """Scene position of a Lambert-93 point (y down on screen)."""
    return QPointF(x, -y)


def lonlat_point(lon: float, lat: float) -> QPointF:
    return scene_point(*project(lon, lat))


def commune_path(shape: CommuneShape) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in shape.rings():
        path.addPolygon(QPolygonF([scene_point(x, y) for x, y in ring]))
        path.closeSubpath()
    return path


class CommuneItem(QGraphicsPathItem):
    """One commune: filled and outlined with a cosmetic pen (one pixel whatever the zoom).

    Not cached: a device-coordinate cache gained nothing with the whole département in view and
    made a pan frame two to three times slower zoomed in, where each cache is clipped to the view
    and re-rendered as the view moves (``bench/map.py`` measures both).
    """

    def __init__(self, shape: CommuneShape) -> None:
        super().__init__(commune_path(shape))
        self.commune = shape

    def set_colours(self, fill: QColor, line: QColor, strong: bool) -> None:
        pen = QPen(line, 1.0 if strong else 0.6)
        pen.setCosmetic(True)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self.setPen(pen)
        self.setBrush(QBrush(fill))
        self.setZValue(1 if strong else 0)


class MarkerLayer(QGraphicsItem):
    """Every marker in one item, drawn in device pixels (constant size whatever the zoom).

    One item rather than one per marker: items that ignore the view's transformation stay out
    of the scene's spatial index and were all visited on every frame (500 markers took a pan
    frame from 1 to 11 ms). Each marker is a pre-rendered sprite (one per colour, shape and
    state) stamped at its device position: drawing the shapes one by one cost 20 ms a frame.
    """

    def __init__(self, bounds: QRectF) -> None:
        super().__init__()
        self._bounds = bounds
        self.markers: dict[object, MapMarker] = {}
        self.points: dict[object, QPointF] = {}
        #: screen offset (pixels) of markers sharing a position, spread on a small circle
        self.offsets: dict[object, QPointF] = {}
        self._spread = 0.0
        self.highlighted: frozenset[object] = frozenset()
        self._outline = QColor(Qt.GlobalColor.black)
        self._ring = QColor(Qt.GlobalColor.blue)
        self._halo = QColor(255, 255, 255, 215)
        self._font = QFont()
        self._font.setBold(True)
        self._sprites: dict[tuple[tuple[int, str], bool, float], QPixmap] = {}
        self._plain: list[tuple[object, float, float, float, float, tuple[int, str]]] = []
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setZValue(10)

    def set_markers(self, markers: list[MapMarker]) -> None:
        self.markers = {m.id: m for m in markers}
        self.points = {m.id: lonlat_point(m.lon, m.lat) for m in markers}
        self.offsets, self._spread = spread_offsets(self.points)
        none = QPointF()
        # what paint() reads for each marker, as plain numbers (the loop is the frame's cost)
        self._plain = [
            (
                m.id,
                self.points[m.id].x(),
                self.points[m.id].y(),
                self.offsets.get(m.id, none).x(),
                self.offsets.get(m.id, none).y(),
                (m.color.rgba(), m.shape.value),
            )
            for m in markers
        ]
        self.update()

    def set_highlighted(self, ids: frozenset[object]) -> None:
        self.highlighted = ids
        self.update()

    def update_colours(self, palette: QPalette) -> None:
        self._outline = palette.color(QPalette.ColorRole.WindowText)
        self._ring = palette.color(QPalette.ColorRole.Highlight)
        self._halo = palette.color(QPalette.ColorRole.Base)
        self._halo.setAlphaF(0.85)
        self._sprites.clear()
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def marker_at(self, scene: QPointF, pixel: float) -> object | None:
        """The marker drawn at a scene point (``pixel``: scene units per screen pixel), the
        highlighted and nearest first."""
        best: tuple[bool, float, object] | None = None
        none = QPointF()
        for marker_id, point in self.points.items():
            on = marker_id in self.highlighted
            reach = (HIGHLIGHT_RADIUS if on else MARKER_RADIUS) + 2  # pixels
            offset = self.offsets.get(marker_id, none)
            dx = (point.x() - scene.x()) / pixel + offset.x()
            dy = (point.y() - scene.y()) / pixel + offset.y()
            if abs(dx) <= reach and abs(dy) <= reach:
                distance = dx * dx + dy * dy
                if distance <= reach * reach:
                    key = (not on, distance, marker_id)
                    if best is None or key[:2] < best[:2]:
                        best = key
        return best[2] if best is not None else None

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        transform = painter.transform()
        pixel = 1 / max(transform.m11(), 1e-12)
        margin = (HIGHLIGHT_RADIUS + 4 + self._spread) * pixel
        exposed = option.exposedRect.adjusted(-margin, -margin, margin, margin)
        labelled = exposed.adjusted(-400 * pixel, 0, 0, 0)
        ratio = widget.devicePixelRatioF() if widget is not None else 1.0
        painter.save()
        painter.resetTransform()
        sx, sy, tx, ty = transform.m11(), transform.m22(), transform.dx(), transform.dy()
        left, top, right, bottom = (
            exposed.left(),
            exposed.top(),
            exposed.right(),
            exposed.bottom(),
        )
        highlighted, sprites = self.highlighted, self._sprites
        half = HIGHLIGHT_RADIUS + 3
        draw = painter.drawPixmap
        later = []
        for marker_id, x, y, ox, oy, look in self._plain:
            if marker_id in highlighted:
                later.append(marker_id)
            elif left <= x <= right and top <= y <= bottom:
                sprite = sprites.get((look, False, ratio))
                if sprite is None:
                    sprite = self._sprite_for(self.markers[marker_id], False, ratio)
                draw(QPointF(x * sx + tx + ox - half, y * sy + ty + oy - half), sprite)
        none = QPointF()
        for marker_id in later:
            point = self.points[marker_id]
            if not labelled.contains(point):
                continue
            at = transform.map(point) + self.offsets.get(marker_id, none)
            self._stamp(painter, self.markers[marker_id], at, True, ratio)
            self._label(painter, self.markers[marker_id].label, at)
        painter.restore()

    def _label(self, painter: QPainter, text: str, at: QPointF) -> None:
        """The label right of a highlighted marker, on a halo of the land's colour."""
        painter.setFont(self._font)
        metrics = painter.fontMetrics()
        box = QRectF(
            at.x() + HIGHLIGHT_RADIUS + 3,
            at.y() - metrics.height() / 2 - 1,
            metrics.horizontalAdvance(text) + 6,
            metrics.height() + 2,
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._halo)
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(self._outline)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _sprite_for(self, marker: MapMarker, highlighted: bool, ratio: float) -> QPixmap:
        key = ((marker.color.rgba(), marker.shape.value), highlighted, ratio)
        sprite = self._sprites.get(key)
        if sprite is None:
            sprite = self._sprites[key] = self._sprite(marker, highlighted, ratio)
        return sprite

    def _stamp(
        self, painter: QPainter, marker: MapMarker, at: QPointF, highlighted: bool, ratio: float
    ) -> None:
        sprite = self._sprite_for(marker, highlighted, ratio)
        half = HIGHLIGHT_RADIUS + 3
        painter.drawPixmap(QPointF(at.x() - half, at.y() - half), sprite)

    def _sprite(self, marker: MapMarker, highlighted: bool, ratio: float) -> QPixmap:
        size = 2 * (HIGHLIGHT_RADIUS + 3)
        sprite = QPixmap(round(size * ratio), round(size * ratio))
        sprite.setDevicePixelRatio(ratio)
        sprite.fill(Qt.GlobalColor.transparent)
        painter = QPainter(sprite)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = y = size / 2
        r = HIGHLIGHT_RADIUS if highlighted else MARKER_RADIUS
        if highlighted:
            painter.setPen(QPen(self._ring, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QRectF(x - r - 1.5, y - r - 1.5, 2 * r + 3, 2 * r + 3))
            r -= 2
        painter.setPen(QPen(self._outline, 1.2))
        painter.setBrush(QBrush(marker.color))
        if marker.shape == MarkerShape.SQUARE:
            side = r * 0.9
            painter.drawRect(QRectF(x - side, y - side, 2 * side, 2 * side))
        elif marker.shape == MarkerShape.DIAMOND:
            painter.drawPolygon(
                QPolygonF(
                    [QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r), QPointF(x - r, y)]
                )
            )
        else:
            painter.drawEllipse(QRectF(x - r, y - r, 2 * r, 2 * r))
        painter.end()
        return sprite


def spread_offsets(points: dict[object, QPointF]) -> tuple[dict[object, QPointF], float]:
    """Screen offsets that spread markers sharing a position (to the metre) on a circle around
    it, so each stays visible and clickable; and the largest offset, in pixels."""
    groups: dict[tuple[int, int], list[object]] = {}
    for marker_id, point in points.items():
        groups.setdefault((round(point.x()), round(point.y())), []).append(marker_id)
    offsets: dict[object, QPointF] = {}
    largest = 0.0
    for members in groups.values():
        if len(members) < 2:
            continue
        radius = max(2 * MARKER_RADIUS, 2.5 * len(members))
        largest = max(largest, radius)
        for index, marker_id in enumerate(members):
            angle = 2 * math.pi * index / len(members) - math.pi / 2
            offsets[marker_id] = QPointF(radius * math.cos(angle), radius * math.sin(angle))
    return offsets, largest


def class_breaks(
    values: Mapping[str, float], classes: int = len(RAMP)
) -> list[tuple[float, float]]:
    """Classes ``(low, high)`` of the positive values, by quantiles of the distinct values:
    each class holds about as many distinct values, the last ends at the maximum."""
    distinct = sorted({v for v in values.values() if v > 0})
    if not distinct:
        return []
    count = min(classes, len(distinct))
    bounds: list[tuple[float, float]] = []
    start = 0
    for index in range(count):
        end = round((index + 1) * len(distinct) / count) - 1
        bounds.append((distinct[start], distinct[end]))
        start = end + 1
    return bounds


def class_of(value: float, breaks: list[tuple[float, float]]) -> int | None:
    """Index of the class holding ``value``; None for zero or less."""
    if value <= 0:
        return None
    for index, (_, high) in enumerate(breaks):
        if value <= high:
            return index
    return len(breaks) - 1 if breaks else None


def ramp(count: int) -> list[QColor]:
    """``count`` colours spread over :data:`RAMP` (light to dark)."""
    if count <= 0:
        return []
    if count == 1:
        return [QColor(RAMP[-2])]
    return [QColor(RAMP[round(i * (len(RAMP) - 1) / (count - 1))]) for i in range(count)]


def choropleth_colors(values: Mapping[str, float], base: QColor) -> dict[str, QColor]:
    """The fill of each commune of ``values``: its class's colour, ``base`` for zero."""
    breaks = class_breaks(values)
    colours = ramp(len(breaks))
    fills: dict[str, QColor] = {}
    for code, value in values.items():
        index = class_of(value, breaks)
        fills[code] = base if index is None else colours[index]
    return fills


def choropleth_legend(values: Mapping[str, float]) -> list[tuple[QColor | None, str]]:
    """Legend lines ``(colour, text)`` of the classes, lowest first; ``None`` for « 0 »."""
    breaks = class_breaks(values)
    lines: list[tuple[QColor | None, str]] = [(None, "0")]
    for colour, (low, high) in zip(ramp(len(breaks)), breaks, strict=True):
        text = _number(low) if low == high else f"{_number(low)} – {_number(high)}"
        lines.append((colour, text))
    return lines


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")
