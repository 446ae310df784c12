"""The map of the territory: first paint and pan frames, against an empty QGraphicsView.

Draws the département's 711 commune outlines (the whole shipped file, parsed and projected
from scratch: the cache is cleared first) and 500 markers spread over random communes, in a
1280×800 window, then pans it by a few pixels ``BENCH_FRAMES`` times and times each frame
(scroll + the paint it triggers, flushed to the screen). The floor is an empty
``QGraphicsView`` of the same size and flags, shown and panned the same way in the same run.
Pan frames are measured with the whole département in view (every commune painted) and
zoomed on the territory (×4). Run under Xvfb (``make bench``); the last line is JSON
(goal: ``pan_frame_ms`` under 16).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import time
from collections.abc import Callable

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView

from guichet.reference import commune_shapes as shapes
from guichet.reference.communes import territory_insee_codes

from guichet.ui.widgets.map_layers import CommuneItem, MapMarker, MarkerShape
from guichet.ui.widgets.map_view import MapView

FRAMES = int(os.environ.get("BENCH_FRAMES", "120"))
MARKERS = 500
SIZE = (1280, 800)
SEED = 20261205


def _settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def _frames(app: QApplication, view: QGraphicsView, pan: Callable[[int, int], None]) -> list[float]:
    times = []
    for index in range(FRAMES):
        direction = 1 if (index // 10) % 2 == 0 else -1
        start = time.perf_counter()
        pan(7 * direction, 4 * direction)
        app.processEvents()  # the paint of the uncovered strip, flushed
        times.append((time.perf_counter() - start) * 1000)
    return times


def _scroll(view: QGraphicsView) -> Callable[[int, int], None]:
    def pan(dx: int, dy: int) -> None:
        view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + dx)
        view.verticalScrollBar().setValue(view.verticalScrollBar().value() + dy)

    return pan


def _markers(rng: random.Random) -> list[MapMarker]:
    codes = sorted({s.current_code for s in shapes.commune_shapes()})
    kinds = [
        ("Disponible", "#1b6e20", MarkerShape.CIRCLE),
        ("Disponible plus tard", "#b36b00", MarkerShape.DIAMOND),
        ("Pris", "#6f6f6f", MarkerShape.SQUARE),
    ]
    markers = []
    for index in range(MARKERS):
        point = shapes.commune_point(rng.choice(codes))
        assert point is not None
        category, colour, shape = rng.choice(kinds)
        markers.append(
            MapMarker(
                index,
                point[0] + rng.uniform(-0.004, 0.004),
                point[1] + rng.uniform(-0.004, 0.004),
                QColor(colour),
                f"Site {index}",
                category=category,
                shape=shape,
            )
        )
    return markers


def _p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95) - 1]


def main() -> None:
    app = QApplication([])
    rng = random.Random(SEED)

    floor_scene = QGraphicsScene()
    floor_scene.setSceneRect(QRectF(0, 0, SIZE[0] * 4, SIZE[1] * 4))
    floor = QGraphicsView(floor_scene)
    floor.setRenderHint(QPainter.RenderHint.Antialiasing)
    floor.resize(*SIZE)
    start = time.perf_counter()
    floor.show()
    floor.viewport().repaint()
    _settle(app)
    floor_first = (time.perf_counter() - start) * 1000
    floor.centerOn(SIZE[0] * 2, SIZE[1] * 2)
    _settle(app)
    floor_frames = _frames(app, floor, _scroll(floor))
    floor.close()

    shapes.commune_shapes.cache_clear()
    shapes._by_code.cache_clear()
    start = time.perf_counter()
    parsed = shapes.commune_shapes()
    parse_ms = (time.perf_counter() - start) * 1000
    markers = _markers(rng)
    shapes.commune_shapes.cache_clear()  # first paint includes the parse, as in the app
    shapes._by_code.cache_clear()

    start = time.perf_counter()
    view = MapView()
    view.resize(*SIZE)
    view.set_markers(markers)
    view.show()
    view.fit()
    view.viewport().repaint()
    _settle(app)
    first_paint = (time.perf_counter() - start) * 1000
    whole = _frames(app, view, view.pan_by)

    view.set_territory(territory_insee_codes())
    view.fit()
    view.zoom_by(4.0)
    _settle(app)
    zoomed = _frames(app, view, view.pan_by)

    full = []
    for _ in range(20):
        start = time.perf_counter()
        view.viewport().repaint()
        full.append((time.perf_counter() - start) * 1000)

    # the same zoomed pans with device-coordinate caches on the communes (the option not taken)
    for item in view.scene().items():
        if isinstance(item, CommuneItem):
            item.setCacheMode(item.CacheMode.DeviceCoordinateCache)
    _settle(app)
    cached = _frames(app, view, view.pan_by)

    pan_frame = statistics.median(whole)
    floor_ms = statistics.median(floor_frames)
    print(f"communes: {len(parsed)} outlines, parsed and projected in {parse_ms:.0f} ms")
    print(
        f"first paint: map {first_paint:.0f} ms (parse included), empty view {floor_first:.1f} ms"
    )
    print(
        f"pan frame, whole département: median {pan_frame:.2f} ms, p95 {_p95(whole):.2f} ms; "
        f"zoomed ×4: median {statistics.median(zoomed):.2f} ms, p95 {_p95(zoomed):.2f} ms"
    )
    print(
        f"pan frame, empty view (floor): median {floor_ms:.2f} ms, p95 {_p95(floor_frames):.2f} ms"
    )
    print(f"full repaint, zoomed ×4: median {statistics.median(full):.1f} ms")
    print(f"pan frame zoomed ×4, communes cached: median {statistics.median(cached):.2f} ms")
    print(
        json.dumps(
            {
                "first_paint_ms": round(first_paint, 1),
                "pan_frame_ms": round(pan_frame, 2),
                "floor_ms": round(floor_ms, 2),
                "pan_frame_p95_ms": round(_p95(whole), 2),
                "pan_frame_zoomed_ms": round(statistics.median(zoomed), 2),
                "full_repaint_ms": round(statistics.median(full), 1),
                "pan_frame_zoomed_cached_ms": round(statistics.median(cached), 2),
                "parse_ms": round(parse_ms, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
