"""The report's charts, drawn with ``reportlab.graphics`` (vector, in the PDF itself).

Every label is set in the embedded DejaVu Sans (a chart left to its defaults would name
Helvetica, a font the PDF does not embed) and goes through :func:`printable`. A value ``None``
(no data, or a count under 3 kept confidential) draws no bar and no point.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.units import mm
from reportlab.lib.validators import isString

from guichet.letters.fonts import BOLD, REGULAR, printable
from guichet.letters.page import fit
from guichet.letters.report_document import BarChart, LineChart

#: colour-blind-safe palette (Okabe–Ito), dark enough on white paper
PALETTE = tuple(
    colors.HexColor(code)
    for code in ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999")
)
TITLE_SIZE = 9.5
LABEL_SIZE = 7.0
LEGEND_ROW = 10.0


class _Drawing(Drawing):
    """A drawing whose initial state names the embedded font: the renderer starts every drawing
    with a ``setFont`` of its default (Helvetica), which the PDF would then reference without
    embedding it."""

    _attrMap = AttrMap(BASE=Drawing, initialFontName=AttrMapValue(isString))


def new_drawing(width: float, height: float) -> Drawing:
    drawing = _Drawing(width, height)
    drawing.initialFontName = REGULAR
    return drawing


def colour(index: int) -> colors.Color:
    return PALETTE[index % len(PALETTE)]


def _title(drawing: Drawing, text: str, width: float) -> None:
    drawing.add(
        String(
            0,
            drawing.height - TITLE_SIZE,
            fit(printable(text), BOLD, TITLE_SIZE, width),
            fontName=BOLD,
            fontSize=TITLE_SIZE,
        )
    )


def _legend(drawing: Drawing, names: list[str], y: float) -> None:
    if len(names) < 2:
        return
    legend = Legend()
    legend.x, legend.y = 0, y
    legend.fontName, legend.fontSize = REGULAR, LABEL_SIZE
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.dx, legend.dy, legend.deltax = 7, 7, 4
    legend.dxTextSpace = 3
    legend.colorNamePairs = [(colour(i), printable(n)) for i, n in enumerate(names)]
    legend.boxAnchor = "nw"
    legend.autoXPadding = 10
    drawing.add(legend)


def _scale(values: list[float], percent: bool) -> tuple[float, float]:
    """The value axis's top and its step: round numbers over the largest value."""
    if percent:
        return 100.0, 20.0
    top = max(values, default=0.0)
    if top <= 5:
        return 5.0, 1.0
    magnitude = 10 ** (len(str(int(top))) - 1)
    for step in (magnitude / 5, magnitude / 2, magnitude, magnitude * 2):
        if top / step <= 6:
            return step * (int(top / step) + 1), step
    return top, top / 5


def bar_chart(chart: BarChart, width: float, height: float = 62 * mm) -> Drawing:
    """Grouped bars, one colour per series; horizontal bars for long category names."""
    names = [s.name for s in chart.series]
    legend_height = LEGEND_ROW + 2 if len(names) > 1 else 0
    categories = [printable(c) for c in chart.categories]
    if chart.horizontal:
        height = 13 * len(categories) * max(len(names), 1) + 30 + legend_height
    drawing = new_drawing(width, height)
    _title(drawing, chart.title, width)
    data = [[v if v is not None else 0 for v in s.values] for s in chart.series] or [[0]]
    top, step = _scale([v for row in data for v in row], percent=False)
    plot = HorizontalBarChart() if chart.horizontal else VerticalBarChart()
    label_room = 0.0
    if chart.horizontal:
        label_room = min(width * 0.38, max((len(c) for c in categories), default=4) * 4.2 + 6)
        categories = [fit(c, REGULAR, LABEL_SIZE, label_room - 6) for c in categories]
    rotated = not chart.horizontal and len(categories) > 8
    plot.x = label_room + (0 if chart.horizontal else 24)
    plot.y = (40 if rotated else 16 if chart.horizontal else 22) + legend_height
    plot.width = width - plot.x - 6
    plot.height = height - plot.y - TITLE_SIZE - 10
    plot.data = data
    plot.categoryAxis.categoryNames = categories
    plot.categoryAxis.labels.fontName = REGULAR
    plot.categoryAxis.labels.fontSize = LABEL_SIZE
    plot.valueAxis.labels.fontName = REGULAR
    plot.valueAxis.labels.fontSize = LABEL_SIZE
    plot.valueAxis.valueMin, plot.valueAxis.valueMax, plot.valueAxis.valueStep = 0, top, step
    plot.valueAxis.labelTextFormat = lambda v: f"{v:.0f}"
    plot.valueAxis.visibleGrid = True
    plot.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    plot.barLabels.fontName = REGULAR
    plot.barLabels.fontSize = LABEL_SIZE - 0.5
    if chart.horizontal:
        plot.categoryAxis.reverseDirection = True
        plot.categoryAxis.labels.boxAnchor = "e"
        plot.categoryAxis.labels.dx = -3
    elif rotated:
        plot.categoryAxis.labels.angle = 45
        plot.categoryAxis.labels.boxAnchor = "ne"
        plot.categoryAxis.labels.dy = -2
    plot.categoryAxis.labels.fillColor = colors.black
    plot.barSpacing = 0.5
    plot.groupSpacing = 4
    for index in range(len(data)):
        plot.bars[index].fillColor = colour(index)
        plot.bars[index].strokeColor = None
    drawing.add(plot)
    _legend(drawing, names, legend_height)
    return drawing


