"""One lot of an opportunity: its title, description, value, required capabilities (from the
thesaurus), certifications and headcount band."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import ValidationError
from guichet.reference.headcount import headcount_label
from guichet.services.capabilities import CapabilityNode, ListItem
from guichet.services.opportunities import LotInput

from guichet.ui.combo import add_no_value, combo_value, select_value
from guichet.ui.dialogs.capability_picker import CapabilityPicker, CheckList
from guichet.ui.dialogs.save_buttons import save_cancel_buttons
from guichet.ui.feedback import show_error
from guichet.ui.screen_fit import fit_to_screen, set_text_lines
from guichet.ui.unsaved import confirm_dialog_discard

BANDS = ("00", "01", "02", "03", "11", "12", "21", "22", "31", "32", "41", "42", "51", "52", "53")


class LotDialog(QDialog):
    def __init__(
        self,
        lot: LotInput,
        capabilities: list[CapabilityNode],
        certifications: list[ListItem],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lotDialog")
        self.setWindowTitle(self.tr("Lot %1").replace("%1", str(lot.number)))
        self.number = lot.number
        self.result_lot: LotInput | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.title_edit = QLineEdit(lot.title)
        self.title_edit.setObjectName("lotTitle")
        self.title_edit.setMaxLength(250)
        form.addRow(self.tr("Intitulé *"), self.title_edit)
        self.description_edit = QPlainTextEdit(lot.description)
        self.description_edit.setObjectName("lotDescription")
        self.description_edit.setTabChangesFocus(True)
        set_text_lines(self.description_edit, 3)
        form.addRow(self.tr("Description"), self.description_edit)
        self.value_spin = QSpinBox()
        self.value_spin.setObjectName("lotValue")
        self.value_spin.setRange(0, 2_000_000_000)
        self.value_spin.setSingleStep(10_000)
        self.value_spin.setSuffix(" €")
        self.value_spin.setSpecialValueText(self.tr("non estimée"))
        self.value_spin.setValue(lot.estimated_value or 0)
        form.addRow(self.tr("Valeur estimée"), self.value_spin)
        self.low_combo, self.high_combo = QComboBox(), QComboBox()
        for combo, name, value in (
            (self.low_combo, "lotMinHeadcount", lot.min_headcount_band),
            (self.high_combo, "lotMaxHeadcount", lot.max_headcount_band),
        ):
            combo.setObjectName(name)
            add_no_value(combo, self.tr("indifférent"))
            for band in BANDS:
                combo.addItem(headcount_label(band) or band, band)
            select_value(combo, value)
        form.addRow(self.tr("Effectif au moins"), self.low_combo)
        form.addRow(self.tr("Effectif au plus"), self.high_combo)
        self.picker = CapabilityPicker(capabilities)
        self.picker.set_checked(lot.capability_ids)
        form.addRow(self.tr("Savoir-faire exigés"), self.picker)
        self.certification_list = CheckList("lotCertifications", certifications)
        self.certification_list.set_checked(lot.certification_ids)
        set_text_lines(self.certification_list, 5, "max")
        form.addRow(self.tr("Certifications exigées"), self.certification_list)
        layout.addWidget(save_cancel_buttons(self, self.on_buttons_accepted))
        fit_to_screen(self, (620, 720))
        self.opened = self.form_lot()

    def form_lot(self) -> LotInput:
        return LotInput(
            number=self.number,
            title=self.title_edit.text().strip(),
            description=self.description_edit.toPlainText().strip(),
            capability_ids=tuple(sorted(self.picker.checked())),
            certification_ids=tuple(sorted(self.certification_list.checked())),
            min_headcount_band=combo_value(self.low_combo),
            max_headcount_band=combo_value(self.high_combo),
            estimated_value=self.value_spin.value() or None,
        )

    def has_unsaved_changes(self) -> bool:
        return self.form_lot() != self.opened

    def confirm_discard(self) -> bool:
        return confirm_dialog_discard(self, self.on_buttons_accepted)

    def on_buttons_accepted(self) -> None:
        lot = self.form_lot()
        if not lot.title:
            show_error(self, ValidationError(self.tr("Donnez un intitulé au lot.")))
            return
        if not lot.capability_ids and not lot.certification_ids:
            show_error(
                self,
                ValidationError(
                    self.tr("Cochez au moins un savoir-faire ou une certification exigés.")
                ),
            )
            return
        self.result_lot = lot
        self.accept()
