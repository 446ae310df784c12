"""Lambert-93 (EPSG:2154): the official planar projection of metropolitan France.

The map of the territory draws the IGN commune outlines (WGS 84 longitude/latitude) in
Lambert-93 rather than in an equirectangular projection scaled by cos(latitude): it is the
projection IGN and every French map of a département use, it is conformal (shapes and angles are
kept, so a commune looks as on any official map) and its scale error over Seine-Maritime is below
0.1 %, while an equirectangular projection shears the north and south of the département
differently. It costs nothing measurable: the 33,648 points of the département project in about
30 ms, once per process.

The formulas are the Lambert conformal conic with two standard parallels on the GRS 80
ellipsoid (IGN, « Projection cartographique conique conforme de Lambert », NT/G 71), with the
parameters of RGF93 / Lambert-93. Coordinates are metres, x to the east and y to the north.
"""

from __future__ import annotations

import math

_A = 6378137.0  # GRS 80 semi-major axis
_F = 1 / 298.257222101  # GRS 80 flattening
_E = math.sqrt(2 * _F - _F * _F)  # first eccentricity
_LON0 = math.radians(3.0)
_LAT0 = math.radians(46.5)
_LAT1 = math.radians(44.0)
_LAT2 = math.radians(49.0)
X0 = 700_000.0
Y0 = 6_600_000.0


def _m(lat: float) -> float:
    return math.cos(lat) / math.sqrt(1 - (_E * math.sin(lat)) ** 2)


def _t(lat: float) -> float:
    s = _E * math.sin(lat)
    return math.tan(math.pi / 4 - lat / 2) / ((1 - s) / (1 + s)) ** (_E / 2)


_N = (math.log(_m(_LAT1)) - math.log(_m(_LAT2))) / (math.log(_t(_LAT1)) - math.log(_t(_LAT2)))
_AF = _A * _m(_LAT1) / (_N * _t(_LAT1) ** _N)
_RHO0 = _AF * _t(_LAT0) ** _N


def project(lon: float, lat: float) -> tuple[float, float]:
    """Lambert-93 ``(x, y)`` in metres of a WGS 84 / RGF93 point in degrees.

    RGF93 and WGS 84 differ by a few centimetres, far below the outlines' precision.
    """
    rho = _AF * _t(math.radians(lat)) ** _N
    theta = _N * (math.radians(lon) - _LON0)
    return X0 + rho * math.sin(theta), Y0 + _RHO0 - rho * math.cos(theta)


def project_ring(points: list[list[float]]) -> list[tuple[float, float]]:
    """:func:`project` over many ``[lon, lat]`` positions (the same formula, inlined: the
    département's 33,648 points take half the time of one call per point)."""
    e, half_e, n, af = _E, _E / 2, _N, _AF
    sin, cos, tan, radians, quarter = math.sin, math.cos, math.tan, math.radians, math.pi / 4
    out = []
    for position in points:
        lat = radians(position[1])
        s = e * sin(lat)
        rho = af * (tan(quarter - lat / 2) / ((1 - s) / (1 + s)) ** half_e) ** n
        theta = n * (radians(position[0]) - _LON0)
        out.append((X0 + rho * sin(theta), Y0 + _RHO0 - rho * cos(theta)))
    return out


def unproject(x: float, y: float) -> tuple[float, float]:
    """WGS 84 ``(lon, lat)`` in degrees of a Lambert-93 point (inverse of :func:`project`)."""
    dx, dy = x - X0, _RHO0 - (y - Y0)
    rho = math.copysign(math.hypot(dx, dy), _N)
    t = (rho / _AF) ** (1 / _N)
    lon = math.atan2(dx, dy) / _N + _LON0
    lat = math.pi / 2 - 2 * math.atan(t)
    for _ in range(12):
        s = _E * math.sin(lat)
        following = math.pi / 2 - 2 * math.atan(t * ((1 - s) / (1 + s)) ** (_E / 2))
        if abs(following - lat) < 1e-12:
            lat = following
            break
        lat = following
    return math.degrees(lon), math.degrees(lat)
