"""A list reloaded under the counsellor's eyes keeps its selection and its scroll position.

:func:`keep_view_state` takes a snapshot of every table and list of a page (the keys of the
selected rows, the current one, both scroll bars) and puts them back when the view's model is
next reset — at once for a synchronous reload, or when a background load's answer arrives.
A row is known by its ``id`` (``ROW_ROLE`` object's attribute), else by the row itself.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex, QTimer
from PySide6.QtWidgets import QAbstractItemView, QWidget

from guichet.ui.table_model import ROW_ROLE


def row_key(index: QModelIndex) -> Any:
    row = index.siblingAtColumn(0).data(ROW_ROLE)
    if row is None:
        return None
    key = getattr(row, "id", None)
    if key is not None:
        return key
    try:
        hash(row)
    except TypeError:
        return None
    return row


@dataclass
class ViewState:
    view: QAbstractItemView
    selected: list[Any]
    current: Any
    vertical: int
    horizontal: int

    def restore(self) -> None:
        model = self.view.model()
        selection = self.view.selectionModel()
        if model is None or selection is None:
            return
        if not selection.hasSelection() and (self.selected or self.current is not None):
            wanted = set(self.selected)
            flags = QItemSelectionModel.SelectionFlag
            for row in range(model.rowCount()):
                index = model.index(row, 0)
                key = row_key(index)
                if key is None:
                    continue
                if key == self.current:
                    selection.setCurrentIndex(index, flags.NoUpdate)
                if key in wanted:
                    selection.select(index, flags.Select | flags.Rows)
        self.view.verticalScrollBar().setValue(self.vertical)
        self.view.horizontalScrollBar().setValue(self.horizontal)


def snapshot(view: QAbstractItemView) -> ViewState:
    selection = view.selectionModel()
    rows = selection.selectedRows() if selection is not None else []
    return ViewState(
        view,
        [key for key in (row_key(i) for i in rows) if key is not None],
        row_key(view.currentIndex()) if view.currentIndex().isValid() else None,
        view.verticalScrollBar().value(),
        view.horizontalScrollBar().value(),
    )


_PENDING = "_guichet_view_state"  # the view's waiting restore (one at a time)


def _restore_on_reset(model: QAbstractItemModel, state: ViewState) -> None:
    view = state.view
    previous = getattr(view, _PENDING, None)
    if previous is not None:  # a reload asked before the last one answered: the newest wins
        _forget(*previous)

    def reset() -> None:
        setattr(view, _PENDING, None)
        _forget(model, reset)
        QTimer.singleShot(0, view, state.restore)  # after the view laid its rows out

    setattr(view, _PENDING, (model, reset))
    model.modelReset.connect(reset)


def _forget(model: QAbstractItemModel, slot: Any) -> None:
    with contextlib.suppress(RuntimeError, TypeError):  # already gone
        model.modelReset.disconnect(slot)


def keep_view_state(page: QWidget) -> None:
    """The next reset of each view of ``page`` puts back what the counsellor had selected
    and where the view was scrolled."""
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if model is not None and view.isVisible():
            _restore_on_reset(model, snapshot(view))
