"""The person who makes the request: one of the company's contacts, or a new one (phone and
e-mail checked when the inquiry is saved, the form kept on error).

A new contact's civility (Madame, Monsieur or none: the letters greet the person with it) is
read from the name typed (« Mme Claire Martin », « M. Vasseur ») or chosen in its list.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from guichet.reference.phones import format_phone
from guichet.reference.text import words
from guichet.services.contacts import ContactChoice
from guichet.services.intake import NewContact
from guichet.services.intake_context import company_contacts

from guichet.ui.accessibility import label_field, set_name
from guichet.ui.context import AppContext
from guichet.ui.widgets.type_ahead import Suggestion, TypeAheadEdit

NEW = "new"
#: Civilities as stored (``services.contacts.CIVILITIES``) with what the list shows.
CIVILITY_CHOICES = (("", ""), ("Mme", "Madame"), ("M.", "Monsieur"))
_CIVILITY_WORDS = {
    "mme": "Mme",
    "madame": "Mme",
    "mlle": "Mme",
    "mademoiselle": "Mme",
    "m": "M.",
    "mr": "M.",
    "monsieur": "M.",
}


def split_name(text: str) -> tuple[str, str, str]:
    """``"Mme Claire Martin"`` → ``("Mme", "Claire", "Martin")``: civility (stored form, or
    empty), first name, last name; a single word is a last name, even « Monsieur »."""
    parts = text.split()
    civility = ""
    if len(parts) > 1:
        key = parts[0].rstrip(".").casefold()
        if key in _CIVILITY_WORDS:
            civility = _CIVILITY_WORDS[key]
            parts = parts[1:]
    if len(parts) < 2:
        return civility, "", " ".join(parts)
    return civility, parts[0], " ".join(parts[1:])


class ContactField(QWidget):
    email_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("contactField")
        self.contacts: list[ContactChoice] = []
        self.contact: ContactChoice | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = TypeAheadEdit(
            "contactSearch", self.tr("nom de la personne (« Mme Claire Martin »)…")
        )
        layout.addWidget(self.search)
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("contactChosen")
        self.chosen_label.hide()
        layout.addWidget(self.chosen_label)
        self.new_box = QWidget()
        self.new_box.setObjectName("newContactBox")
        grid = QGridLayout(self.new_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.civility = QComboBox()
        self.civility.setObjectName("newContactCivility")
        self.civility.setAccessibleName(self.tr("Civilité"))
        for stored, shown in CIVILITY_CHOICES:
            self.civility.addItem(self.tr(shown), stored)
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.role = QLineEdit()
        for name, edit, limit in (
            ("newContactFirstName", self.first_name, 80),
            ("newContactLastName", self.last_name, 120),
            ("newContactPhone", self.phone, 30),
            ("newContactEmail", self.email, 254),
            ("newContactRole", self.role, 120),
        ):
            edit.setObjectName(name)
            edit.setMaxLength(limit)
        self.phone.setPlaceholderText("02 35 12 34 56")
        self.email.setPlaceholderText("prenom.nom@entreprise.fr")
        set_name(self.first_name, self.tr("Prénom"))
        set_name(self.last_name, self.tr("Nom"))
        grid.addWidget(QLabel(self.tr("Civilité, prénom, nom")), 0, 0)
        names = QHBoxLayout()
        names.addWidget(self.civility)
        names.addWidget(self.first_name, 1)
        grid.addLayout(names, 0, 1)
        grid.addWidget(self.last_name, 0, 2, 1, 2)
        for caption, edit, row, column in (
            (self.tr("Téléphone"), self.phone, 1, 0),
            (self.tr("E-mail"), self.email, 1, 2),
            (self.tr("Fonction"), self.role, 2, 0),
        ):
            caption_label = QLabel(caption)
            label_field(caption_label, edit)
            grid.addWidget(caption_label, row, column)
        grid.addWidget(self.phone, 1, 1)
        grid.addWidget(self.email, 1, 3)
        grid.addWidget(self.role, 2, 1, 1, 3)
        self.new_box.hide()
        layout.addWidget(self.new_box)
        self.setFocusProxy(self.search)
        self.search.text_edited.connect(self.on_search_text_edited)
        self.search.picked.connect(self.on_search_picked)
        self.email.textChanged.connect(self.email_changed)

    # -- public --------------------------------------------------------------------------------
    def set_organization(self, organization_id: int | None) -> None:
        self.contacts = company_contacts(self.ctx.db, organization_id) if organization_id else []
        self.contact = None
        self.chosen_label.hide()
        if not self.new_box.isVisible():
            self.search.show()

    def offer(self) -> None:
        """Show the company's contacts (focus on the field, Down/Enter to pick)."""
        self.on_search_text_edited(self.search.text())

    def is_new(self) -> bool:
        return self.new_box.isVisible()

    def new_contact(self) -> NewContact | None:
        if not self.is_new():
            return None
        return NewContact(
            last_name=self.last_name.text(),
            first_name=self.first_name.text(),
            civility=str(self.civility.currentData() or ""),
            role=self.role.text(),
            phone=self.phone.text(),
            email=self.email.text(),
        )

    def contact_id(self) -> int | None:
        return self.contact.id if self.contact and not self.is_new() else None

    def current_email(self) -> str:
        if self.is_new():
            return self.email.text().strip()
        return self.contact.email if self.contact else ""

    # -- slots ---------------------------------------------------------------------------------
    def on_search_text_edited(self, text: str) -> None:
        terms = words(text)
        matches = [
            c
            for c in self.contacts
            if all(any(w.startswith(t) for w in words(c.name)) for t in terms)
        ]
        suggestions = [
            Suggestion(" — ".join(p for p in (c.name, c.role, c.email) if p), c)
            for c in matches[:8]
        ]
        if text.strip():
            suggestions.append(
                Suggestion(self.tr("+ Nouveau contact « %1 »").replace("%1", text.strip()), NEW)
            )
        self.search.show_suggestions(suggestions)

    def on_search_picked(self, data: object) -> None:
        if isinstance(data, ContactChoice):
            self.contact = data
            self.new_box.hide()
            self.chosen_label.setText(
                " — ".join(
                    p for p in (data.name, data.role, format_phone(data.phone), data.email) if p
                )
            )
            self.chosen_label.show()
            self.search.set_text(data.name)
            self.email_changed.emit(data.email)
            self.focusNextChild()
            return
        civility, first, last = split_name(self.search.text())
        self.search.hide_suggestions()
        self.civility.setCurrentIndex(max(self.civility.findData(civility), 0))
        self.contact = None
        self.chosen_label.hide()
        self.first_name.setText(first)
        self.last_name.setText(last)
        self.new_box.show()
        self.phone.setFocus()
