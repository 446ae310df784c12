"""Create or edit a contact of an organization, with the legal basis of the processing (RGPD)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import ConcurrentEditError, GuichetError, ValidationError
from guichet.models import LegalBasis, label
from guichet.reference.phones import format_phone
from guichet.services.contacts import (
    ADDRESS_FIELDS,
    CIVILITIES,
    CONTACT_LABELS,
    ContactData,
    ContactInfo,
    ContactService,
)

from guichet.ui.accessibility import set_name
from guichet.ui.combo import add_no_value, combo_value, select_value
from guichet.ui.context import AppContext
from guichet.ui.dialogs.form_errors import PHONE_FIELDS, ConcurrentEditBanner, FormErrors
from guichet.ui.dialogs.save_buttons import save_cancel_buttons
from guichet.ui.feedback import show_error
from guichet.ui.unsaved import confirm_dialog_discard
from guichet.ui.widgets.history_view import ReadLog, tab_with_history

TEXT_FIELDS = ("first_name", "last_name", "role", "phone", "mobile", "email", *ADDRESS_FIELDS)


class ContactDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        organization_id: int,
        contact: ContactInfo | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = ContactService(ctx.db)
        self.organization_id = organization_id
        self.contact = contact
        self.version = contact.version if contact else None
        self.opened = contact.opened_values() if contact else None
        self.saved: ContactInfo | None = None
        self.setObjectName("contactDialog")
        self.setWindowTitle(
            self.tr("Modifier le contact") if contact else self.tr("Nouveau contact")
        )
        layout = QVBoxLayout(self)
        self.banner = ConcurrentEditBanner()
        layout.addWidget(self.banner)
        form = QFormLayout()
        layout.addLayout(form)
        self.errors = FormErrors()
        self.civility_combo = QComboBox()
        self.civility_combo.setObjectName("civility_combo")
        self.civility_combo.addItems(list(CIVILITIES))
        self.civility_combo.setEditable(True)
        self.errors.add_row(form, self.tr("Civilité"), self.civility_combo, "civility")
        self.edits: dict[str, QLineEdit] = {}
        for field in TEXT_FIELDS:
            if field == ADDRESS_FIELDS[0]:
                heading = QLabel(
                    self.tr(
                        "Adresse personnelle — pour les courriers à une personne sans "
                        "entreprise ou à un porteur de projet :"
                    )
                )
                heading.setObjectName("personalAddressLabel")
                heading.setWordWrap(True)
                form.addRow(heading)
            edit = QLineEdit()
            edit.setObjectName(f"{field}_edit")
            self.edits[field] = edit
            caption = self.tr(CONTACT_LABELS[field]) + (" *" if field == "last_name" else "")
            self.errors.add_row(form, caption, edit, field)
        self.basis_combo = QComboBox()
        self.basis_combo.setObjectName("legal_basis_combo")
        add_no_value(self.basis_combo, self.tr("Non renseignée"))
        for basis in LegalBasis:
            self.basis_combo.addItem(self.tr(label(basis)), basis)
        self.errors.add_row(form, self.tr("Base légale"), self.basis_combo, "legal_basis")
        self.basis_date = QDateEdit(QDate.currentDate())
        self.basis_date.setObjectName("legal_basis_on_date")
        self.basis_date.setCalendarPopup(True)
        self.basis_date.setDisplayFormat("dd/MM/yyyy")
        self.errors.add_row(form, self.tr("Depuis le"), self.basis_date, "legal_basis_on")
        self.basis_source = QLineEdit()
        self.basis_source.setObjectName("legal_basis_source_edit")
        self.basis_source.setPlaceholderText(self.tr("Saisie dans Guichet"))
        self.basis_source.setMaxLength(200)
        self.errors.add_row(
            form, self.tr("Source (recueillie comment)"), self.basis_source, "legal_basis_source"
        )
        self.consent_box = QCheckBox(self.tr("Consentement recueilli le"))
        self.consent_box.setObjectName("consent_box")
        self.consent_date = QDateEdit(QDate.currentDate())
        self.consent_date.setObjectName("consent_date")
        set_name(self.consent_date, self.tr("Date du consentement"))
        self.consent_date.setCalendarPopup(True)
        self.consent_date.setDisplayFormat("dd/MM/yyyy")
        self.consent_date.setEnabled(False)
        self.consent_box.toggled.connect(self.consent_date.setEnabled)
        form.addRow(self.consent_box)
        self.errors.add_row(form, "", self.consent_date, "consent_on")
        self.opposed_box = QCheckBox(self.tr("S'oppose aux communications (invitations, envois)"))
        self.opposed_box.setObjectName("opposed_box")
        self.opposed_on: date | None = None  # the day recorded, kept while the box stays ticked
        self.errors.add_row(form, "", self.opposed_box, "opposed_on")
        buttons = save_cancel_buttons(self, self.on_buttons_accepted)
        layout.addWidget(buttons)
        self.basis_combo.setCurrentIndex(
            max(self.basis_combo.findData(LegalBasis.LEGITIMATE_INTEREST), 0)
        )
        if contact is not None:
            self.load(contact.data)
            self.history_tabs = tab_with_history(
                ctx, layout, form, self.tr("Coordonnées"), "contact", contact.id
            )
            ReadLog(ctx, "contact").opened(contact.id)
        self.opened_form = self.form_data()  # what closing the app compares with

    def has_unsaved_changes(self) -> bool:
        return self.form_data() != self.opened_form

    def confirm_discard(self) -> bool:
        return confirm_dialog_discard(self, self.on_buttons_accepted)

    def load(self, data: ContactData) -> None:
        self.civility_combo.setEditText(data.civility or "")
        for field in TEXT_FIELDS:
            value = getattr(data, field) or ""
            # numbers are stored E.164 and read in the national form, as everywhere
            self.edits[field].setText(format_phone(value) if field in PHONE_FIELDS else value)
        select_value(self.basis_combo, data.legal_basis)
        if data.legal_basis_on is not None:
            day = data.legal_basis_on
            self.basis_date.setDate(QDate(day.year, day.month, day.day))
        self.basis_source.setText(data.legal_basis_source or "")
        self.consent_box.setChecked(data.consent_on is not None)
        if data.consent_on is not None:
            day = data.consent_on
            self.consent_date.setDate(QDate(day.year, day.month, day.day))
        self.opposed_on = data.opposed_on
        self.opposed_box.setChecked(data.opposed_on is not None)

    def form_data(self) -> ContactData:
        consent: date | None = None
        if self.consent_box.isChecked():
            consent = self.consent_date.date().toPython()  # type: ignore[assignment]
        return ContactData(
            civility=self.civility_combo.currentText(),
            legal_basis=combo_value(self.basis_combo),
            legal_basis_on=self.basis_date.date().toPython(),  # type: ignore[arg-type]
            legal_basis_source=self.basis_source.text(),
            consent_on=consent,
            opposed_on=(self.opposed_on or date.today()) if self.opposed_box.isChecked() else None,
            **{field: self.edits[field].text() for field in TEXT_FIELDS},
        )

    def on_buttons_accepted(self) -> None:
        self.errors.clear()
        data = self.form_data()
        try:
            if self.contact is None:
                self.saved = self.service.create(self.organization_id, data)
            else:
                self.saved = self.service.update(
                    self.contact.id, data, version=self.version, opened=self.opened
                )
        except ValidationError as exc:
            if not self.errors.show(exc):
                show_error(self, exc)
            return
        except ConcurrentEditError as exc:
            assert self.contact is not None
            try:
                current = self.service.get(self.contact.id)
            except GuichetError as gone:
                show_error(self, gone)
                return
            self.version, self.opened = current.version, current.opened_values()
            self.banner.show_changes(
                exc,
                CONTACT_LABELS,
                self.tr("Votre saisie est conservée : enregistrez à nouveau pour la garder."),
            )
            return
        except GuichetError as exc:
            show_error(self, exc)
            return
        self.accept()
