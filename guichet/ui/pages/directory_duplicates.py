"""Annuaire › Doublons: likely duplicate pairs with the reason, and the merge dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from guichet.services.duplicates import DuplicatePair, find_duplicates
from guichet.services.permissions import Permission

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.dialogs.merge_dialog import MergeDialog
from guichet.ui.permission_gate import gate
from guichet.ui.rows_view import rows_view
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel


def pair_columns(tr: Callable[[str], str]) -> list[Column[DuplicatePair]]:
    return [
        Column(tr("Fiche 1"), lambda p: p.first.name),
        Column(tr("Commune"), lambda p: p.first.city),
        Column(tr("Fiche 2"), lambda p: p.second.name),
        Column(tr("Commune"), lambda p: p.second.city),
        Column(tr("Raison"), lambda p: p.reason, tooltip=lambda p: p.reason),
    ]


class DuplicatesTab(QWidget):
    merged = Signal(int)  # the kept organization

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("duplicatesTab")
        self._loaded = False
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("duplicatesSummary")
        top.addWidget(self.summary_label, 1)
        self.merge_button = QPushButton(self.tr("Comparer et fusionner…"))
        self.merge_button.setObjectName("compareButton")
        self.merge_button.clicked.connect(self.on_merge_button_clicked)
        gate(self.merge_button, ctx, Permission.MERGE)
        top.addWidget(self.merge_button)
        layout.addLayout(top)
        self.model: RowsTableModel[DuplicatePair] = RowsTableModel(pair_columns(self.tr), self)
        self.view = rows_view("duplicatesView", self.model)
        set_name(self.view, self.tr("Doublons probables"))
        self.view.doubleClicked.connect(lambda _index: self.on_merge_button_clicked())
        layout.addWidget(self.view, 1)

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        pairs = find_duplicates(self.ctx.db)
        self._loaded = True
        self.model.set_rows(pairs)
        self.summary_label.setText(
            self.tr("%n doublon(s) probable(s)", "", len(pairs))
            if pairs
            else self.tr("Aucun doublon probable dans l'annuaire.")
        )
        self.merge_button.setEnabled(bool(pairs))
        if pairs:
            self.view.selectRow(0)

    def selected_pair(self) -> DuplicatePair | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def open_merge(self, pair: DuplicatePair) -> MergeDialog:
        return MergeDialog(self.ctx, pair.first.id, pair.second.id, self)

    def on_merge_button_clicked(self) -> None:
        pair = self.selected_pair()
        if pair is None:
            return
        dialog = self.open_merge(pair)
        if dialog.exec() and dialog.result_ is not None:
            self.refresh()
            self.merged.emit(dialog.result_.kept_id)
