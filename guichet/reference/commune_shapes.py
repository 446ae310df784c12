"""Outlines of the communes of Seine-Maritime (IGN Admin Express COG 2018), projected once.

The shipped GeoJSON (``resources/reference/communes_76_contours.geojson``, 711 features) is parsed
and projected to Lambert-93 the first time a map asks for it, then kept for the life of the
process (:func:`commune_shapes`): about 50 ms in all (25 ms of JSON, 25 ms of projection), too
little to justify a second, derived cache file that could go stale.

Four features are communes merged since 2018 (Cressy, Le Héron, Sévis, Veauville-lès-Baons): their
``current_code`` is the commune nouvelle they now belong to (COG 2026), so a map colouring
communes by current code colours them with it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from guichet.errors import ValidationError
from guichet.reference.communes import commune, current_insee
from guichet.reference.lambert93 import project, project_ring, unproject
from guichet.reference.paths import reference_file

SHAPES_FILE = "communes_76_contours.geojson"
#: Credit line required by the licence of the outlines, shown under every map.
CREDIT = "Source : IGN — Admin Express COG 2018 ; INSEE"

Point = tuple[float, float]
#: A closed ring of Lambert-93 points (the first point is not repeated at the end).
Ring = tuple[Point, ...]
#: A polygon: its outer ring, then its holes.
Polygon = tuple[Ring, ...]


@dataclass(frozen=True, slots=True)
class CommuneShape:
    """One commune's outline in Lambert-93 metres (x east, y north)."""

    code: str
    #: the COG 2026 name (« Le Havre », where IGN 2018 wrote « Havre »); a commune merged since
    #: 2018 is named with its commune nouvelle: « Cressy (Bosc-Mesnil) »
    name: str
    #: the current INSEE code (the commune nouvelle for a commune merged since 2018)
    current_code: str
    polygons: tuple[Polygon, ...]
    #: (min x, min y, max x, max y)
    bounds: tuple[float, float, float, float]

    def rings(self) -> Iterable[Ring]:
        """Every ring of every polygon, outer rings and holes."""
        for polygon in self.polygons:
            yield from polygon

    def contains(self, x: float, y: float) -> bool:
        """True when the Lambert-93 point is inside the outline (even-odd rule, holes excluded)."""
        left, bottom, right, top = self.bounds
        if not (left <= x <= right and bottom <= y <= top):
            return False
        inside = False
        for ring in self.rings():
            if _crossings(ring, x, y) % 2:
                inside = not inside
        return inside

    def inner_point(self) -> Point:
        """A Lambert-93 point inside the commune: the centroid of its largest polygon when it
        falls inside, else the middle of the widest horizontal chord through that polygon."""
        outer = max((p[0] for p in self.polygons), key=lambda r: abs(_area(r)))
        cx, cy = _centroid(outer)
        if self.contains(cx, cy):
            return cx, cy
        xs = sorted(_chord_xs(outer, cy))
        pairs = list(zip(xs[::2], xs[1::2], strict=False))
        start, end = max(pairs, key=lambda p: p[1] - p[0])
        return (start + end) / 2, cy


def parse_shapes(text: str | bytes) -> list[CommuneShape]:
    """Parse a GeoJSON FeatureCollection of communes (properties ``code`` and ``nom``).

    Raises:
        ValidationError: the text is not such a GeoJSON (the message says where, in French).
    """
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError(
            "Le fichier des contours des communes n'est pas un JSON lisible.", detail=str(exc)
        ) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValidationError(
            "Le fichier des contours des communes n'est pas une collection GeoJSON "
            "(« FeatureCollection » attendue)."
        )
    features = data.get("features")
    if not isinstance(features, list):
        raise ValidationError("Le fichier des contours des communes ne contient aucune commune.")
    return [_feature(feature, index) for index, feature in enumerate(features, start=1)]


