"""One chart of the dashboard with its table beside it: the same numbers for keyboard and
screen-reader users, copied with Ctrl+C. A click on a bar (or Entrée on a row of the table)
emits :attr:`ChartSection.activated` with the category's key and the series' key."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QModelIndex, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QPainter, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from guichet.reference.dates import format_number, format_share

from guichet.ui.rows_view import rows_view
from guichet.ui.table_fit import compact_rows
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel
from guichet.ui.theme import is_dark
from guichet.ui.widgets.table_copy import install_copy

STACKED, GROUPED, HORIZONTAL, HORIZONTAL_STACKED = "stacked", "grouped", "horizontal", "hstacked"
#: colour-blind-safe series colours (Okabe–Ito), then Qt's own
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
CHART_HEIGHT = 300
FIRST_COLUMN_WIDTH, VALUE_COLUMN_WIDTH = 220, 180
AXIS_LABEL_LENGTH = 32  # longer names are cut on the axis (the table has them whole)


@dataclass(frozen=True)
class ChartData:
    """Categories (x axis or bars) × series; values by (category key, series key)."""

    categories: Sequence[tuple[str, str]]  # (key, label)
    series: Sequence[tuple[str, str]]  # (key, label)
    values: dict[tuple[str, str], float]
    kind: str = GROUPED
    percent: bool = False  # values are shares in [0, 1]
    targets: Sequence[tuple[str, float]] = field(default_factory=tuple)  # (label, share)
    total: bool = False  # a « Total » column in the table
    zero_when_missing: bool = True  # a count absent is 0; a median absent is « — »


@dataclass(frozen=True)
class ChartRow:
    key: str
    label: str
    values: tuple[float | None, ...]


class ChartTableModel(RowsTableModel[ChartRow]):
    """The chart as a table: one row per category, one column per series (and the total)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([Column("", lambda r: r.label)], parent)

    def set_table(self, columns: Sequence[Column[ChartRow]], rows: Sequence[ChartRow]) -> None:
        self.reset_content(columns, rows)


def _text(value: float | None, percent: bool) -> str:
    if value is None:
        return "—"
    return format_share(value) if percent else format_number(value)


def axis_labels(labels: list[str]) -> list[str]:
    """Labels short enough for an axis: a year all of them share is left out (« janv. »), long
    names are cut (« … »)."""
    years = {text[-4:] for text in labels if len(text) > 5 and text[-4:].isdigit()}
    if len(years) == 1 and all(text.endswith(" " + next(iter(years))) for text in labels):
        labels = [text[:-5] for text in labels]
    return [
        text if len(text) <= AXIS_LABEL_LENGTH else text[: AXIS_LABEL_LENGTH - 1] + "…"
        for text in labels
    ]


def _value_column(title: str, i: int, percent: bool) -> Column[ChartRow]:
    def shown(row: ChartRow) -> str:
        return _text(row.values[i], percent)

    def sort_on(row: ChartRow) -> float:
        return row.values[i] or 0.0

    return Column(title, shown, align_right=True, sort_value=sort_on)


def _series_class(kind: str) -> type[QAbstractBarSeries]:
    return {
        STACKED: QStackedBarSeries,
        HORIZONTAL: QHorizontalBarSeries,
        HORIZONTAL_STACKED: QHorizontalStackedBarSeries,
    }.get(kind, QBarSeries)


