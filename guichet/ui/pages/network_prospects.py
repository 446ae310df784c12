"""The Réseau page's « Prospects » tab: companies that fit the cluster's trades and are not
members, best fit first, with « Ajouter à l'annuaire » (SIRENE rows) and « Proposer
l'adhésion… » (a referral to the network; the company's agreement is asked first)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guichet.services.prospects import Prospect, list_prospects, propose_membership
from guichet.services.sirene_lookup import create_from_sirene

from guichet.ui.context import AppContext
from guichet.ui.dialogs.save_buttons import accept_cancel_buttons
from guichet.ui.feedback import attempt
from guichet.ui.rows_view import rows_view
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel, sorting_proxy


def prospect_columns(tr: Callable[[str], str]) -> list[Column[Prospect]]:
    return [
        Column(tr("Entreprise"), lambda r: r.name, tooltip=lambda r: r.name),
        Column(tr("Commune"), lambda r: r.city),
        Column(tr("Adéquation"), lambda r: r.score, align_right=True),
        Column(tr("Statut"), lambda r: r.status or ("—" if r.in_directory else "SIRENE")),
        Column(tr("Raisons"), lambda r: r.reasons, tooltip=lambda r: r.reasons),
    ]


class ProposeDialog(QDialog):
    """Asks for the company's agreement before its details go to the network."""

    def __init__(self, prospect: Prospect, network: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proposeMembershipDialog")
        self.setWindowTitle(self.tr("Proposer l'adhésion"))
        text = QLabel(
            self.tr(
                "Proposer à %1 d'adhérer à %2 : une mise en relation avec le réseau est "
                "enregistrée (courriers et relances habituels)."
            )
            .replace("%1", prospect.name)
            .replace("%2", network)
        )
        text.setWordWrap(True)
        self.consent_box = QCheckBox(
            self.tr("L'entreprise accepte que ses coordonnées soient transmises au réseau")
        )
        self.consent_box.setObjectName("proposeConsentBox")
        buttons, self.ok_button = accept_cancel_buttons(
            self, self.accept, self.tr("Proposer"), "proposeButton"
        )
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.consent_box)
        layout.addWidget(buttons)


class ProspectsTab(QWidget):
    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
        ask: Callable[[Prospect], bool | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.today = ctx, today
        self.network = ""
        self.ask = ask or self._ask  # the consent question (a test answers it)
        self.setObjectName("prospectsTab")
        self.model: RowsTableModel[Prospect] = RowsTableModel(prospect_columns(self.tr), self)
        self.proxy = sorting_proxy(self.model, self, in_model=True)
        self.view = rows_view("prospectsTable", self.proxy)
        self.view.setAccessibleName(self.tr("Prospects pour le réseau"))
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # best fit first
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.add_button = QPushButton(self.tr("Ajouter à l'annuaire"))
        self.add_button.setObjectName("addProspectButton")
        self.add_button.clicked.connect(self.on_add_button_clicked)
        self.propose_button = QPushButton(self.tr("Proposer l'adhésion…"))
        self.propose_button.setObjectName("proposeMembershipButton")
        self.propose_button.clicked.connect(self.on_propose_button_clicked)
        self.status = QLabel()
        self.status.setObjectName("prospectsStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.propose_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._update_buttons()  # nothing chosen until the prospects are read

    def refresh(self, network: str) -> None:
        self.network = network
        self.model.set_rows(list_prospects(self.ctx.db, today=self.today()))
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))
        self._update_buttons()

    def selected(self) -> Prospect | None:
        index = self.view.currentIndex()
        row = index.data(ROW_ROLE) if index.isValid() else None
        return row if isinstance(row, Prospect) else None

    def _update_buttons(self, *_args: object) -> None:
        p = self.selected()
        self.add_button.setEnabled(p is not None and not p.in_directory)
        self.propose_button.setEnabled(p is not None and p.in_directory and p.status != "Candidat")

    def _ask(self, prospect: Prospect) -> bool | None:
        dialog = ProposeDialog(prospect, self.network, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.consent_box.isChecked()

    def on_add_button_clicked(self) -> None:
        p = self.selected()
        if p is None or p.siret is None:
            return
        created = attempt(self, lambda: create_from_sirene(self.ctx.db, p.siret or ""))
        if created is not None:
            self.status.setText(self.tr("« %1 » ajoutée à l'annuaire.").replace("%1", created.name))
            self.refresh(self.network)

    def on_propose_button_clicked(self) -> None:
        p = self.selected()
        if p is None or p.organization_id is None:
            return
        consent = self.ask(p)
        if consent is None:
            return
        org_id = p.organization_id
        done = attempt(
            self,
            lambda: propose_membership(
                self.ctx.db, org_id, consent=consent, counsellor_id=self.ctx.counsellor_id
            ),
        )
        if done is not None:
            self.status.setText(
                self.tr("Adhésion proposée : demande %1, mise en relation avec le réseau.").replace(
                    "%1", done.inquiry_reference
                )
            )
            self.refresh(self.network)
