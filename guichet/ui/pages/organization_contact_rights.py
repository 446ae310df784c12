"""The organisation card's « Données personnelles » button for the chosen contact: « Exporter
ses données… » (right of access) and « Effacer (RGPD)… » (right to erasure)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QListWidget, QMenu, QPushButton, QWidget

from guichet.services.contacts import ContactInfo

from guichet.ui.context import AppContext
from guichet.ui.personal_data_files import erase_contact, export_contact_data


class ContactRightsButton(QPushButton):
    """A button with a menu (Espace or Entrée opens it); acts on the contact ``chosen()``,
    enabled while one is chosen; ``on_erased`` reloads the card."""

    def __init__(
        self,
        ctx: AppContext,
        contacts: QListWidget,
        chosen: Callable[[], ContactInfo | None],
        on_erased: Callable[[], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.chosen, self.on_erased = ctx, chosen, on_erased
        self.setText(self.tr("RGPD"))  # short: the row sets the card's width (tooltip, name)
        self.setAccessibleName(self.tr("Données personnelles du contact (RGPD)"))
        self.setObjectName("contactRightsButton")
        self.setToolTip(self.tr("Exporter ou effacer les données du contact choisi (RGPD)"))
        menu = QMenu(self)
        menu.setObjectName("contactRightsMenu")
        self.export_action = QAction(self.tr("&Exporter ses données…"), self)
        self.export_action.setObjectName("exportContactDataAction")
        self.export_action.triggered.connect(self.on_export_action_triggered)
        self.erase_action = QAction(self.tr("E&ffacer (RGPD)…"), self)
        self.erase_action.setObjectName("eraseContactAction")
        self.erase_action.triggered.connect(self.on_erase_action_triggered)
        menu.addAction(self.export_action)
        menu.addAction(self.erase_action)
        self.setMenu(menu)
        self.setEnabled(False)
        contacts.currentItemChanged.connect(lambda item, _old: self.setEnabled(item is not None))

    def on_export_action_triggered(self) -> None:
        contact = self.chosen()
        if contact is not None:
            export_contact_data(self, self.ctx, contact.id, contact.full_name)

    def on_erase_action_triggered(self) -> None:
        contact = self.chosen()
        if contact is not None and erase_contact(self, self.ctx, contact.id, contact.full_name):
            self.on_erased()
