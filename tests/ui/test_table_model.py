from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject, QPersistentModelIndex, Qt

from guichet.ui.table_model import ROW_ROLE, SORT_ROLE, Column, RowsTableModel, sorting_proxy


@dataclass(frozen=True)
class Row:
    name: str
    on: date | None
    count: int


#: Parent of the proxies and of their models (a proxy parented to its own model crashes PySide
#: when the collector frees the model)
OWNER = QObject()


def _columns() -> list[Column[Row]]:
    return [
        Column("Nom", lambda r: r.name),
        Column("Date", lambda r: r.on),
        Column("N", lambda r: r.count, True),
    ]


def _model() -> RowsTableModel[Row]:
    model: RowsTableModel[Row] = RowsTableModel(_columns())
    model.set_rows([Row("Écluse", date(2026, 11, 29), 12), Row("abeille", None, 3)])
    return model


def test_model_passes_the_model_tester(qtmodeltester) -> None:
    qtmodeltester.check(_model())


def test_display_sort_and_row_roles() -> None:
    model = _model()
    assert model.index(0, 1).data() == "29/11/2026"
    assert model.index(1, 1).data() == ""
    assert model.index(0, 0).data(SORT_ROLE) == "écluse"
    assert model.index(0, 2).data(SORT_ROLE) == 12
    assert model.index(1, 0).data(ROW_ROLE) == Row("abeille", None, 3)
    model.set_rows([])
    assert model.rowCount() == 0


def test_each_cell_is_worked_out_once_per_set_of_rows(qtmodeltester) -> None:
    """A sort and a « resize to contents » ask for the same cells again and again."""
    asked: list[str] = []

    def name(row: Row) -> str:
        asked.append(row.name)
        return row.name

    model: RowsTableModel[Row] = RowsTableModel([Column("Nom", name)])
    model.set_rows([Row("Écluse", None, 1), Row("abeille", None, 2)])
    for _ in range(3):
        assert model.index(0, 0).data() == "Écluse"
        assert model.index(1, 0).data(SORT_ROLE) == "abeille"
    assert asked == ["Écluse", "abeille"]
    model.set_rows([Row("Zénith", None, 3)])  # new rows: new texts
    assert model.index(0, 0).data() == "Zénith" and model.index(0, 0).data(SORT_ROLE) == "zénith"
    qtmodeltester.check(model)


def test_new_columns_and_rows_together() -> None:
    model = _model()
    assert model.index(0, 0).data() == "Écluse"  # its text is kept until the next reset
    model.reset_content([Column("N", lambda r: r.count, True)], [Row("x", None, 7)])
    assert model.columnCount() == 1 and model.index(0, 0).data() == "7"
    assert model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) is not None
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole) is None


def _qt_order(model: RowsTableModel[Row], column: int, order: Qt.SortOrder) -> list[Row]:
    proxy = sorting_proxy(model, OWNER)
    proxy.sort(column, order)
    return [proxy.index(i, 0).data(ROW_ROLE) for i in range(proxy.rowCount())]


def test_a_model_sorts_its_rows_as_the_proxy_would(qtmodeltester) -> None:
    rows = [
        Row("b", date(2026, 1, 2), 2),
        Row("a", None, 2),
        Row("c", date(2025, 5, 1), 1),
        Row("a", date(2026, 1, 2), 3),
    ]
    oracle: RowsTableModel[Row] = RowsTableModel(_columns(), OWNER)
    oracle.set_rows(rows)
    model: RowsTableModel[Row] = RowsTableModel(_columns(), OWNER)
    view_proxy = sorting_proxy(model, OWNER, in_model=True)
    model.set_rows(rows)
    for column in range(3):  # ties too (equal names, counts, dates)
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            view_proxy.sort(column, order)
            assert model.rows() == _qt_order(oracle, column, order), (column, order)
            shown = [view_proxy.index(i, 0).data(ROW_ROLE) for i in range(4)]
            assert shown == model.rows()
    qtmodeltester.check(model)
    rows.reverse()
    model.set_rows(rows)  # new rows arrive in the order last asked for
    oracle.set_rows(rows)
    assert model.rows() == _qt_order(oracle, 2, Qt.SortOrder.DescendingOrder)


def test_a_selected_row_stays_selected_when_the_model_sorts() -> None:
    model = _model()
    model.setParent(OWNER)
    proxy = sorting_proxy(model, OWNER, in_model=True)
    chosen = QPersistentModelIndex(proxy.index(1, 0))
    assert chosen.data() == "abeille"
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert chosen.row() == 0 and chosen.data() == "abeille"


def test_numbers_and_empty_cells_sort_together() -> None:
    model: RowsTableModel[Row] = RowsTableModel(
        [Column("N", lambda r: None if r.count < 0 else r.count)]
    )
    model.set_rows([Row("x", None, 5), Row("y", None, -1), Row("z", None, 2)])
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert [r.name for r in model.rows()] == ["y", "z", "x"]


def test_a_view_sorts_through_the_model_when_its_header_is_used(qtbot) -> None:
    from guichet.ui.rows_view import rows_view

    model = _model()
    view = rows_view("rowsTable", sorting_proxy(model, OWNER, in_model=True))
    qtbot.addWidget(view)
    view.setSortingEnabled(True)
    view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert view.model().index(0, 0).data() == "abeille"  # count 3 before 12
    assert model.row_at(0) == Row("abeille", None, 3)  # the model's own rows in that order
    view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)  # a header click
    assert [r.name for r in model.rows()] == ["Écluse", "abeille"]
    assert view.model().index(0, 0).data() == "Écluse"
