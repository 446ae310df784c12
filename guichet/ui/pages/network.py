"""Page « Réseau »: the goal's progress, members by month (a chart and the same figures as a
table beside it, for screen readers and exact values), who brought this year's members, and a
banner when the goal is reached."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QModelIndex, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from guichet.reference.dates import format_date_short, format_month_short
from guichet.services.network_goals import (
    Gain,
    GoalProgress,
    MonthFigures,
    OriginCount,
    network_figures,
)

from guichet.ui.context import AppContext
from guichet.ui.pages.network_prospects import ProspectsTab
from guichet.ui.rows_view import rows_view
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel, sorting_proxy

MONTHS = 36
#: Colours told apart without colour vision too (a line against bars; blue against orange).
MEMBERS_COLOUR, ARRIVALS_COLOUR, DEPARTURES_COLOUR = "#1f3a93", "#2e86de", "#e67e22"


def month_text(month: date) -> str:
    return format_month_short(month)


def progress_text(progress: GoalProgress) -> str:
    goal = progress.goal
    text = (
        f"{progress.members} / {goal.target} adhérents de {goal.network} {goal.scope_label}"
        f" — {progress.gained_this_year} gagné(s) en {progress.at.year}"
    )
    if goal.due_on is not None:
        text += f", échéance le {format_date_short(goal.due_on)}"
    return text + "."


def milestone_text(progress: GoalProgress) -> str:
    """The celebration, or nothing while the goal is not reached."""
    if not progress.reached:
        return ""
    return (
        f"Objectif atteint : {progress.members} adhérents de {progress.goal.network} "
        f"{progress.goal.scope_label} (objectif {progress.goal.target}). Bravo à tous !"
    )


def month_columns(tr: Callable[[str], str]) -> list[Column[MonthFigures]]:
    return [
        Column(tr("Mois"), lambda r: month_text(r.month), sort_value=lambda r: r.month),
        Column(tr("Adhérents"), lambda r: r.members, align_right=True),
        Column(tr("Arrivées"), lambda r: r.arrivals, align_right=True),
        Column(tr("Départs"), lambda r: r.departures, align_right=True),
    ]


def gain_columns(tr: Callable[[str], str]) -> list[Column[Gain]]:
    return [
        Column(tr("Adhérent"), lambda r: r.organization, tooltip=lambda r: r.organization),
        Column(tr("Arrivée"), lambda r: r.start_on),
        Column(tr("Apporté par"), lambda r: r.brought_by, tooltip=lambda r: r.brought_by),
    ]


def origin_columns(tr: Callable[[str], str]) -> list[Column[OriginCount]]:
    return [
        Column(tr("Origine"), lambda r: r.label),
        Column(tr("Adhérents gagnés"), lambda r: r.count, align_right=True),
    ]


def build_chart(months: list[MonthFigures], title: str) -> QChart:
    """Members at the end of each month (a line) over arrivals and departures (bars)."""
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    categories = [f"{m.month:%m/%y}" for m in months]  # short: 36 of them under the chart
    bars = QBarSeries()
    arrivals, departures = QBarSet("Arrivées"), QBarSet("Départs")
    arrivals.setColor(QColor(ARRIVALS_COLOUR))
    departures.setColor(QColor(DEPARTURES_COLOUR))
    arrivals.append([float(m.arrivals) for m in months])
    departures.append([float(m.departures) for m in months])
    bars.append(arrivals)
    bars.append(departures)
    line = QLineSeries()
    line.setName("Adhérents")
    pen = QPen(QColor(MEMBERS_COLOUR))
    pen.setWidth(3)
    line.setPen(pen)
    for index, m in enumerate(months):
        line.append(QPointF(index, m.members))
    chart.addSeries(bars)
    chart.addSeries(line)
    x_axis = QBarCategoryAxis()
    x_axis.append(categories)
    x_axis.setLabelsAngle(-90)
    x_axis.setTruncateLabels(False)
    top = max((m.members for m in months), default=0)
    y_axis = QValueAxis()  # members, on the left
    y_axis.setRange(0, max(10, top + 5))
    y_axis.setLabelFormat("%d")
    y_axis.setTitleText("Adhérents")
    moves = max((max(m.arrivals, m.departures) for m in months), default=0)
    moves_axis = QValueAxis()  # arrivals and departures, on the right: a few a month
    moves_axis.setRange(0, max(4, moves + 1))
    moves_axis.setTickCount(max(4, moves + 1) + 1)
    moves_axis.setLabelFormat("%d")
    moves_axis.setTitleText("Arrivées, départs")
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(moves_axis, Qt.AlignmentFlag.AlignRight)
    bars.attachAxis(x_axis)
    bars.attachAxis(moves_axis)
    line.attachAxis(x_axis)
    line.attachAxis(y_axis)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


class NetworkPage(QWidget):
    record_requested = Signal(str, int)  # a gain's origin: its page and record (MainWindow)

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.today = ctx, today
        self.setObjectName("networkPage")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Réseau</h2>")))
        self.banner = QLabel()
        self.banner.setObjectName("milestoneBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel#milestoneBanner { background: #e6f4ea; color: #0b5323; "
            "border: 1px solid #0b5323; padding: 8px; font-weight: bold; }"
        )
        self.banner.hide()
        layout.addWidget(self.banner)
        self.headline = QLabel()
        self.headline.setObjectName("networkHeadline")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)

        self.chart_view = QChartView()
        self.chart_view.setObjectName("membersChart")
        self.chart_view.setAccessibleName(self.tr("Graphique des adhérents par mois"))
        self.chart_view.setAccessibleDescription(
            self.tr("Les mêmes chiffres sont dans le tableau « Adhérents par mois ».")
        )
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumSize(200, 80)
        self.months_model: RowsTableModel[MonthFigures] = RowsTableModel(
            month_columns(self.tr), self
        )
        self.months_view = rows_view(
            "monthsTable", sorting_proxy(self.months_model, self, in_model=True)
        )
        self.months_view.setMinimumWidth(120)
        self.months_view.setAccessibleName(self.tr("Adhérents par mois"))
        self.months_view.setSortingEnabled(True)
        self.months_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the latest month first
        top = QWidget()
        beside = QHBoxLayout(top)
        beside.setContentsMargins(0, 0, 0, 0)
        beside.addWidget(self.chart_view, 2)
        beside.addWidget(self.months_view, 1)  # up to its columns whole (below)

        self.gains_model: RowsTableModel[Gain] = RowsTableModel(gain_columns(self.tr), self)
        self.gains_view = rows_view(
            "gainsTable", sorting_proxy(self.gains_model, self, in_model=True)
        )
        self.gains_view.setAccessibleName(self.tr("Adhérents gagnés cette année"))
        self.gains_view.setSortingEnabled(True)
        self.gains_view.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # the latest first
        self.gains_view.activated.connect(self.on_gains_view_activated)
        self.gains_view.setToolTip(self.tr("Entrée ou double-clic : ouvrir l'origine"))
        self.origins_model: RowsTableModel[OriginCount] = RowsTableModel(
            origin_columns(self.tr), self
        )
        self.origins_view = rows_view("originsTable", self.origins_model)
        self.origins_view.setAccessibleName(self.tr("Origines des adhérents gagnés"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("networkTabs")
        self.tabs.addTab(self.gains_view, self.tr("Gagnés cette année"))
        self.tabs.addTab(self.origins_view, self.tr("Origines"))
        self.prospects = ProspectsTab(ctx, today=today)
        self.tabs.addTab(self.prospects, self.tr("Prospects"))
        self.prospects_stale = True
        self.tabs.currentChanged.connect(self.load_prospects_if_shown)

        body = QSplitter(Qt.Orientation.Vertical)
        body.setChildrenCollapsible(False)
        body.addWidget(top)
        body.addWidget(self.tabs)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        layout.addWidget(body, 1)
        self.refresh()

    def on_gains_view_activated(self, index: QModelIndex) -> None:
        gain = index.data(ROW_ROLE)
        if isinstance(gain, Gain) and gain.origin_page and gain.origin_record_id is not None:
            self.record_requested.emit(gain.origin_page, gain.origin_record_id)

    def refresh(self) -> None:
        day = self.today()
        progress, months = network_figures(self.ctx.db, months=MONTHS, at=day)
        self.show_figures(progress, months)
        self.prospects.network = progress.goal.network
        self.prospects_stale = True
        self.load_prospects_if_shown()

    def load_prospects_if_shown(self, *_args: object) -> None:
        """The prospects are read when their tab is chosen, not with the page (which opens on
        the members gained): hundreds of companies weighed against the network's trades."""
        if self.prospects_stale and self.tabs.currentWidget() is self.prospects:
            self.prospects_stale = False
            self.prospects.refresh(self.prospects.network)

    def show_figures(self, progress: GoalProgress, months: list[MonthFigures]) -> None:
        self.headline.setText(progress_text(progress))
        celebration = milestone_text(progress)
        self.banner.setText(celebration)
        self.banner.setVisible(bool(celebration))
        old = self.chart_view.chart()
        self.chart_view.setChart(
            build_chart(months, f"Adhérents {progress.goal.scope_label}, par mois")
        )
        if old is not None:
            old.deleteLater()
        self.months_model.set_rows(months)
        # The table beside the chart widens up to its four columns whole; the chart takes the
        # rest (a narrow window scrolls the table rather than growing past the screen).
        view, header = self.months_view, self.months_view.horizontalHeader()
        columns = sum(
            max(header.sectionSizeHint(i), view.sizeHintForColumn(i))
            for i in range(self.months_model.columnCount())
        )
        scroll = view.verticalScrollBar().sizeHint().width()
        view.setMaximumWidth(columns + scroll + 2 * view.frameWidth() + 24)
        self.gains_model.set_rows(list(progress.gains))
        self.origins_model.set_rows(list(progress.origins))


def home_caption(progress: GoalProgress | None) -> str:
    """The Accueil card's caption under « 86 / 100 »."""
    if progress is None:
        return "adhérents du réseau"
    return f"adhérents de {progress.goal.network} {progress.goal.scope_label}"


def home_gains_text(progress: GoalProgress | None) -> str:
    """Accueil's line under the cards: gained this year and what brought them."""
    if progress is None:
        return ""
    if not progress.gains:
        return f"Réseau : aucun adhérent gagné en {progress.at.year} pour l'instant."
    brought = ", ".join(f"{o.count} {o.label.lower()}" for o in progress.origins)
    text = f"Réseau : {progress.gained_this_year} adhérent(s) gagné(s) en {progress.at.year} ({brought})."
    celebration = milestone_text(progress)
    return f"{text} {celebration}" if celebration else text
