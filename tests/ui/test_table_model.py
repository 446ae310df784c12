from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
