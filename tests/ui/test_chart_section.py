"""A chart with its table: the same numbers, a bar's click (and Entrée on a row) naming its
category and series, axis labels short enough."""

from __future__ import annotations

from PySide6.QtCharts import QAbstractBarSeries
from PySide6.QtWidgets import QApplication

from guichet.ui.widgets.chart_section import (
    HORIZONTAL,
    STACKED,
    ChartData,
    ChartSection,
    axis_labels,
)
from guichet.ui.widgets.table_copy import copy_table

DATA = ChartData(
    categories=[("2026-01", "janv. 2026"), ("2026-02", "févr. 2026")],
    series=[("desk", "Accueil"), ("phone", "Téléphone")],
    values={("2026-01", "desk"): 3, ("2026-01", "phone"): 1, ("2026-02", "phone"): 2},
    kind=STACKED,
    total=True,
)


def test_table_and_clicks(qtbot, qtmodeltester) -> None:
    section = ChartSection("testSection", "Demandes", "Mois")
    qtbot.addWidget(section)
    section.set_data(DATA)
    qtmodeltester.check(section.model)
    model = section.model
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(2)]
    assert rows == [["janv. 2026", "3", "1", "4"], ["févr. 2026", "0", "2", "2"]]
    [series] = [s for s in section.chart.series() if isinstance(s, QAbstractBarSeries)]
    clicked: list[tuple[str, str]] = []
    section.activated.connect(lambda c, s: clicked.append((c, s)))
    section.on_bar_clicked(1, series.barSets()[0])
    section.on_table_activated(model.index(0, 0))
    assert clicked == [("2026-02", "desk"), ("2026-01", "")]
    copy_table(section.table)
    clipboard = QApplication.clipboard()
    assert clipboard is not None
    assert clipboard.text().splitlines() == [
        "Mois\tAccueil\tTéléphone\tTotal",
        "janv. 2026\t3\t1\t4",
        "févr. 2026\t0\t2\t2",
    ]


def test_horizontal_bars_list_the_first_category_on_top(qtbot) -> None:
    section = ChartSection("testSection", "Sujets", "Sujet")
    qtbot.addWidget(section)
    section.set_data(
        ChartData(
            [("1", "Levée de fonds"), ("2", "Recrutement")],
            [("n", "Demandes")],
            {("1", "n"): 5, ("2", "n"): 3},
            kind=HORIZONTAL,
        )
    )
    [series] = section.chart.series()
    assert isinstance(series, QAbstractBarSeries)
    assert list(series.barSets()[0].at(i) for i in range(2)) == [3.0, 5.0]  # drawn bottom-up
    clicked: list[str] = []
    section.activated.connect(lambda c, _s: clicked.append(c))
    section.on_bar_clicked(1, series.barSets()[0])  # the top bar
    assert clicked == ["1"]


def test_axis_labels() -> None:
    assert axis_labels(["janv. 2026", "févr. 2026"]) == ["janv.", "févr."]
    assert axis_labels(["déc. 2025", "janv. 2026"]) == ["déc. 2025", "janv. 2026"]
    long = "Caux Seine Agglo — service foncier et immobilier d'entreprise"
    assert axis_labels([long]) == [long[:31] + "…"]