def _feature(feature: object, index: int) -> CommuneShape:
    where = f"Commune n° {index} du fichier des contours"
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise ValidationError(f"{where} : ce n'est pas un objet « Feature ».")
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        raise ValidationError(f"{where} : propriétés absentes.")
    code, name = properties.get("code"), properties.get("nom")
    if not isinstance(code, str) or not code.strip() or not isinstance(name, str):
        raise ValidationError(f"{where} : code INSEE ou nom absent.")
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict):
        raise ValidationError(f"{where} ({name}) : géométrie absente.")
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    try:
        if kind == "Polygon":
            polygons: tuple[Polygon, ...] = (_polygon(coordinates),)
        elif kind == "MultiPolygon":
            if not isinstance(coordinates, list) or not coordinates:
                raise ValueError("empty MultiPolygon")
            polygons = tuple(_polygon(p) for p in coordinates)
        else:
            raise ValidationError(
                f"{where} ({name}) : géométrie « {kind} » non prise en charge "
                "(Polygon ou MultiPolygon attendu)."
            )
    except (ValueError, TypeError) as exc:
        raise ValidationError(
            f"{where} ({name}) : coordonnées invalides (longitude, latitude en degrés attendues).",
            detail=str(exc),
        ) from exc
    xs = [x for polygon in polygons for ring in polygon for x, _ in ring]
    ys = [y for polygon in polygons for ring in polygon for _, y in ring]
    code = code.strip()
    current_code = current_insee(code) or code
    current = commune(current_code)
    if current is not None:
        name = current.name if current_code == code else f"{name.strip()} ({current.name})"
    return CommuneShape(
        code=code,
        name=name.strip(),
        current_code=current_code,
        polygons=polygons,
        bounds=(min(xs), min(ys), max(xs), max(ys)),
    )


def _polygon(rings: object) -> Polygon:
    if not isinstance(rings, list) or not rings:
        raise ValueError("a polygon needs at least one ring")
    return tuple(_ring(ring) for ring in rings)


def _ring(points: object) -> Ring:
    if not isinstance(points, list):
        raise ValueError("a ring is a list of positions")
    for position in points:
        if not isinstance(position, list | tuple) or len(position) < 2:
            raise ValueError(f"bad position {position!r}")
        lon, lat = position[0], position[1]
        if not (
            isinstance(lon, int | float)
            and isinstance(lat, int | float)
            and -180 <= lon <= 180
            and -90 < lat < 90
        ):
            raise ValueError(f"position out of range {position!r}")
    projected = project_ring(points)
    if len(projected) > 1 and projected[0] == projected[-1]:
        projected.pop()
    if len(projected) < 3:
        raise ValueError("a ring needs at least three distinct positions")
    return tuple(projected)


def _crossings(ring: Ring, x: float, y: float) -> int:
    count = 0
    previous = ring[-1]
    for point in ring:
        (x1, y1), (x2, y2) = previous, point
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            count += 1
        previous = point
    return count


def _chord_xs(ring: Ring, y: float) -> list[float]:
    xs = []
    previous = ring[-1]
    for point in ring:
        (x1, y1), (x2, y2) = previous, point
        if (y1 > y) != (y2 > y):
            xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
        previous = point
    return xs


def _area(ring: Sequence[Point]) -> float:
    return (
        sum(
            x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, (*ring[1:], ring[0]), strict=True)
        )
        / 2
    )


def _centroid(ring: Ring) -> Point:
    area = _area(ring)
    if area == 0:
        return sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring)
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, (*ring[1:], ring[0]), strict=True):
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cx / (6 * area), cy / (6 * area)


@cache
def commune_shapes() -> tuple[CommuneShape, ...]:
    """The 711 outlines of the shipped file, parsed and projected once per process."""
    return tuple(parse_shapes(reference_file(SHAPES_FILE).read_bytes()))


@cache
def _by_code() -> dict[str, CommuneShape]:
    return {shape.code: shape for shape in commune_shapes()}


def commune_shape(code: str) -> CommuneShape | None:
    """The outline of a commune by its INSEE code (the 2018 code of a merged commune works)."""
    shapes = _by_code()
    code = (code or "").strip()
    return shapes.get(code) or shapes.get(current_insee(code) or "")


def commune_at(lon: float, lat: float) -> CommuneShape | None:
    """The commune of Seine-Maritime holding a WGS 84 point, or None outside the département."""
    x, y = project(lon, lat)
    return next((shape for shape in commune_shapes() if shape.contains(x, y)), None)


def commune_point(code: str) -> Point | None:
    """A WGS 84 ``(lon, lat)`` inside the commune (to place something on it), or None."""
    shape = commune_shape(code)
    return unproject(*shape.inner_point()) if shape else None
