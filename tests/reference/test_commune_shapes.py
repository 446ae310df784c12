"""Commune outlines: Lambert-93 projection, GeoJSON parsing, the shipped file read once."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guichet.errors import ValidationError
from guichet.reference import commune_shapes as shapes_module
from guichet.reference.commune_shapes import (
    commune_at,
    commune_point,
    commune_shape,
    commune_shapes,
    parse_shapes,
)
from guichet.reference.communes import all_communes, territory_insee_codes
from guichet.reference.lambert93 import X0, Y0, project, unproject

# Metropolitan France, where Lambert-93 is defined.
lons = st.floats(min_value=-5.5, max_value=10.0)
lats = st.floats(min_value=41.0, max_value=51.5)


def test_the_projection_origin_and_a_known_point() -> None:
    assert project(3.0, 46.5) == pytest.approx((X0, Y0), abs=1e-6)
    # Paris, Notre-Dame: IGN's converter gives 652 469 / 6 862 035 (to the metre).
    assert project(2.3522, 48.8566) == pytest.approx((652_469, 6_862_035), abs=2)


@given(lons, lats)
def test_unproject_inverts_project(lon: float, lat: float) -> None:
    back = unproject(*project(lon, lat))
    assert back == pytest.approx((lon, lat), abs=1e-9)


@given(lons, lats)
def test_east_is_right_and_north_is_up(lon: float, lat: float) -> None:
    x, y = project(lon, lat)
    east, north = project(lon + 0.01, lat), project(lon, lat + 0.01)
    assert east[0] > x and north[1] > y


@given(lons, lats)
def test_the_projection_is_conformal(lon: float, lat: float) -> None:
    """Equal scale along the meridian and the parallel (shapes are kept, unlike plate carrée)."""
    x, y = project(lon, lat)
    step = 1e-4
    ex, ey = project(lon + step, lat)
    nx, ny = project(lon, lat + step)
    # metres of a degree on the GRS 80 ellipsoid at this latitude
    a, e2 = 6378137.0, 0.0066943800229
    s2 = math.sin(math.radians(lat)) ** 2
    parallel = math.radians(step) * a * math.cos(math.radians(lat)) / math.sqrt(1 - e2 * s2)
    meridian = math.radians(step) * a * (1 - e2) / (1 - e2 * s2) ** 1.5
    assert math.hypot(ex - x, ey - y) / parallel == pytest.approx(
        math.hypot(nx - x, ny - y) / meridian, rel=1e-5
    )
    # and the directions stay perpendicular
    cosine = ((ex - x) * (nx - x) + (ey - y) * (ny - y)) / (parallel * meridian)
    assert abs(cosine) < 1e-5


def _collection(*geometries: dict[str, object]) -> str:
    features = [
        {"type": "Feature", "properties": {"code": f"7699{i}", "nom": f"C{i}"}, "geometry": g}
        for i, g in enumerate(geometries)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features})


square = [[0.0, 49.0], [0.1, 49.0], [0.1, 49.1], [0.0, 49.1], [0.0, 49.0]]
hole = [[0.04, 49.04], [0.06, 49.04], [0.06, 49.06], [0.04, 49.06], [0.04, 49.04]]


def test_polygons_with_holes_and_multipolygons() -> None:
    far = [[x + 1, y] for x, y in square]
    polygon, multi = parse_shapes(
        _collection(
            {"type": "Polygon", "coordinates": [square, hole]},
            {"type": "MultiPolygon", "coordinates": [[square], [far]]},
        )
    )
    assert len(polygon.polygons) == 1 and len(polygon.polygons[0]) == 2
    assert len(polygon.polygons[0][0]) == 4  # the closing point is not repeated
    assert polygon.contains(*project(0.02, 49.02))
    assert not polygon.contains(*project(0.05, 49.05))  # in the hole
    assert len(multi.polygons) == 2
    assert multi.contains(*project(1.05, 49.05)) and multi.contains(*project(0.05, 49.05))
    assert not multi.contains(*project(0.5, 49.05))
    # west of 3° E the meridians lean: the south-west corner is the westmost point
    assert multi.bounds[0] == pytest.approx(project(0.0, 49.0)[0])
    assert multi.bounds[2] == pytest.approx(project(1.1, 49.1)[0])


def _projected(point: tuple[float, float]) -> tuple[float, float]:
    """Generated points must be distinct once projected: 0.0 and 1e-211 are two longitudes but
    one Lambert-93 point, and a ring whose last point is its first is closed (repeat dropped)."""
    return project(*point)


@given(
    st.lists(
        st.tuples(st.floats(-1.0, 2.0), st.floats(49.0, 50.5)),
        min_size=3,
        max_size=12,
        unique_by=_projected,
    )
)
def test_any_ring_is_parsed_to_its_projected_points(points: list[tuple[float, float]]) -> None:
    ring = [list(p) for p in points]
    (shape,) = parse_shapes(_collection({"type": "Polygon", "coordinates": [ring]}))
    assert shape.polygons[0][0] == tuple(project(lon, lat) for lon, lat in points)
    xs = [x for x, _ in shape.polygons[0][0]]
    assert shape.bounds[0] == min(xs) and shape.bounds[2] == max(xs)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "JSON lisible"),
        ('{"type": "Feature"}', "FeatureCollection"),
        ('{"type": "FeatureCollection"}', "aucune commune"),
        ('{"type": "FeatureCollection", "features": [1]}', "n° 1 .*Feature"),
        (_collection({"type": "Point", "coordinates": [0, 49]}), "« Point » non prise en charge"),
        (_collection({"type": "Polygon", "coordinates": [[[0, 49], [1, 49]]]}), "coordonnées"),
        (_collection({"type": "Polygon", "coordinates": [[[0, 95], [1, 49], [1, 50]]]}), "C0"),
        (_collection({"type": "Polygon", "coordinates": [[["a", 49]]]}), "coordonnées"),
        (_collection({"type": "MultiPolygon", "coordinates": []}), "coordonnées"),
    ],
)
def test_malformed_geojson_is_explained_in_french(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_shapes(text)


def test_missing_properties_are_named() -> None:
    data = json.loads(_collection({"type": "Polygon", "coordinates": [square]}))
    del data["features"][0]["properties"]["code"]
    with pytest.raises(ValidationError, match="code INSEE ou nom absent"):
        parse_shapes(json.dumps(data))


def test_the_shipped_outlines_cover_every_current_commune() -> None:
    shapes = commune_shapes()
    assert len(shapes) == 711
    current = {shape.current_code for shape in shapes}
    assert {c.insee for c in all_communes()} <= current
    assert territory_insee_codes() <= current
    havre = commune_shape("76351")
    assert havre is not None and havre.name == "Le Havre"
    cressy = commune_shape("76191")
    assert cressy is not None and cressy.current_code != "76191"
    assert cressy.name.startswith("Cressy (")


def test_the_file_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    shapes_module.commune_shapes.cache_clear()
    shapes_module._by_code.cache_clear()
    calls: list[int] = []
    real = shapes_module.parse_shapes

    def counting(text: str | bytes) -> list[shapes_module.CommuneShape]:
        calls.append(1)
        return real(text)

    monkeypatch.setattr(shapes_module, "parse_shapes", counting)
    first = commune_shapes()
    assert commune_shape("76540") is not None and commune_shapes() is first
    assert len(calls) == 1


def test_a_point_of_a_commune_is_found_back_in_it() -> None:
    for shape in commune_shapes():  # concave and multi-part communes included
        assert shape.contains(*shape.inner_point()), shape.name
    for code in sorted(territory_insee_codes()):
        point = commune_point(code)
        assert point is not None
        found = commune_at(*point)
        assert found is not None and found.current_code == code
    assert commune_at(2.35, 48.85) is None  # Paris
    assert commune_point("99999") is None
