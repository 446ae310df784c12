"""The outbox on screen: « Demandes en attente d'envoi » and the result of sending it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guichet.models import Contact, Organization
from guichet.services.intake import IntakeDraft
from guichet.services.outbox import Outbox, OutboxItem, SendResult, describe

from guichet.ui.accessibility import label_field

if TYPE_CHECKING:
    from guichet.db import Database


def draft_label(db: Database, draft: IntakeDraft) -> str:
    """Who asked, for the lists: the company, else the person."""
    with db.unit_of_work(write=False) as session:
        if draft.organization_id is not None:
            org = session.get(Organization, draft.organization_id)
            if org is not None:
                return org.legal_name
        if draft.new_contact is not None:
            new = draft.new_contact
            return " ".join(p for p in (new.first_name, new.last_name) if p)
        if draft.contact_id is not None:
            contact = session.get(Contact, draft.contact_id)
            if contact is not None:
                return " ".join(p for p in (contact.first_name, contact.last_name) if p)
    return "Demande"


def item_text(item: OutboxItem) -> str:
    moment = item.draft.received_at.strftime("%d/%m/%Y %H:%M")  # the inquiry's arrival
    needs = len(item.draft.needs)
    text = f"{moment} — {item.label} — {needs} besoin{'s' if needs > 1 else ''}"
    if item.problem:
        text += f" — refusée par le serveur : {item.problem}"
    return text


class OutboxDialog(QDialog):
    """The inquiries waiting for the server; an unsent one may be given up."""

    def __init__(self, outbox: Outbox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outbox = outbox
        self.setObjectName("outboxDialog")
        self.setWindowTitle(self.tr("Demandes en attente d'envoi"))
        layout = QVBoxLayout(self)
        caption = QLabel(
            self.tr(
                "Demandes enregistrées sans le serveur. Elles seront envoyées, une par une, "
                "dès que le serveur sera de nouveau joignable."
            )
        )
        caption.setWordWrap(True)
        layout.addWidget(caption)
        self.list = QListWidget()
        self.list.setObjectName("outboxList")
        label = QLabel(self.tr("&Demandes en attente"))
        label_field(label, self.list)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.discard_button = QPushButton(self.tr("&Abandonner cette demande"))
        self.discard_button.setObjectName("discardOutboxItem")
        self.discard_button.setAccessibleName(self.tr("Abandonner cette demande"))
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.discard_button.clicked.connect(self.discard)
        layout.addWidget(buttons)
        self.resize(640, 360)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for item in self.outbox.items():
            row = QListWidgetItem(item_text(item))
            row.setData(Qt.ItemDataRole.UserRole, item.key)
            self.list.addItem(row)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.list.addItem(self.tr("Aucune demande en attente."))
        self.discard_button.setEnabled(
            self.list.currentItem() is not None
            and bool(self.list.currentItem().data(Qt.ItemDataRole.UserRole))
        )

    def discard(self) -> None:
        current = self.list.currentItem()
        key = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        if not key:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Abandonner la demande"),
            self.tr("Abandonner cette demande ? Elle ne sera jamais envoyée au serveur."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.outbox.discard(key)
            self.reload()


def show_send_result(parent: QWidget, result: SendResult) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        parent.tr("Demandes envoyées"),
        describe(result),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("outboxResultBox")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
