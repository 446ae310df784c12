"""Annuaire › À vérifier: organizations whose details were not checked for 12 months."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from guichet.services.organizations import OrganizationService, StaleOrganization

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt
from guichet.ui.rows_view import rows_view
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel


def stale_columns(tr: Callable[[str], str]) -> list[Column[StaleOrganization]]:
    return [
        Column(tr("Organisation"), lambda s: s.name),
        Column(tr("Type"), lambda s: tr(s.kind_label)),
        Column(tr("Commune"), lambda s: s.city),
        Column(tr("Vérifiée le"), lambda s: s.verified_on or tr("jamais")),
    ]


class FreshnessTab(QWidget):
    organization_requested = Signal(int)
    verified = Signal(int)  # how many were marked

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = OrganizationService(ctx.db)
        self.setObjectName("freshnessTab")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("freshnessSummary")
        top.addWidget(self.summary_label, 1)
        self.open_button = QPushButton(self.tr("Ouvrir la fiche"))
        self.open_button.setObjectName("openStaleButton")
        self.open_button.clicked.connect(self.on_open_button_clicked)
        top.addWidget(self.open_button)
        self.verify_button = QPushButton(self.tr("Marquer comme vérifié"))
        self.verify_button.setObjectName("markSelectionVerifiedButton")
        self.verify_button.clicked.connect(self.on_verify_button_clicked)
        top.addWidget(self.verify_button)
        layout.addLayout(top)
        self.model: RowsTableModel[StaleOrganization] = RowsTableModel(stale_columns(self.tr), self)
        self.view = rows_view("staleView", self.model, several=True)
        set_name(self.view, self.tr("Fiches à vérifier"))
        self.view.doubleClicked.connect(lambda _index: self.on_open_button_clicked())
        layout.addWidget(self.view, 1)
        self._loaded = False

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        rows = self.service.unverified()
        self._loaded = True
        self.model.set_rows(rows)
        self.summary_label.setText(
            self.tr("%n organisation(s) non vérifiée(s) depuis plus de 12 mois", "", len(rows))
            if rows
            else self.tr("Tout l'annuaire a été vérifié depuis moins de 12 mois.")
        )
        self.verify_button.setEnabled(bool(rows))
        self.open_button.setEnabled(bool(rows))

    def selected(self) -> list[StaleOrganization]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.index(r, 0).data(ROW_ROLE) for r in rows]

    def on_verify_button_clicked(self) -> None:
        ids = [s.id for s in self.selected()]
        if not ids:
            return
        done = attempt(self, lambda: self.service.mark_verified(ids))
        if done:
            self.refresh()
            self.verified.emit(done)

    def on_open_button_clicked(self) -> None:
        chosen = self.selected()
        if chosen:
            self.organization_requested.emit(chosen[0].id)
