"""The « Historique » tab of a record: who, when, which field, old → new — one widget for
every record (an inquiry, an organisation with its contacts, a contact), loaded off the GUI
thread each time its record changes while it is on screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHeaderView,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guichet.services.audit_history import HistoryRow, record_history
from guichet.services.audit_log import log_opened

from guichet.ui.accessibility import label_field
from guichet.ui.context import AppContext
from guichet.ui.feedback import show_task_error
from guichet.ui.rows_view import rows_view
from guichet.ui.table_model import Column, RowsTableModel, sorting_proxy
from guichet.ui.tasks import Task, run_task


def history_columns(tr: Callable[[str], str]) -> list[Column[HistoryRow]]:
    """The global view's columns: one per part of an audit line."""
    return [
        Column(tr("Date"), lambda r: r.at),
        Column(tr("Conseiller"), lambda r: r.counsellor),
        Column(tr("Fiche"), lambda r: r.entity),
        Column(tr("Action"), lambda r: r.action),
        Column(tr("Champ"), lambda r: r.field),
        Column(tr("Ancienne valeur"), lambda r: r.old, tooltip=lambda r: r.old),
        Column(tr("Nouvelle valeur"), lambda r: r.new, tooltip=lambda r: r.new),
    ]


def tab_columns(tr: Callable[[str], str]) -> list[Column[HistoryRow]]:
    """A record's tab, in a narrow pane: when, who, what changed (old → new) in one line."""
    return [
        Column(tr("Date"), lambda r: r.at),
        Column(tr("Qui"), lambda r: r.initials, tooltip=lambda r: r.counsellor),
        Column(tr("Modification"), lambda r: r.change, tooltip=lambda r: r.change),
    ]


class HistoryView(QWidget):
    """The table of one record's audit lines, newest first."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("historyView")
        self.record: tuple[str, int] | None = None
        self.task: Task | None = None
        self.model: RowsTableModel[HistoryRow] = RowsTableModel(tab_columns(self.tr), self)
        self.proxy = sorting_proxy(self.model, self)
        self.table = rows_view("historyTable", self.proxy)
        self.table.setSortingEnabled(False)  # newest first, as the trail reads
        self.table.setWordWrap(True)  # « field : old → new » on as many lines as it needs
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.caption = QLabel(self.tr("Modifications de la fiche, les plus récentes d'abord :"))
        self.caption.setWordWrap(True)
        label_field(self.caption, self.table)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)

    def show_for(self, entity: str, record_id: int | None) -> None:
        if record_id is None:
            self.record = None
            self.model.set_rows([])
            return
        self.record = (entity, record_id)
        wanted = self.record
        db = self.ctx.db
        self.task = run_task(
            lambda _control: record_history(db, entity, record_id),
            on_success=lambda rows: self._loaded(wanted, rows),
            on_error=lambda exc: show_task_error(self, exc),
            parent=self,
        )

    def _loaded(self, wanted: tuple[str, int], rows: list[HistoryRow]) -> None:
        if wanted != self.record:  # another record was chosen meanwhile
            return
        self.model.set_rows(rows)
        self.table.resizeRowsToContents()
        self.caption.setText(
            self.tr("Modifications de la fiche, les plus récentes d'abord : %1 ligne(s).").replace(
                "%1", str(len(rows))
            )
        )
        self.loaded.emit()


class HistoryTabs(QTabWidget):
    """``panel`` as a first tab, its record's history as « Historique »; the history loads
    when its tab is shown and follows :meth:`follow` while it is."""

    def __init__(
        self,
        ctx: AppContext,
        panel: QWidget,
        title: str,
        entity: str,
        current_id: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{entity}HistoryTabs")
        self.entity, self.current_id = entity, current_id
        self.history = HistoryView(ctx)
        self.addTab(panel, title)
        self.addTab(self.history, self.tr("Historique"))
        self.currentChanged.connect(lambda _index: self.follow())

    def follow(self, *_args: object) -> None:
        """The panel shows another record (or the same, changed): reload if on screen."""
        if self.currentWidget() is self.history:
            self.history.show_for(self.entity, self.current_id())


def tab_with_history(
    ctx: AppContext,
    dialog_layout: QVBoxLayout,
    form: QFormLayout,
    title: str,
    entity: str,
    record_id: int,
) -> HistoryTabs:
    """Moves a dialog's ``form`` into the first tab of a :class:`HistoryTabs`, in its place."""
    index = dialog_layout.indexOf(form)
    dialog_layout.removeItem(form)
    form.setParent(None)
    page = QWidget()
    page.setLayout(form)
    tabs = HistoryTabs(ctx, page, title, entity, lambda: record_id)
    dialog_layout.insertWidget(index, tabs)
    return tabs


class ReadLog:
    """The access log of one panel: each record it opens is logged once in a row (reloading
    the same record after an action is no new reading), when the setting asks for it."""

    def __init__(self, ctx: AppContext, entity: str) -> None:
        self.ctx, self.entity = ctx, entity
        self.last: int | None = None

    def opened(self, record_id: int) -> None:
        if record_id == self.last:
            return
        self.last = record_id
        log_opened(self.ctx.db, self.entity, record_id)


def with_history(ctx: AppContext, panel: QWidget, title: str, entity: str) -> HistoryTabs:
    """A record panel (with ``record_shown(int)``) and its Historique tab; each record it shows
    is also written in the access log when the setting asks for it."""
    shown: list[int | None] = [None]
    reads = ReadLog(ctx, entity)

    def on_shown(record_id: int) -> None:
        shown[0] = record_id
        reads.opened(record_id)
        tabs.follow()

    tabs = HistoryTabs(ctx, panel, title, entity, lambda: shown[0])
    panel.record_shown.connect(on_shown)  # type: ignore[attr-defined]
    return tabs
