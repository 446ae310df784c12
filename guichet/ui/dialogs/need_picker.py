"""Choose the need to refer (from the « Relances » page; the inquiries page opens the referral
dialog on its own need)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from guichet.services.referral_needs import NeedRow, recent_needs

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.rows_view import rows_view
from guichet.ui.screen_fit import fit_to_screen
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel, sorting_proxy


class NeedPickerDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("needPickerDialog")
        self.setWindowTitle(self.tr("Quel besoin mettre en relation ?"))
        fit_to_screen(self, (900, 520))
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("needFilterEdit")
        set_name(self.filter_edit, self.tr("Filtrer les besoins"))
        self.filter_edit.setPlaceholderText(self.tr("Référence, entreprise ou sujet…"))
        self.filter_edit.textChanged.connect(self.on_filter_edit_text_changed)
        self.model: RowsTableModel[NeedRow] = RowsTableModel(
            [
                Column(self.tr("Demande"), lambda r: r.inquiry_reference),
                Column(self.tr("Reçue le"), lambda r: r.received_at),
                Column(self.tr("Entreprise"), lambda r: r.company),
                Column(self.tr("Besoin"), lambda r: r.subject, tooltip=lambda r: r.description),
                Column(self.tr("Suite donnée"), lambda r: r.outcome),
                Column(self.tr("Mises en relation"), lambda r: r.referrals, align_right=True),
                Column(self.tr("Consentement"), lambda r: r.consent),
            ],
            self,
        )
        self.proxy = sorting_proxy(self.model, self)
        self.view = rows_view("needsView", self.proxy)
        set_name(self.view, self.tr("Besoins"))
        self.view.setSortingEnabled(True)
        self.view.doubleClicked.connect(self.accept)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Mettre en relation…"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.on_filter_edit_text_changed("")

    def on_filter_edit_text_changed(self, text: str) -> None:
        self.model.set_rows(recent_needs(self.ctx.db, text=text))
        if self.proxy.rowCount():
            self.view.selectRow(0)

    def selected_need_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        row: NeedRow = self.proxy.data(rows[0], ROW_ROLE)
        return row.id
