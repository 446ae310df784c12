"""Register a person not found by the type-ahead: their company (found in the directory or
created, as in the intake), then one of its contacts or a new one (checked as in the intake)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from guichet.errors import GuichetError, ValidationError
from guichet.services.meeting_registrations import RegistrationResult, register

from guichet.ui.context import AppContext
from guichet.ui.dialogs.save_buttons import save_cancel_buttons
from guichet.ui.feedback import show_error
from guichet.ui.screen_fit import fit_to_screen
from guichet.ui.unsaved import confirm_dialog_discard
from guichet.ui.widgets.company_field import CompanyField
from guichet.ui.widgets.contact_field import ContactField


class RegistrantDialog(QDialog):
    def __init__(
        self, ctx: AppContext, meeting_id: int, typed: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id = meeting_id
        self.result_: RegistrationResult | None = None
        self.setObjectName("registrantDialog")
        self.setWindowTitle(self.tr("Inscrire une personne"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.company = CompanyField(ctx)
        self.contact = ContactField(ctx)
        company_label = QLabel(self.tr("&Entreprise (facultative)"))
        company_label.setBuddy(self.company.search.line)
        contact_label = QLabel(self.tr("&Personne"))
        contact_label.setBuddy(self.contact.search.line)
        form.addRow(company_label, self.company)
        form.addRow(contact_label, self.contact)
        layout.addStretch(1)
        buttons = save_cancel_buttons(self, self.on_buttons_accepted)
        buttons.button(buttons.StandardButton.Save).setText(self.tr("Inscrire"))
        layout.addWidget(buttons)
        self.company.company_chosen.connect(self.on_company_company_chosen)
        if typed.strip():
            self.contact.search.set_text(typed.strip())
            self.contact.on_search_picked("new")  # what was typed becomes the new person's name
        fit_to_screen(self, (640, 420))
        self.company.setFocus()

    def has_unsaved_changes(self) -> bool:
        return self.result_ is None and (
            self.company.organization_id is not None or self.contact.is_new()
        )

    def confirm_discard(self) -> bool:
        return confirm_dialog_discard(self, self.on_buttons_accepted)

    def on_company_company_chosen(self, organization_id: object, _name: str) -> None:
        org_id = organization_id if isinstance(organization_id, int) else None
        new = self.contact.new_contact()
        self.contact.set_organization(org_id)
        if new is None:
            self.contact.setFocus()
            self.contact.offer()

    def on_buttons_accepted(self) -> None:
        try:
            contact_id = self.contact.contact_id()
            new = self.contact.new_contact()
            if contact_id is None and new is None:
                raise ValidationError("Choisissez la personne ou créez-la.", field="contact")
            self.result_ = register(
                self.ctx.db,
                self.meeting_id,
                contact_id=contact_id,
                new_person=new,
                organization_id=self.company.organization_id,
            )
        except GuichetError as exc:
            show_error(self, exc)
            return
        self.accept()
