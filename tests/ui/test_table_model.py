from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt

from guichet.ui.table_model import ROW_ROLE, SORT_ROLE, Column, RowsTableModel


@dataclass(frozen=True)
class Row:
    name: str
    on: date | None
    count: int


def _model() -> RowsTableModel[Row]:
    model: RowsTableModel[Row] = RowsTableModel(
        [
            Column("Nom", lambda r: r.name),
            Column("Date", lambda r: r.on),
            Column("N", lambda r: r.count, True),
        ]
    )
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
