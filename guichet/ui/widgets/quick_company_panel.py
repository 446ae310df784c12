"""Creating a company inside the intake form: name, SIRET formatted and checked as it is typed
(or « sans SIRET »), number and street (AFNOR line 4, what a letter needs is said, never
required), postal code → commune (the most populous first), NAF by code or label. Entrée in any
field creates the company (in the NAF field, once no suggestion is open)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.reference.communes import communes_for_postal_code
from guichet.reference.identifiers import compact_digits, is_valid_siret
from guichet.reference.naf import search_naf
from guichet.services.drafts import NewCompanyText
from guichet.services.quick_company import (
    MAX_STREET,
    CompanyCreated,
    QuickCompanyDraft,
    address_warnings,
    create_quick_company,
)
from guichet.services.sirene_lookup import SireneMatch, find_by_siret

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.feedback import show_error
from guichet.ui.widgets.type_ahead import Suggestion, TypeAheadEdit


def group_siret(text: str) -> str:
    """Digits of a SIRET being typed, grouped 3 3 3 5 (``73282932000074`` → ``732 829 320 00074``)."""
    digits = "".join(c for c in compact_digits(text) if c.isdigit())[:14]
    parts = [digits[:3], digits[3:6], digits[6:9], digits[9:]]
    return " ".join(p for p in parts if p)


class QuickCompanyPanel(QGroupBox):
    created = Signal(object)  # CompanyCreated
    cancelled = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("quickCompanyPanel")
        self.setTitle(self.tr("Nouvelle entreprise"))
        form = QFormLayout(self)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("quickCompanyName")
        self.name_edit.setMaxLength(250)
        form.addRow(self.tr("Raison sociale"), self.name_edit)
        siret_row = QHBoxLayout()
        self.siret_edit = QLineEdit()
        self.siret_edit.setObjectName("quickCompanySiret")
        self.siret_edit.setPlaceholderText("732 829 320 00074")
        self.siret_edit.setValidator(QRegularExpressionValidator(r"[0-9 ]{0,17}", self))
        # the whole grouped number stays readable, whatever the font
        digits_width = self.siret_edit.fontMetrics().horizontalAdvance("000 000 000 00000")
        self.siret_edit.setMinimumWidth(digits_width + 16)
        self.without_siret = QCheckBox(self.tr("sans SIRET"))
        self.without_siret.setToolTip(self.tr("Porteur de projet, entreprise en création"))
        self.without_siret.setObjectName("quickCompanyWithoutSiret")
        siret_row.addWidget(self.siret_edit, 1)
        siret_row.addWidget(self.without_siret)
        form.addRow(self.tr("SIRET"), siret_row)
        self.siret_status = QLabel()
        self.siret_status.setObjectName("quickCompanySiretStatus")
        self.siret_status.setTextFormat(Qt.TextFormat.PlainText)  # SIRENE names are plain text
        form.addRow("", self.siret_status)
        self.street_edit = QLineEdit()
        self.street_edit.setObjectName("quickCompanyStreet")
        self.street_edit.setMaxLength(MAX_STREET)
        self.street_edit.setPlaceholderText(self.tr("12 rue des Falaises"))
        form.addRow(self.tr("N° et voie"), self.street_edit)
        place = QHBoxLayout()
        self.postal_edit = QLineEdit()
        self.postal_edit.setObjectName("quickCompanyPostalCode")
        self.postal_edit.setMaxLength(5)
        self.postal_edit.setValidator(QRegularExpressionValidator(r"[0-9]{0,5}", self))
        self.postal_edit.setFixedWidth(
            self.postal_edit.fontMetrics().horizontalAdvance("000000") + 16
        )
        self.commune_box = QComboBox()
        self.commune_box.setObjectName("quickCompanyCommune")
        self.commune_box.setEditable(True)
        self.commune_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        place.addWidget(self.postal_edit)
        place.addWidget(self.commune_box, 1)
        set_name(self.postal_edit, self.tr("Code postal"))
        set_name(self.commune_box, self.tr("Commune"))
        form.addRow(self.tr("Code postal, commune"), place)
        self.address_status = QLabel()
        self.address_status.setObjectName("quickCompanyAddressStatus")
        self.address_status.setTextFormat(Qt.TextFormat.PlainText)
        self.address_status.setWordWrap(True)
        form.addRow("", self.address_status)
        self.naf_field = TypeAheadEdit("quickCompanyNaf", self.tr("code (25.62B) ou libellé"))
        self.naf_label = QLabel()
        self.naf_label.setObjectName("quickCompanyNafLabel")
        self.naf_label.setWordWrap(True)
        form.addRow(self.tr("Activité (NAF)"), self.naf_field)
        form.addRow("", self.naf_label)
        buttons = QHBoxLayout()
        self.create_button = QPushButton(self.tr("Créer l'entreprise"))
        self.create_button.setObjectName("quickCompanyCreate")
        self.create_button.setAutoDefault(False)
        self.cancel_button = QPushButton(self.tr("Annuler la création"))
        self.cancel_button.setObjectName("quickCompanyCancel")
        self.cancel_button.setAutoDefault(False)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.cancel_button)
        form.addRow(buttons)
        self.naf_code = ""

        self.siret_edit.textEdited.connect(self.on_siret_edit_text_edited)
        self.without_siret.toggled.connect(self.on_without_siret_toggled)
        self.postal_edit.textChanged.connect(self.on_postal_edit_text_changed)
        self.naf_field.text_edited.connect(self.on_naf_field_text_edited)
        self.naf_field.picked.connect(self.on_naf_field_picked)
        self.create_button.clicked.connect(self.create_company)
        self.cancel_button.clicked.connect(self.on_cancel_button_clicked)
        for edit in (self.name_edit, self.siret_edit, self.street_edit, self.postal_edit):
            edit.returnPressed.connect(self.create_company)
        commune_line = self.commune_box.lineEdit()
        if commune_line is not None:
            commune_line.returnPressed.connect(self.create_company)
        # the last field: Entrée picks an open suggestion, otherwise creates the company
        self.naf_field.line.returnPressed.connect(self.create_company)
        for edit in (self.street_edit, self.postal_edit):
            edit.textChanged.connect(self.show_address_status)
        self.commune_box.currentTextChanged.connect(self.show_address_status)

    # -- public --------------------------------------------------------------------------------
    def start(self, name: str, *, without_siret: bool, siret: str = "") -> None:
        """Show the panel with the typed name, or the typed SIREN/SIRET (then checked and, when
        the local SIRENE table knows it, completed), focus on the first field still to fill."""
        self.name_edit.setText(name.strip())
        self.siret_edit.clear()
        self.siret_status.clear()
        self.street_edit.clear()
        self.postal_edit.clear()
        self.commune_box.clear()
        self.naf_field.set_text("")
        self.naf_label.clear()
        self.naf_code = ""
        self.without_siret.setChecked(without_siret)
        if siret and not without_siret:
            self.siret_edit.setText(group_siret(siret))
            self.on_siret_edit_text_edited(self.siret_edit.text())
        self.show_address_status()
        self.show()
        self.first_to_fill().setFocus()

    def first_to_fill(self) -> QWidget:
        if not self.name_edit.text().strip():
            return self.name_edit
        digits = self.siret_edit.text().replace(" ", "")
        if not self.without_siret.isChecked() and not is_valid_siret(digits):
            return self.siret_edit
        if not self.street_edit.text().strip():
            return self.street_edit
        return self.postal_edit if not self.postal_edit.text() else self.naf_field

    def draft(self) -> QuickCompanyDraft:
        index = self.commune_box.currentIndex()
        typed = self.commune_box.currentText()
        listed = index >= 0 and self.commune_box.itemText(index) == typed
        return QuickCompanyDraft(
            legal_name=self.name_edit.text(),
            siret=self.siret_edit.text(),
            without_siret=self.without_siret.isChecked(),
            street=self.street_edit.text(),
            postal_code=self.postal_edit.text(),
            commune_insee=str(self.commune_box.itemData(index)) if listed else "",
            city=self.commune_box.currentText(),
            naf_code=self.naf_code or self.naf_field.text(),
        )

    def typed(self) -> NewCompanyText:
        """Every field as it stands, for the intake draft."""
        return NewCompanyText(
            legal_name=self.name_edit.text(),
            siret=self.siret_edit.text(),
            without_siret=self.without_siret.isChecked(),
            street=self.street_edit.text(),
            postal_code=self.postal_edit.text(),
            commune=self.commune_box.currentText(),
            naf_code=self.naf_code,
            naf_text=self.naf_field.text(),
        )

    def restore(self, typed: NewCompanyText) -> None:
        """Shows the panel again with the fields of :meth:`typed` (the intake draft)."""
        self.start(typed.legal_name, without_siret=typed.without_siret, siret=typed.siret)
        self.street_edit.setText(typed.street)
        self.postal_edit.setText(typed.postal_code)  # lists its communes
        index = self.commune_box.findText(typed.commune)
        if index >= 0:
            self.commune_box.setCurrentIndex(index)
        else:
            self.commune_box.setEditText(typed.commune)
        if typed.naf_code:
            self.on_naf_field_picked(typed.naf_code)
        else:
            self.naf_code = ""
            self.naf_label.clear()
            self.naf_field.set_text(typed.naf_text)
        self.first_to_fill().setFocus()

    def create_company(self) -> CompanyCreated | None:
        try:
            company = create_quick_company(self.ctx.db, self.draft())
        except GuichetError as exc:
            show_error(self, exc)
            self._focus_field(getattr(exc, "field", None))
            return None
        self.hide()
        self.created.emit(company)
        return company

    def _focus_field(self, field: str | None) -> None:
        widgets = {
            "legal_name": self.name_edit,
            "siret": self.siret_edit,
            "street": self.street_edit,
            "postal_code": self.postal_edit,
            "commune": self.commune_box,
            "naf_code": self.naf_field,
        }
        widget = widgets.get(field or "")
        if widget is not None:
            widget.setFocus()

    # -- slots ---------------------------------------------------------------------------------
    def on_siret_edit_text_edited(self, text: str) -> None:
        grouped = group_siret(text)
        if grouped != text:
            self.siret_edit.setText(grouped)
        digits = grouped.replace(" ", "")
        if not digits:
            self.siret_status.clear()
        elif len(digits) < 14:
            self.siret_status.setText(self.tr("%n chiffre(s) sur 14", "", len(digits)))
        elif is_valid_siret(digits):
            self.siret_status.setText(self.tr("✓ SIRET valide"))
            match = find_by_siret(self.ctx.db, digits)
            if match is not None:
                self.fill_from_sirene(match)
        else:
            self.siret_status.setText(self.tr("✗ SIRET invalide : clé de contrôle fausse"))

    def fill_from_sirene(self, match: SireneMatch) -> None:
        """The SIRET is in the SIRENE table: fill what is still empty (name, place, NAF)."""
        self.siret_status.setText(
            self.tr("✓ SIRET valide — complété depuis SIRENE : ") + match.name
        )
        if not self.name_edit.text().strip():
            self.name_edit.setText(match.name[:250])
        if not self.street_edit.text().strip() and match.street:
            self.street_edit.setText(match.street[:MAX_STREET])
        if not self.postal_edit.text() and match.postal_code:
            self.postal_edit.setText(match.postal_code[:5])
            index = self.commune_box.findData(match.commune_insee)
            if index >= 0:
                self.commune_box.setCurrentIndex(index)
        if not self.naf_code and not self.naf_field.text().strip() and match.naf_code:
            self.on_naf_field_picked(match.naf_code)

    def show_address_status(self) -> None:
        """What a letter to this company would lack (a warning: nothing is required)."""
        draft = self.draft()
        problems = address_warnings(draft) if draft.street.strip() or draft.postal_code else []
        if not draft.street.strip():
            problems = [self.tr("Sans n° ni voie, un courrier risque de ne pas être distribué.")]
        self.address_status.setText(" ".join(problems))

    def on_without_siret_toggled(self, checked: bool) -> None:
        self.siret_edit.setEnabled(not checked)
        if checked:
            self.siret_edit.clear()
            self.siret_status.clear()

    def on_postal_edit_text_changed(self, text: str) -> None:
        self.commune_box.clear()
        if len(text) != 5:
            return
        for found in communes_for_postal_code(text):
            self.commune_box.addItem(found.name, found.insee)
        if self.commune_box.count():
            self.commune_box.setCurrentIndex(0)

    def on_naf_field_text_edited(self, text: str) -> None:
        self.naf_code = ""
        self.naf_label.clear()
        self.naf_field.show_suggestions(
            [Suggestion(f"{e.code} — {e.label}", e.code) for e in search_naf(text, 8)]
        )

    def on_naf_field_picked(self, code: object) -> None:
        entry = next(iter(search_naf(str(code), 1)), None)
        self.naf_code = str(code)
        self.naf_field.set_text(str(code))
        self.naf_label.setText(entry.label if entry else "")
        self.naf_field.setFocus()  # the next Entrée creates the company

    def on_cancel_button_clicked(self) -> None:
        self.hide()
        self.cancelled.emit()
