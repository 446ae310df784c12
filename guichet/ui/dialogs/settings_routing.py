"""Settings tab « Orientation »: the routing table (subject → partner, optional limits).

Rules are saved one by one (each click is one transaction), like the counsellors tab.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guichet.services.routing import RoutingRow, RoutingService

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt
from guichet.ui.rows_view import rows_view
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel, sorting_proxy


def _codes(text: str) -> list[str]:
    return [
        part.strip() for part in text.replace(";", ",").replace("|", ",").split(",") if part.strip()
    ]


class RoutingSettingsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = RoutingService(ctx.db)
        self.setObjectName("routingSettingsTab")
        self.title = self.tr("Orientation")
        self.model: RowsTableModel[RoutingRow] = RowsTableModel(
            [
                Column(self.tr("Sujet"), lambda r: r.subject),
                Column(self.tr("Partenaire"), lambda r: r.partner),
                Column(self.tr("Interlocuteur"), lambda r: r.contact),
                Column(
                    self.tr("Communes"),
                    lambda r: len(r.communes) or "",
                    tooltip=lambda r: ", ".join(r.communes),
                ),
                Column(self.tr("Effectifs"), lambda r: ", ".join(r.headcount_bands)),
                Column(self.tr("NAF"), lambda r: ", ".join(r.naf_prefixes)),
                Column(self.tr("Note"), lambda r: r.note),
            ],
            self,
        )
        self.proxy = sorting_proxy(self.model, self)
        self.view = rows_view("routingView", self.proxy)
        set_name(self.view, self.tr("Règles d'orientation"))
        self.view.setSortingEnabled(True)
        self.view.selectionModel().selectionChanged.connect(self.on_view_selection_changed)

        self.subject_box = QComboBox()
        self.subject_box.setObjectName("routingSubjectBox")
        for choice in self.service.subjects():
            self.subject_box.addItem(choice.name, choice.id)
        self.partner_box = QComboBox()
        self.partner_box.setObjectName("routingPartnerBox")
        self.partner_box.setEditable(True)
        self.partner_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for choice in self.service.partners():
            self.partner_box.addItem(choice.name, choice.id)
        self.partner_box.currentIndexChanged.connect(self.on_partner_box_current_index_changed)
        self.contact_box = QComboBox()
        self.contact_box.setObjectName("routingContactBox")
        self.communes_edit = QLineEdit()
        self.communes_edit.setObjectName("routingCommunesEdit")
        self.communes_edit.setPlaceholderText(
            self.tr("codes INSEE séparés par des virgules (vide : partout)")
        )
        self.bands_edit = QLineEdit()
        self.bands_edit.setObjectName("routingBandsEdit")
        self.bands_edit.setPlaceholderText(
            self.tr("tranches INSEE, ex. 11, 12, 21 (vide : toutes)")
        )
        self.naf_edit = QLineEdit()
        self.naf_edit.setObjectName("routingNafEdit")
        self.naf_edit.setPlaceholderText(
            self.tr("préfixes NAF, ex. 25, 28.1 (vide : toutes activités)")
        )
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("routingNoteEdit")
        form = QFormLayout()
        form.addRow(self.tr("Sujet"), self.subject_box)
        form.addRow(self.tr("Partenaire"), self.partner_box)
        form.addRow(self.tr("Interlocuteur"), self.contact_box)
        form.addRow(self.tr("Communes"), self.communes_edit)
        form.addRow(self.tr("Effectifs"), self.bands_edit)
        form.addRow(self.tr("Activités (NAF)"), self.naf_edit)
        form.addRow(self.tr("Note"), self.note_edit)
        buttons = QHBoxLayout()
        for name, text, slot in (
            ("newRuleButton", self.tr("Nouvelle règle"), self.on_new_clicked),
            ("saveRuleButton", self.tr("Enregistrer la règle"), self.on_save_clicked),
            ("deleteRuleButton", self.tr("Supprimer la règle"), self.on_delete_clicked),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.current: RoutingRow | None = None
        self.reload()
        self.on_partner_box_current_index_changed(self.partner_box.currentIndex())

    def reload(self, select_id: int | None = None) -> None:
        self.model.set_rows(self.service.rules())
        for row in range(self.proxy.rowCount()):
            rule = self.proxy.data(self.proxy.index(row, 0), ROW_ROLE)
            if rule is not None and rule.id == select_id:
                self.view.selectRow(row)

    def on_partner_box_current_index_changed(self, _index: int) -> None:
        self.contact_box.clear()
        self.contact_box.addItem(self.tr("(accueil de l'organisme)"), None)
        partner_id = self.partner_box.currentData()
        if partner_id is not None:
            for choice in self.service.contacts(int(partner_id)):
                self.contact_box.addItem(choice.name, choice.id)

    def on_view_selection_changed(self, *_: object) -> None:
        rows = self.view.selectionModel().selectedRows()
        rule: RoutingRow | None = self.proxy.data(rows[0], ROW_ROLE) if rows else None
        self.current = rule
        if rule is None:
            return
        self.subject_box.setCurrentIndex(max(self.subject_box.findData(rule.subject_id), 0))
        self.partner_box.setCurrentIndex(max(self.partner_box.findData(rule.partner_id), 0))
        self.contact_box.setCurrentIndex(max(self.contact_box.findData(rule.contact_id), 0))
        self.communes_edit.setText(", ".join(rule.communes))
        self.bands_edit.setText(", ".join(rule.headcount_bands))
        self.naf_edit.setText(", ".join(rule.naf_prefixes))
        self.note_edit.setText(rule.note)

    def on_new_clicked(self) -> None:
        self.view.clearSelection()
        self.current = None
        for edit in (self.communes_edit, self.bands_edit, self.naf_edit, self.note_edit):
            edit.clear()
        self.subject_box.setFocus()

    def on_save_clicked(self) -> None:
        current = self.current
        saved = attempt(
            self,
            lambda: self.service.save(
                subject_id=int(self.subject_box.currentData()),
                partner_id=int(self.partner_box.currentData()),
                contact_id=self.contact_box.currentData(),
                communes=_codes(self.communes_edit.text()),
                headcount_bands=_codes(self.bands_edit.text()),
                naf_prefixes=_codes(self.naf_edit.text()),
                note=self.note_edit.text(),
                rule_id=current.id if current else None,
                version=current.version if current else None,
            ),
        )
        if saved is not None:
            self.reload(saved.id)

    def on_delete_clicked(self) -> None:
        current = self.current
        if current is None:
            return
        attempt(self, lambda: self.service.delete(current.id))
        self.current = None
        self.reload()