class ChartSection(QWidget):
    activated = Signal(str, str)  # category key, series key

    def __init__(
        self, name: str, title: str, category_title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.category_title = category_title
        self.data: ChartData | None = None
        self.title = QLabel(f"<b>{title}</b>")
        self.title.setObjectName(f"{name}Title")
        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setMargins(self.chart.margins() * 0)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName(f"{name}Chart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setAccessibleName(title)
        self.chart_view.setAccessibleDescription(
            self.tr("Graphique ; le tableau à côté donne les mêmes chiffres.")
        )
        self.chart_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table is the keyboard way
        self.chart_view.setMinimumSize(360, CHART_HEIGHT)
        self.model = ChartTableModel(self)
        self.table = rows_view(f"{name}Table", self.model)
        self.table.setAccessibleName(self.tr("%1 (tableau)").replace("%1", title))
        self.table.setMinimumWidth(260)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next table; arrows move
        self.table.activated.connect(self.on_table_activated)
        compact_rows(self.table)
        self.copy_action = install_copy(self.table)
        self.body = QHBoxLayout()
        self.body.addWidget(self.chart_view, 3)
        self.body.addWidget(self.table, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.addWidget(self.title)
        layout.addLayout(self.body)

    # -- content ----------------------------------------------------------------------------
    def set_data(self, data: ChartData) -> None:
        self.data = data
        self._fill_table(data)
        self._fill_chart(data)

    def _fill_table(self, data: ChartData) -> None:
        missing = 0.0 if data.zero_when_missing and not data.percent else None
        rows = [
            ChartRow(key, text, tuple(data.values.get((key, s), missing) for s, _ in data.series))
            for key, text in data.categories
        ]
        columns: list[Column[ChartRow]] = [
            Column(self.category_title, lambda r: r.label, tooltip=lambda r: r.label)
        ]
        for i, (_, series_label) in enumerate(data.series):
            columns.append(_value_column(series_label, i, data.percent))
        if data.total:
            columns.append(
                Column(
                    self.tr("Total"),
                    lambda r: format_number(sum(v or 0 for v in r.values)),
                    align_right=True,
                )
            )
        self.model.set_table(columns, rows)
        wide = len(columns) > 4  # a table of many series gets as much room as its chart
        self.body.setStretch(0, 1 if wide else 3)
        self.body.setStretch(1, 1 if wide else 2)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        for column in range(header.count()):
            widest = FIRST_COLUMN_WIDTH if column == 0 else VALUE_COLUMN_WIDTH
            header.resizeSection(column, min(header.sectionSize(column), widest))

    def _fill_chart(self, data: ChartData) -> None:
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTheme(
            QChart.ChartTheme.ChartThemeDark if is_dark() else QChart.ChartTheme.ChartThemeLight
        )
        chart.setBackgroundVisible(False)
        horizontal = data.kind in (HORIZONTAL, HORIZONTAL_STACKED)
        series = _series_class(data.kind)()
        scale = 100.0 if data.percent else 1.0
        for index, (key, text) in enumerate(data.series):
            bar_set = QBarSet(text)
            bar_set.setColor(QColor(SERIES_COLOURS[index % len(SERIES_COLOURS)]))
            bar_set.setProperty("series_key", key)
            # horizontal bars are drawn bottom-up: reverse so the first category is on top
            categories = list(reversed(data.categories)) if horizontal else list(data.categories)
            for category, _ in categories:
                bar_set.append((data.values.get((category, key)) or 0.0) * scale)
            series.append(bar_set)
        series.clicked.connect(self.on_bar_clicked)
        series.hovered.connect(self.on_bar_hovered)
        chart.addSeries(series)
        labels = axis_labels([text for _, text in data.categories])
        category_axis = QBarCategoryAxis()
        category_axis.append(list(reversed(labels)) if horizontal else labels)
        value_axis = QValueAxis()
        value_axis.setLabelFormat("%.0f %%" if data.percent else "%.0f")
        if data.percent:
            value_axis.setRange(0, 100)
        else:
            top = max(self._stack_tops(data), default=0.0)
            value_axis.setRange(0, max(top, 1.0))
            value_axis.applyNiceNumbers()
            value_axis.setMin(0)
        chart.addAxis(
            category_axis,
            Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom,
        )
        chart.addAxis(
            value_axis, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft
        )
        series.attachAxis(category_axis)
        series.attachAxis(value_axis)
        for index, (text, target) in enumerate(data.targets):
            line = QLineSeries()
            line.setName(text)
            pen = QPen(QColor(SERIES_COLOURS[index % len(SERIES_COLOURS)]))
            pen.setStyle(Qt.PenStyle.DashLine)
            pen.setWidth(2)
            line.setPen(pen)
            n = len(data.categories)
            line.append(QPointF(-0.5, target * 100))
            line.append(QPointF(n - 0.5, target * 100))
            chart.addSeries(line)
            line.attachAxis(category_axis)
            line.attachAxis(value_axis)
            for marker in chart.legend().markers(line):  # the title says they are dashed
                marker.setVisible(False)
        chart.legend().setVisible(len(data.series) > 1)
        if horizontal:  # a line of text per bar, or Qt hides the names
            rows = self.fontMetrics().height() + 10
            needed = rows * len(data.categories) + (110 if len(data.series) > 1 else 60)
            self.chart_view.setMinimumHeight(max(CHART_HEIGHT, needed))
        chart.legend().setShowToolTips(True)

    @staticmethod
    def _stack_tops(data: ChartData) -> list[float]:
        if data.kind in (STACKED, HORIZONTAL_STACKED):
            return [
                sum(data.values.get((c, s)) or 0 for s, _ in data.series)
                for c, _ in data.categories
            ]
        return [v or 0 for v in data.values.values()]

    # -- the chart's signals ---------------------------------------------------------------------
    def _category_at(self, index: int) -> str | None:
        if self.data is None:
            return None
        categories = list(self.data.categories)
        if self.data.kind in (HORIZONTAL, HORIZONTAL_STACKED):
            categories.reverse()
        return categories[index][0] if 0 <= index < len(categories) else None

    def on_bar_clicked(self, index: int, bar_set: QBarSet) -> None:
        category = self._category_at(index)
        if category is not None:
            self.activated.emit(category, str(bar_set.property("series_key")))

    def on_bar_hovered(self, status: bool, index: int, bar_set: QBarSet) -> None:
        category = self._category_at(index)
        if not status or category is None or self.data is None:
            QToolTip.hideText()
            return
        value = self.data.values.get((category, str(bar_set.property("series_key"))))
        label = dict(self.data.categories)[category]
        QToolTip.showText(
            QCursor.pos(), f"{label} — {bar_set.label()} : {_text(value, self.data.percent)}"
        )

    def on_table_activated(self, index: QModelIndex) -> None:
        """Entrée or a double click on a row: its category, every series (« »)."""
        row = index.data(ROW_ROLE)
        if isinstance(row, ChartRow):
            self.activated.emit(row.key, "")


ActivateHandler = Callable[[str, str], None]
