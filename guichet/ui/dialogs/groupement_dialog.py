"""A groupement momentané d'entreprises built by hand (or from a proposal): its form (conjoint or
solidaire), its mandataire and who does which lot."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.models import GroupementForm, label
from guichet.services.groupement_proposals import Proposal
from guichet.services.groupements import (
    GroupementInput,
    GroupementMemberInput,
    save_groupement,
)
from guichet.services.opportunity_views import GroupementView, OpportunityDetail

from guichet.ui.accessibility import set_name
from guichet.ui.combo import combo_value, select_value
from guichet.ui.context import AppContext
from guichet.ui.dialogs.save_buttons import save_cancel_buttons
from guichet.ui.feedback import show_error
from guichet.ui.screen_fit import fit_to_screen, set_text_lines
from guichet.ui.unsaved import confirm_dialog_discard
from guichet.ui.widgets.company_field import CompanyField

ORG_ROLE = Qt.ItemDataRole.UserRole


class GroupementDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        detail: OpportunityDetail,
        *,
        proposal: Proposal | None = None,
        existing: GroupementView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.detail, self.existing = ctx, detail, existing
        self.saved: GroupementView | None = None
        self.setObjectName("groupementDialog")
        self.setWindowTitle(self.tr("Groupement — %1").replace("%1", detail.title))
        self.lot_ids = [lot.id for lot in detail.lots]
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.form_combo = QComboBox()
        self.form_combo.setObjectName("groupementForm")
        for kind in GroupementForm:
            self.form_combo.addItem(self.tr(label(kind)), kind)
        form.addRow(self.tr("Forme"), self.form_combo)
        self.table = QTableWidget(0, 1 + len(detail.lots))
        self.table.setObjectName("groupementMembers")
        set_name(self.table, self.tr("Membres du groupement et lots réalisés"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Entreprise"), *(f"Lot {lot.number}" for lot in detail.lots)]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(0, 260)
        set_text_lines(self.table, 6)
        form.addRow(self.tr("Membres et lots"), self.table)
        adder = QHBoxLayout()
        self.company_field = CompanyField(ctx)
        self.company_field.setObjectName("groupementCompany")
        set_name(self.company_field, self.tr("Ajouter une entreprise au groupement"))
        self.company_field.company_chosen.connect(self.on_company_field_company_chosen)
        self.remove_button = QPushButton(self.tr("Retirer du groupement"))
        self.remove_button.setObjectName("groupementRemoveMember")
        self.remove_button.clicked.connect(self.on_remove_button_clicked)
        adder.addWidget(self.company_field, 1)
        adder.addWidget(self.remove_button)
        form.addRow(self.tr("Ajouter une entreprise"), adder)
        self.mandataire_combo = QComboBox()
        self.mandataire_combo.setObjectName("groupementMandataire")
        form.addRow(self.tr("Mandataire"), self.mandataire_combo)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("groupementNote")
        form.addRow(self.tr("Note"), self.note_edit)
        layout.addWidget(save_cancel_buttons(self, self.on_buttons_accepted))
        if existing is not None:
            select_value(self.form_combo, existing.form)
            numbers = {lot.number: lot.id for lot in detail.lots}
            for m in existing.members:
                self.add_member(
                    m.organization_id, m.organization, {numbers[n] for n in m.lot_numbers}
                )
            self.refresh_mandataires(existing.mandataire_id)
            self.note_edit.setText(existing.note)
        elif proposal is not None:
            numbers = {lot.number: lot.id for lot in detail.lots}
            for c in proposal.members:
                self.add_member(c.organization_id, c.name, {numbers[n] for n in c.lot_numbers})
            self.refresh_mandataires(proposal.members[0].organization_id)
            self.note_edit.setText(self.tr("Proposé : ") + " ; ".join(proposal.reasons))
        fit_to_screen(self, (760, 560))
        self.opened = self.form_data()

    def add_member(self, organization_id: int, name: str, lot_ids: set[int]) -> None:
        if organization_id in self.member_ids():
            return
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(name)
        item.setData(ORG_ROLE, organization_id)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, 0, item)
        for column, lot_id in enumerate(self.lot_ids, 1):
            cell = QTableWidgetItem()
            cell.setFlags(
                Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
            )
            cell.setCheckState(
                Qt.CheckState.Checked if lot_id in lot_ids else Qt.CheckState.Unchecked
            )
            self.table.setItem(row, column, cell)

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None  # every cell is filled by add_member
        return item

    def member_ids(self) -> list[int]:
        return [int(self._cell(r, 0).data(ORG_ROLE)) for r in range(self.table.rowCount())]

    def refresh_mandataires(self, keep: int | None = None) -> None:
        current = keep if keep is not None else combo_value(self.mandataire_combo)
        self.mandataire_combo.clear()
        for row in range(self.table.rowCount()):
            item = self._cell(row, 0)
            self.mandataire_combo.addItem(item.text(), int(item.data(ORG_ROLE)))
        select_value(self.mandataire_combo, current)

    def form_data(self) -> GroupementInput:
        members = []
        for row in range(self.table.rowCount()):
            lots = tuple(
                lot_id
                for column, lot_id in enumerate(self.lot_ids, 1)
                if self._cell(row, column).checkState() == Qt.CheckState.Checked
            )
            members.append(GroupementMemberInput(int(self._cell(row, 0).data(ORG_ROLE)), lots))
        return GroupementInput(
            form=combo_value(self.form_combo),
            mandataire_id=combo_value(self.mandataire_combo),
            members=tuple(members),
            note=self.note_edit.text(),
        )

    def has_unsaved_changes(self) -> bool:
        return self.form_data() != self.opened

    def confirm_discard(self) -> bool:
        return confirm_dialog_discard(self, self.on_buttons_accepted)

    def on_company_field_company_chosen(self, organization_id: object, name: str) -> None:
        if isinstance(organization_id, int):
            self.add_member(organization_id, name, set())
            self.refresh_mandataires()

    def on_remove_button_clicked(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.refresh_mandataires()

    def on_buttons_accepted(self) -> None:
        try:
            self.saved = save_groupement(
                self.ctx.db,
                self.detail.id,
                self.form_data(),
                self.existing.id if self.existing else None,
                self.existing.version if self.existing else None,
                self.ctx.counsellor_id,
            )
        except GuichetError as exc:
            show_error(self, exc)
            return
        self.accept()