def _draw_line(
    drawing: Drawing,
    plot: HorizontalLineChart,
    values: tuple[float | None, ...],
    count: int,
    stroke: colors.Color,
) -> None:
    """One series: a dot per value, joined where consecutive months both have one (a month
    without a value, or measured on fewer than 3 cases, leaves a gap)."""
    run: list[float] = []

    def flush() -> None:
        if len(run) >= 4:
            drawing.add(PolyLine(list(run), strokeColor=stroke, strokeWidth=1.4))
        run.clear()

    for index, value in enumerate(values):
        if value is None:
            flush()
            continue
        x = plot.x + plot.width * (index + 0.5) / count
        y = plot.y + plot.height * max(0.0, min(value, 100.0)) / 100
        run += [x, y]
        drawing.add(Circle(x, y, 1.6, fillColor=stroke, strokeColor=None))
    flush()


def line_chart(chart: LineChart, width: float, height: float = 62 * mm) -> Drawing:
    """Shares (%) by month, a solid line per figure and its target as a dashed line."""
    names = [s.name for s in chart.series]
    legend_rows = len(names)
    legend_height = LEGEND_ROW * legend_rows + 2 if legend_rows > 1 else 0
    drawing = new_drawing(width, height + legend_height)
    _title(drawing, chart.title, width)
    plot = HorizontalLineChart()
    rotated = len(chart.categories) > 8
    plot.x, plot.y = 26, (40 if rotated else 22) + legend_height
    plot.width = width - plot.x - 6
    plot.height = drawing.height - plot.y - TITLE_SIZE - 10
    count = max(len(chart.categories), 1)
    plot.data = [[0] * count]  # axes and grid only: the lines are drawn below
    plot.categoryAxis.categoryNames = [printable(c) for c in chart.categories]
    plot.categoryAxis.labels.fontName = REGULAR
    plot.categoryAxis.labels.fontSize = LABEL_SIZE
    if rotated:
        plot.categoryAxis.labels.angle = 45
        plot.categoryAxis.labels.boxAnchor = "ne"
    plot.valueAxis.labels.fontName = REGULAR
    plot.valueAxis.labels.fontSize = LABEL_SIZE
    plot.valueAxis.valueMin, plot.valueAxis.valueMax, plot.valueAxis.valueStep = 0, 100, 20
    plot.valueAxis.labelTextFormat = lambda v: f"{v:.0f} %"
    plot.valueAxis.visibleGrid = True
    plot.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    plot.lines[0].strokeColor = None
    plot.lines[0].symbol = None
    drawing.add(plot)
    for index, series in enumerate(chart.series):
        _draw_line(drawing, plot, series.values, count, colour(index))
    for index, target in enumerate(chart.targets):
        if target is None:
            continue
        y = plot.y + plot.height * max(0.0, min(target, 100.0)) / 100
        drawing.add(
            Line(
                plot.x,
                y,
                plot.x + plot.width,
                y,
                strokeColor=colour(index),
                strokeWidth=0.8,
                strokeDashArray=[3, 2],
            )
        )
    if legend_rows > 1:
        labels = [
            f"{name} (objectif {target:.0f} %, en pointillé)" if target is not None else name
            for name, target in zip(names, list(chart.targets) + [None] * len(names), strict=False)
        ]
        legend = Legend()
        legend.x, legend.y = 0, legend_height - 2
        legend.fontName, legend.fontSize = REGULAR, LABEL_SIZE
        legend.alignment = "right"
        legend.columnMaximum = legend_rows
        legend.dx, legend.dy, legend.dxTextSpace = 7, 7, 3
        legend.deltay = LEGEND_ROW
        legend.colorNamePairs = [(colour(i), printable(t)) for i, t in enumerate(labels)]
        legend.boxAnchor = "nw"
        drawing.add(legend)
    return drawing
