"""The map of the territory for the report: the communes coloured by a count, with a legend.

The outlines are the IGN ones the app's map widget draws (:mod:`guichet.reference.commune_shapes`,
Lambert-93, parsed once per process); a commune merged since 2018 draws its former communes in
the colour of the commune nouvelle. A count under 3 is never written: such a commune is drawn in
the class « 1 à 2 », which the legend names « < 3 ».
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from guichet.letters.fonts import BOLD, REGULAR, printable
from guichet.letters.page import fit
from guichet.letters.report_charts import new_drawing
from guichet.letters.report_document import ChoroplethMap
from guichet.reference.commune_shapes import commune_shapes

#: from « none » to the most active class (sequential blues, printable in grey)
SHADES = tuple(
    colors.HexColor(code) for code in ("#f2f2f2", "#deebf7", "#9ecae1", "#4292c6", "#08519c")
)
LEGEND_WIDTH = 42 * mm
SIZE = 7.0


def classes(values: list[int]) -> list[tuple[int, int]]:
    """Up to three classes (low, high) over the counts of 3 and more, by their quantiles."""
    counted = sorted(v for v in values if v >= 3)
    if not counted:
        return []
    bounds: list[tuple[int, int]] = []
    low = 3
    for quantile in (1 / 3, 2 / 3, 1.0):
        high = counted[min(len(counted) - 1, int(quantile * len(counted) + 0.5) - 1)]
        if high >= low:
            bounds.append((low, high))
            low = high + 1
    return bounds


def _shade(value: int, masked: bool, bounds: list[tuple[int, int]]) -> colors.Color:
    if masked:
        return SHADES[1]
    if value <= 0:
        return SHADES[0]
    for index, (_low, high) in enumerate(bounds):
        if value <= high:
            return SHADES[2 + index]
    return SHADES[-1]


def legend_labels(bounds: list[tuple[int, int]]) -> list[str]:
    labels = ["Aucune", "< 3"]
    for low, high in bounds:
        labels.append(str(low) if low == high else f"{low} à {high}")
    return labels


def choropleth(spec: ChoroplethMap, width: float, height: float = 115 * mm) -> Drawing:
    """The drawing: the title, the communes, the legend on the right and the credit below."""
    by_code = {area.code: area for area in spec.areas}
    shapes = [s for s in commune_shapes() if s.current_code in by_code or s.code in by_code]
    drawing = new_drawing(width, height)
    drawing.add(
        String(
            0,
            height - 9.5,
            fit(printable(spec.title), BOLD, 9.5, width),
            fontName=BOLD,
            fontSize=9.5,
        )
    )
    bounds = classes([a.value for a in spec.areas if not a.masked])
    if shapes:
        left = min(s.bounds[0] for s in shapes)
        bottom = min(s.bounds[1] for s in shapes)
        right = max(s.bounds[2] for s in shapes)
        top = max(s.bounds[3] for s in shapes)
        room_w, room_h = width - LEGEND_WIDTH - 6, height - 9.5 - 8 - 12
        scale = min(room_w / max(right - left, 1.0), room_h / max(top - bottom, 1.0))
        x0 = (room_w - (right - left) * scale) / 2
        y0 = 12 + (room_h - (top - bottom) * scale) / 2
        for shape in shapes:
            area = by_code.get(shape.current_code) or by_code[shape.code]
            fill = _shade(area.value, area.masked, bounds)
            for polygon in shape.polygons:
                points: list[float] = []
                for x, y in polygon[0]:
                    points += [x0 + (x - left) * scale, y0 + (y - bottom) * scale]
                drawing.add(
                    Polygon(points, fillColor=fill, strokeColor=colors.white, strokeWidth=0.4)
                )
    labels = legend_labels(bounds)
    legend_x = width - LEGEND_WIDTH
    legend_top = height - 9.5 - 14
    drawing.add(
        String(
            legend_x,
            legend_top,
            fit(printable(spec.legend_title), BOLD, SIZE, LEGEND_WIDTH),
            fontName=BOLD,
            fontSize=SIZE,
        )
    )
    for index, label in enumerate(labels):
        y = legend_top - 13 - index * 11
        drawing.add(
            Rect(
                legend_x,
                y - 1,
                9,
                7,
                fillColor=SHADES[index],
                strokeColor=colors.grey,
                strokeWidth=0.3,
            )
        )
        drawing.add(String(legend_x + 13, y, label, fontName=REGULAR, fontSize=SIZE))
    if spec.credit:
        drawing.add(
            String(
                0,
                0,
                fit(printable(spec.credit), REGULAR, 6, width),
                fontName=REGULAR,
                fontSize=6,
                fillColor=colors.HexColor("#555555"),
            )
        )
    return drawing
