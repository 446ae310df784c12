"""Create or edit an organization: identity, address, skills.

The SIRET is grouped and checked as it is typed, the commune is proposed from the postal code,
the NAF code is found by code or by words of its label. A refused field shows its French
message right under it and the form keeps everything typed. If someone else saved the same
organization meanwhile, the dialog says what they changed; saving again then replaces it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import ConcurrentEditError, GuichetError, ValidationError
from guichet.models import label
from guichet.reference.headcount import HEADCOUNT_BANDS
from guichet.reference.identifiers import compact_digits
from guichet.reference.legal_forms import all_legal_forms
from guichet.reference.naf import naf_entry
from guichet.reference.phones import format_phone
from guichet.services.capabilities import CapabilityService, certifications, sectors
from guichet.services.organization_rules import (
    FIELD_LABELS,
    OrganizationData,
    address_warnings,
    afnor_lines,
)
from guichet.services.organizations import OrganizationDetail, OrganizationService

from guichet.ui.combo import add_no_value, combo_value, select_value
from guichet.ui.context import AppContext
from guichet.ui.dialogs.capability_picker import CapabilityPicker, CheckList
from guichet.ui.dialogs.form_errors import ConcurrentEditBanner, FormErrors
from guichet.ui.dialogs.organization_fields import (
    KINDS,
    SiretStatus,
    fill_communes,
    group_siret,
    naf_completer,
)
from guichet.ui.dialogs.save_buttons import save_cancel_buttons
from guichet.ui.dialogs.sirene_completion import SireneCompletion
from guichet.ui.feedback import show_error
from guichet.ui.screen_fit import fit_to_screen, set_text_lines
from guichet.ui.theme import set_themed_style
from guichet.ui.unsaved import confirm_dialog_discard

TEXT_FIELDS = (
    "legal_name",
    "trade_name",
    "siret",
    "naf_code",
    "phone",
    "email",
    "website",
    "address_building",
    "address_street",
    "address_locality",
    "postal_code",
    "country",
    "do_not_refer_reason",
)


class OrganizationDialog(QDialog):
    def __init__(
        self, ctx: AppContext, detail: OrganizationDetail | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = OrganizationService(ctx.db)
        self.detail = detail
        self.version = detail.version if detail else None
        self.opened = detail.opened_values() if detail else None
        self.saved_id: int | None = detail.id if detail else None
        self.setObjectName("organizationDialog")
        self.setWindowTitle(
            self.tr("Modifier l'organisation") if detail else self.tr("Nouvelle organisation")
        )
        fit_to_screen(self, (720, 620))
        layout = QVBoxLayout(self)
        self.banner = ConcurrentEditBanner()
        layout.addWidget(self.banner)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("organizationTabs")
        self.errors = FormErrors(self.tabs)
        self.edits: dict[str, QLineEdit] = {}
        self.tabs.addTab(self._identity_tab(), self.tr("Identité"))
        self.tabs.addTab(self._address_tab(), self.tr("Adresse"))
        self.tabs.addTab(self._skills_tab(), self.tr("Savoir-faire"))
        layout.addWidget(self.tabs)
        buttons = save_cancel_buttons(self, self.on_buttons_accepted)
        buttons.setObjectName("organizationButtons")
        layout.addWidget(buttons)
        if detail is not None:
            self.load(detail.data)
            self.on_siret_edit_checked()
        self.on_address_changed()
        self.opened_form = self.form_data()  # what closing the app compares with

    def has_unsaved_changes(self) -> bool:
        return self.form_data() != self.opened_form

    def confirm_discard(self) -> bool:
        return confirm_dialog_discard(self, self.on_buttons_accepted)

    # -- construction -------------------------------------------------------------------------
    def _edit(self, field: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"{field}_edit")
        # No maxLength: a pasted text too long is kept whole and refused with a message.
        self.edits[field] = edit
        return edit

    def _identity_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kind_combo")
        for kind in KINDS:
            self.kind_combo.addItem(self.tr(label(kind)), kind)
        self.errors.add_row(form, self.tr("Type"), self.kind_combo, "kind", 0)
        self.errors.add_row(
            form, self.tr("Raison sociale *"), self._edit("legal_name"), "legal_name", 0
        )
        self.errors.add_row(
            form, self.tr("Nom commercial"), self._edit("trade_name"), "trade_name", 0
        )
        siret = self._edit("siret")
        siret.setPlaceholderText(self.tr("14 chiffres, facultatif"))
        siret.textEdited.connect(self.on_siret_edit_text_edited)
        self.siret_status = SiretStatus()
        self.errors.add_row(form, self.tr("SIRET"), siret, "siret", 0, self.siret_status)
        self.sirene = SireneCompletion(self)
        siret.textEdited.connect(self.on_siret_edit_checked)
        form.addRow("", self.sirene.button)
        naf = self._edit("naf_code")
        naf.setPlaceholderText(self.tr("code (25.62B) ou mots du libellé"))
        completer = naf_completer(self)
        completer.activated.connect(self.on_naf_completer_activated)
        naf.setCompleter(completer)
        naf.textChanged.connect(self.on_naf_edit_text_changed)
        self.naf_label = QLabel()
        self.naf_label.setObjectName("nafLabel")
        self.naf_label.setWordWrap(True)
        self.errors.add_row(form, self.tr("Code NAF"), naf, "naf_code", 0, self.naf_label)
        self.legal_form_combo = QComboBox()
        self.legal_form_combo.setObjectName("legal_form_combo")
        add_no_value(self.legal_form_combo, "")
        for code, name in all_legal_forms():
            self.legal_form_combo.addItem(f"{code} — {name}", code)
        self.errors.add_row(
            form, self.tr("Forme juridique"), self.legal_form_combo, "legal_form", 0
        )
        self.headcount_combo = QComboBox()
        self.headcount_combo.setObjectName("headcount_combo")
        add_no_value(self.headcount_combo, "")
        for code, name in HEADCOUNT_BANDS:
            self.headcount_combo.addItem(name, code)
        self.errors.add_row(form, self.tr("Effectif"), self.headcount_combo, "headcount_band", 0)
        self.errors.add_row(form, self.tr("Téléphone"), self._edit("phone"), "phone", 0)
        self.errors.add_row(form, self.tr("E-mail"), self._edit("email"), "email", 0)
        self.errors.add_row(form, self.tr("Site web"), self._edit("website"), "website", 0)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("description_edit")
        set_text_lines(self.description_edit, 3.5, "max")
        self.errors.add_row(form, self.tr("Description"), self.description_edit, "description", 0)
        self.do_not_refer_box = QCheckBox(self.tr("Ne pas orienter vers cette organisation"))
        self.do_not_refer_box.setObjectName("do_not_refer_box")
        reason = self._edit("do_not_refer_reason")
        reason.setPlaceholderText(self.tr("motif (obligatoire si coché)"))
        self.errors.add_row(form, "", self.do_not_refer_box, "do_not_refer", 0)
        self.errors.add_row(form, self.tr("Motif"), reason, "do_not_refer_reason", 0)
        self.do_not_contact_box = QCheckBox(
            self.tr("Ne pas contacter (exclue des invitations et envois)")
        )
        self.do_not_contact_box.setObjectName("do_not_contact_box")
        self.errors.add_row(form, "", self.do_not_contact_box, "do_not_contact", 0)
        return tab

    def _address_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        for field, caption in (
            ("address_building", self.tr("Bâtiment, zone")),
            ("address_street", self.tr("N° et voie")),
            ("address_locality", self.tr("Lieu-dit, BP")),
        ):
            self.errors.add_row(form, caption, self._edit(field), field, 1)
        postal = self._edit("postal_code")
        postal.textChanged.connect(self.on_postal_code_edit_text_changed)
        self.errors.add_row(form, self.tr("Code postal"), postal, "postal_code", 1)
        self.city_combo = QComboBox()
        self.city_combo.setObjectName("city_combo")
        self.city_combo.setEditable(True)
        self.city_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.errors.add_row(form, self.tr("Commune"), self.city_combo, "city", 1)
        self.errors.add_row(form, self.tr("Pays"), self._edit("country"), "country", 1)
        self.afnor_label = QLabel()
        self.afnor_label.setObjectName("afnorPreview")
        self.afnor_label.setTextFormat(Qt.TextFormat.PlainText)
        self.afnor_label.setStyleSheet("font-family: monospace;")
        self.afnor_warnings = QLabel()
        self.afnor_warnings.setObjectName("afnorWarnings")
        self.afnor_warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.afnor_warnings.setWordWrap(True)
        set_themed_style(self.afnor_warnings, "color: $warning;")
        form.addRow(self.tr("Sur l'enveloppe"), self.afnor_label)
        form.addRow("", self.afnor_warnings)
        for field in ("legal_name", "address_building", "address_street", "address_locality"):
            self.edits[field].textChanged.connect(self.on_address_changed)
        self.edits["postal_code"].textChanged.connect(self.on_address_changed)
        self.edits["country"].textChanged.connect(self.on_address_changed)
        self.city_combo.currentTextChanged.connect(self.on_address_changed)
        return tab

    def _skills_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.capability_picker = CapabilityPicker(CapabilityService(self.ctx.db).tree())
        self.certification_list = CheckList("certificationList", certifications(self.ctx.db))
        set_text_lines(self.certification_list, 6, "max")
        self.sector_list = CheckList("sectorList", sectors(self.ctx.db))
        set_text_lines(self.sector_list, 6, "max")
        self.errors.add_row(form, self.tr("Compétences"), self.capability_picker, "capabilities", 2)
        self.errors.add_row(
            form, self.tr("Certifications"), self.certification_list, "certifications", 2
        )
        self.errors.add_row(form, self.tr("Filières"), self.sector_list, "sectors", 2)
        return tab

    # -- form <-> data ------------------------------------------------------------------------
    def load(self, data: OrganizationData) -> None:
        for field in TEXT_FIELDS:
            value = getattr(data, field)
            text = "" if value is None else str(value)
            self.edits[field].setText(format_phone(text) if field == "phone" else text)
        self.edits["siret"].setText(group_siret(data.siret or ""))
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(data.kind), 0))
        select_value(self.legal_form_combo, data.legal_form)
        select_value(self.headcount_combo, data.headcount_band)
        self.description_edit.setPlainText(data.description or "")
        self.do_not_refer_box.setChecked(data.do_not_refer)
        self.do_not_contact_box.setChecked(data.do_not_contact)
        self.on_postal_code_edit_text_changed(data.postal_code or "")
        self.city_combo.setEditText(data.city or "")
        self.capability_picker.set_checked(data.capability_ids)
        self.certification_list.set_checked(data.certification_ids)
        self.sector_list.set_checked(data.sector_ids)

    def form_data(self) -> OrganizationData:
        text = {field: self.edits[field].text() for field in TEXT_FIELDS}
        city = self.city_combo.currentText()
        index = self.city_combo.findText(city, Qt.MatchFlag.MatchFixedString)
        insee = self.city_combo.itemData(index) if index >= 0 else None
        return OrganizationData(
            **text,
            kind=combo_value(self.kind_combo),
            legal_form=combo_value(self.legal_form_combo),
            headcount_band=combo_value(self.headcount_combo),
            city=city,
            commune_insee=insee,
            description=self.description_edit.toPlainText(),
            do_not_refer=self.do_not_refer_box.isChecked(),
            do_not_contact=self.do_not_contact_box.isChecked(),
            capability_ids=self.capability_picker.checked(),
            certification_ids=self.certification_list.checked(),
            sector_ids=self.sector_list.checked(),
        )

    # -- slots --------------------------------------------------------------------------------
    def on_siret_edit_text_edited(self, text: str) -> None:
        edit = self.edits["siret"]
        at_end = edit.cursorPosition() == len(text)
        grouped = group_siret(text)
        if grouped != text:
            edit.setText(grouped)
            if at_end:
                edit.setCursorPosition(len(grouped))
        self.siret_status.show_check(compact_digits(grouped))

    def set_siret(self, siret: str) -> None:
        self.edits["siret"].setText(group_siret(siret))
        self.on_siret_edit_text_edited(self.edits["siret"].text())
        self.on_siret_edit_checked()

    def on_siret_edit_checked(self, *_args: object) -> None:
        """After the SIRET is grouped and checked: does the SIRENE table know it?"""
        self.sirene.siret_changed(self.edits["siret"].text())
        if self.sirene.match is not None:
            self.siret_status.setText(
                self.tr("SIRET valide — SIRENE : %1").replace("%1", self.sirene.match.display)
            )

    def on_naf_completer_activated(self, text: str) -> None:
        self.edits["naf_code"].setText(text.split(" — ", 1)[0])

    def on_naf_edit_text_changed(self, text: str) -> None:
        entry = naf_entry(text) if text.strip() else None
        self.naf_label.setText(entry.label if entry else "")

    def on_postal_code_edit_text_changed(self, text: str) -> None:
        fill_communes(self.city_combo, text)
        self.on_address_changed()

    def on_address_changed(self, *_args: object) -> None:
        data = self.form_data()
        has_address = any((data.address_street, data.address_locality, data.postal_code, data.city))
        self.afnor_label.setText("\n".join(afnor_lines(data)) if has_address else "")
        self.afnor_warnings.setText("\n".join(address_warnings(data)))

    def on_buttons_accepted(self) -> None:
        self.errors.clear()
        data = self.form_data()
        try:
            if self.detail is None:
                result = self.service.create(data)
            else:
                result = self.service.update(
                    self.detail.id, data, version=self.version, opened=self.opened
                )
        except ValidationError as exc:
            if not self.errors.show(exc):
                show_error(self, exc)
            return
        except ConcurrentEditError as exc:
            self._show_concurrent_edit(exc)
            return
        except GuichetError as exc:
            show_error(self, exc)
            return
        self.saved_id = result.organization_id
        if result.warnings:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Enregistré"),
                self.tr("La fiche est enregistrée. À vérifier :")
                + "\n• "
                + "\n• ".join(result.warnings),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setObjectName("saveWarningsBox")
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
        self.accept()

    def _show_concurrent_edit(self, exc: ConcurrentEditError) -> None:
        assert self.detail is not None
        try:
            current = self.service.get(self.detail.id)
        except GuichetError as gone:
            show_error(self, gone)
            return
        self.version = current.version
        self.opened = current.opened_values()
        self.banner.show_changes(
            exc,
            FIELD_LABELS,
            self.tr(
                "Votre saisie est conservée : enregistrez à nouveau pour remplacer ses "
                "changements par les vôtres, ou annulez."
            ),
        )
