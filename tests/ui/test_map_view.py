"""The map widget: markers, click, hover, keyboard zoom and pan, the list beside it, choropleth."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from guichet.reference.commune_shapes import commune_point
from guichet.reference.communes import territory_insee_codes

from guichet.ui.widgets.map_layers import (
    MapMarker,
    MarkerShape,
    choropleth_colors,
    choropleth_legend,
    class_breaks,
    class_of,
)
from guichet.ui.widgets.map_panel import MapPanel

BOLBEC, LILLEBONNE = "76114", "76384"


def _marker(
    marker_id: int, code: str, label: str, shape: MarkerShape = MarkerShape.CIRCLE
) -> MapMarker:
    point = commune_point(code)
    assert point is not None
    return MapMarker(
        marker_id,
        point[0],
        point[1],
        QColor("#1b6e20"),
        label,
        f"Infobulle {label}",
        category="Disponible" if shape == MarkerShape.CIRCLE else "Pris",
        shape=shape,
        place=code,
    )


@pytest.fixture
def panel(qtbot: QtBot) -> MapPanel:
    panel = MapPanel()
    qtbot.addWidget(panel)
    panel.resize(1100, 700)
    panel.set_territory(territory_insee_codes())
    panel.set_markers(
        [
            _marker(1, BOLBEC, "Site de Bolbec"),
            _marker(2, LILLEBONNE, "Site de Lillebonne", MarkerShape.SQUARE),
        ]
    )
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_a_click_on_a_marker_emits_its_id(panel: MapPanel, qtbot: QtBot) -> None:
    view = panel.view
    with qtbot.waitSignal(panel.marker_activated) as clicked:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.marker_view_pos(2))
    assert clicked.args == [2]


def test_a_click_on_a_commune_emits_its_code(panel: MapPanel, qtbot: QtBot) -> None:
    view = panel.view
    with qtbot.waitSignal(panel.commune_activated) as clicked:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.commune_view_pos("76476")
        )
    assert clicked.args == ["76476"]


def test_a_drag_pans_without_clicking(panel: MapPanel, qtbot: QtBot) -> None:
    view = panel.view
    clicks: list[object] = []
    panel.marker_activated.connect(clicks.append)
    panel.commune_activated.connect(clicks.append)
    start = view.marker_view_pos(1)
    before = view.center_scene_point()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(view.viewport(), start + QPoint(20 * step, 0))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(100, 0))
    assert clicks == []
    assert view.center_scene_point().x() < before.x()  # dragged right: the map shows the west


def test_hover_names_the_commune_and_the_marker(panel: MapPanel, qtbot: QtBot) -> None:
    view = panel.view
    qtbot.mouseMove(view.viewport(), view.commune_view_pos("76476"))
    assert panel.hover_label.text() == "Port-Jérôme-sur-Seine"
    qtbot.mouseMove(view.viewport(), view.marker_view_pos(1))
    assert panel.hover_label.text() == "Site de Bolbec — Bolbec"
    assert view.viewport().toolTip() == "Infobulle Site de Bolbec"


def test_keyboard_zoom_pan_and_fit(panel: MapPanel, qtbot: QtBot) -> None:
    view = panel.view
    view.setFocus()
    fitted = view.zoom()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.zoom() > fitted
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    zoomed = view.zoom()
    assert zoomed > fitted
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.zoom() < zoomed
    centre = view.center_scene_point()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.center_scene_point().x() > centre.x()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.center_scene_point().y() > centre.y()  # south
    assert panel.hover_label.text()  # the commune at the centre is announced
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(fitted)


def test_the_wheel_zooms_around_the_pointer(panel: MapPanel) -> None:
    view = panel.view
    fitted = view.zoom()
    pos = view.marker_view_pos(1)
    for delta in (120, -240):
        event = QWheelEvent(
            QPointF(pos),
            QPointF(view.viewport().mapToGlobal(pos)),
            QPoint(),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(view.viewport(), event)
        if delta > 0:
            assert view.zoom() == pytest.approx(fitted * 1.25)
            assert (view.marker_view_pos(1) - pos).manhattanLength() <= 2  # stays under it
    assert view.zoom() == pytest.approx(max(1.0, fitted / 1.25))


def test_enter_opens_what_is_at_the_centre(panel: MapPanel, qtbot: QtBot) -> None:
    view = panel.view
    view.center_on_marker(2)  # as moving through the list does
    view.setFocus()
    with qtbot.waitSignal(panel.marker_activated) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args == [2]


def test_zoom_stays_within_bounds(panel: MapPanel, qtbot: QtBot) -> None:
    view = panel.view
    for _ in range(60):
        qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.zoom() == pytest.approx(1.0)  # the whole département, no further
    for _ in range(60):
        qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.zoom() == pytest.approx(60.0)


def test_the_map_is_named_and_tab_leaves_it(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    panel = MapPanel()
    after = QLineEdit()
    layout.addWidget(panel)
    layout.addWidget(after)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    assert panel.view.accessibleName() == "Carte du territoire"
    assert "flèches" in panel.view.accessibleDescription()
    panel.view.setFocus()
    highlight = panel.view.palette().color(QPalette.ColorRole.Highlight)

    def edge() -> QColor:
        return panel.view.viewport().grab().toImage().pixelColor(2, panel.view.height() // 2)

    assert edge() == highlight  # the focus is seen
    qtbot.keyClick(panel.view, Qt.Key.Key_Tab)
    assert panel.list.hasFocus()
    assert edge() != highlight
    qtbot.keyClick(panel.list, Qt.Key.Key_Tab)
    assert after.hasFocus()
    for button in (panel.zoom_in_button, panel.zoom_out_button, panel.fit_button):
        assert button.accessibleName() or button.text()
    assert panel.list.accessibleName() == "Liste des points de la carte"


def test_the_list_shows_the_markers_and_opens_them(panel: MapPanel, qtbot: QtBot) -> None:
    qtbot_model = qtbot
    assert [m.label for m in panel.marker_model.rows()] == ["Site de Bolbec", "Site de Lillebonne"]
    panel.list.setCurrentIndex(panel.list.model().index(1, 0))
    assert panel.view.hover_text() == "Site de Lillebonne — Lillebonne"  # centred, announced
    with qtbot_model.waitSignal(panel.marker_activated) as opened:
        qtbot_model.keyClick(panel.list, Qt.Key.Key_Return)
    assert opened.args == [2]
    assert panel.legend_texts() == ["Disponible", "Pris"]


def test_the_list_models_pass_the_model_tester(panel: MapPanel, qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(panel.marker_model)
    panel.set_choropleth({BOLBEC: 12, LILLEBONNE: 3}, "Demandes")
    qtmodeltester.check(panel.commune_model)


def test_highlighted_markers_are_found_first(panel: MapPanel) -> None:
    first = _marker(1, BOLBEC, "A")
    near = replace(_marker(2, BOLBEC, "B"), lon=first.lon + 0.00005)  # 4 m apart: overlapping
    panel.set_markers([first, near])
    panel.set_highlighted({2})
    assert panel.view.highlighted() == frozenset({2})
    assert panel.view.describe(panel.view.marker_view_pos(1))[1] == 2


def test_markers_at_the_same_place_are_spread_and_each_clickable(panel: MapPanel) -> None:
    panel.set_markers([_marker(i, BOLBEC, f"Lot {i}") for i in range(1, 6)])
    positions = [panel.view.marker_view_pos(i) for i in range(1, 6)]
    assert len(set((p.x(), p.y()) for p in positions)) == 5
    for marker_id, pos in enumerate(positions, start=1):
        assert panel.view.describe(pos)[1] == marker_id


def test_choropleth_hover_shows_the_count_and_the_legend_its_classes(qtbot: QtBot) -> None:
    panel = MapPanel()
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.set_territory(territory_insee_codes())
    panel.set_choropleth({BOLBEC: 12, LILLEBONNE: 3, "76476": 0}, "Demandes")
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.mouseMove(panel.view.viewport(), panel.view.commune_view_pos(BOLBEC))
    assert panel.hover_label.text() == "Bolbec : 12"
    qtbot.mouseMove(panel.view.viewport(), panel.view.commune_view_pos("76476"))
    assert panel.hover_label.text() == "Port-Jérôme-sur-Seine : 0"
    assert panel.legend_texts() == ["Demandes :", "0", "3", "12"]
    assert [r.name for r in panel.commune_model.rows()] == [
        "Bolbec",
        "Lillebonne",
        "Port-Jérôme-sur-Seine",
    ]
    assert panel.commune_model.headerData(1, Qt.Orientation.Horizontal) == "Demandes"
    assert panel.list.model().sourceModel() is panel.commune_model  # type: ignore[attr-defined]


def test_class_breaks_split_the_distinct_values() -> None:
    values = {str(i): float(i) for i in range(0, 11)}
    breaks = class_breaks(values)
    assert breaks == [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10)]
    assert class_of(0, breaks) is None and class_of(1, breaks) == 0 and class_of(10, breaks) == 4
    assert class_breaks({"a": 0}) == []
    assert class_breaks({"a": 4, "b": 4, "c": 9}) == [(4, 4), (9, 9)]
    base = QColor("white")
    fills = choropleth_colors({"a": 0, "b": 4, "c": 9}, base)
    assert fills["a"] == base and fills["b"] != fills["c"]
    assert [text for _, text in choropleth_legend({"a": 1, "b": 5, "c": 7, "d": 20})] == [
        "0",
        "1",
        "5",
        "7",
        "20",
    ]
    assert [t for _, t in choropleth_legend({str(i): i for i in range(1, 21)})][1] == "1 – 4"
