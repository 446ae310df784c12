"""The partners involved in a project: those the source inquiry was referred to (with the
referral's status; its letters are the referral's, in Demandes) and those added here."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from guichet.services.project_intake import (
    PartnerInfo,
    add_partner,
    list_partners,
    partner_choices,
    remove_partner,
)

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt
from guichet.ui.pages.implantation_tables import keep_in_width
from guichet.ui.rows_view import rows_view
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel


class PartnersTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_id: int | None = None
        self.setObjectName("projectPartnersTab")
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.partner_box = QComboBox()
        self.partner_box.setObjectName("projectPartnerChoice")
        set_name(self.partner_box, self.tr("Partenaire à associer"))
        self.partner_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.partner_box.setMinimumContentsLength(18)
        for org_id, name in partner_choices(ctx.db):
            self.partner_box.addItem(name, org_id)
        self.role_edit = QLineEdit()
        self.role_edit.setObjectName("projectPartnerRole")
        self.role_edit.setPlaceholderText(self.tr("Rôle (financement, foncier…)"))
        set_name(self.role_edit, self.tr("Rôle du partenaire"))
        self.add_button = QPushButton(self.tr("Associer"))
        self.add_button.setObjectName("projectPartnerAdd")
        self.remove_button = QPushButton(self.tr("Retirer"))
        self.remove_button.setObjectName("projectPartnerRemove")
        bar.addWidget(self.partner_box, 2)
        bar.addWidget(self.role_edit, 2)
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        layout.addLayout(bar)
        self.model: RowsTableModel[PartnerInfo] = RowsTableModel(
            [
                Column(self.tr("Partenaire"), lambda p: p.name, tooltip=lambda p: p.name),
                Column(self.tr("Rôle"), lambda p: p.role),
                Column(self.tr("Mise en relation"), lambda p: p.referral_status),
            ],
            self,
        )
        self.view = rows_view("projectPartners", self.model)
        set_name(self.view, self.tr("Partenaires du projet"))
        keep_in_width(self.view, (0, 1))
        layout.addWidget(self.view, 1)
        self.add_button.clicked.connect(self.on_add_button_clicked)
        self.remove_button.clicked.connect(self.on_remove_button_clicked)

    def show_project(self, project_id: int | None) -> None:
        self.project_id = project_id
        self.model.set_rows(list_partners(self.ctx.db, project_id) if project_id else [])

    def on_add_button_clicked(self) -> None:
        org_id, pid = self.partner_box.currentData(), self.project_id
        if org_id is None or pid is None:
            return
        role = self.role_edit.text()
        if attempt(self, lambda: add_partner(self.ctx.db, pid, org_id, role)) is not None:
            self.role_edit.clear()
            self.show_project(pid)

    def on_remove_button_clicked(self) -> None:
        row = self.view.currentIndex().data(ROW_ROLE)
        if isinstance(row, PartnerInfo) and self.project_id is not None:
            attempt(self, lambda: remove_partner(self.ctx.db, row.id))
            self.show_project(self.project_id)
