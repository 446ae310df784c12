"""Create or edit an opportunity: source, buyer, place, value, deadlines, sector, and its lots."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError, ValidationError
from guichet.models import OpportunitySource, label
from guichet.reference.communes import all_communes
from guichet.services.capabilities import CapabilityService, certifications, sectors
from guichet.services.opportunities import (
    LotInput,
    OpportunityInput,
    create_opportunity,
    update_opportunity,
)
from guichet.services.opportunity_views import OpportunityDetail

from guichet.ui.accessibility import set_name
from guichet.ui.combo import add_no_value, combo_value, select_value
from guichet.ui.context import AppContext
from guichet.ui.dialogs.form_errors import FormErrors
from guichet.ui.dialogs.lot_dialog import LotDialog
from guichet.ui.dialogs.save_buttons import save_cancel_buttons
from guichet.ui.feedback import show_error
from guichet.ui.screen_fit import fit_to_screen, set_text_lines
from guichet.ui.unsaved import confirm_dialog_discard
from guichet.ui.widgets.company_field import CompanyField
from guichet.ui.widgets.qt_dates import to_qdatetime

LOT_ROLE = Qt.ItemDataRole.UserRole


def _datetime_edit(name: str) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setObjectName(name)
    edit.setDisplayFormat("dd/MM/yyyy HH:mm")
    edit.setCalendarPopup(True)
    edit.setDateTime(QDateTime.currentDateTime())
    return edit


class OpportunityDialog(QDialog):
    def __init__(
        self, ctx: AppContext, detail: OpportunityDetail | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.saved_id: int | None = None
        self.setObjectName("opportunityDialog")
        self.setWindowTitle(
            self.tr("Modifier l'opportunité") if detail else self.tr("Nouvelle opportunité")
        )
        self.capabilities = CapabilityService(ctx.db).tree()
        self.certifications = certifications(ctx.db)
        self.buyer_id: int | None = detail.buyer_id if detail else None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.errors = FormErrors()
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("opportunityTitle")
        self.title_edit.setMaxLength(250)
        self.errors.add_row(form, self.tr("Intitulé *"), self.title_edit, "title")
        self.source_combo = QComboBox()
        self.source_combo.setObjectName("opportunitySource")
        for source in OpportunitySource:
            self.source_combo.addItem(self.tr(label(source)), source)
        self.errors.add_row(form, self.tr("Source"), self.source_combo, "source")
        self.buyer_field = CompanyField(ctx)
        self.buyer_field.setObjectName("opportunityBuyer")
        self.buyer_field.company_chosen.connect(self.on_buyer_field_company_chosen)
        self.errors.add_row(form, self.tr("Acheteur"), self.buyer_field, "buyer_id")
        self.reference_edit = QLineEdit()
        self.reference_edit.setObjectName("opportunityReference")
        self.errors.add_row(form, self.tr("Référence de l'acheteur"), self.reference_edit, "ref")
        self.sector_combo = QComboBox()
        self.sector_combo.setObjectName("opportunitySector")
        add_no_value(self.sector_combo, self.tr("(aucune)"))
        for sector in sectors(ctx.db):
            self.sector_combo.addItem(sector.name, sector.id)
        self.errors.add_row(form, self.tr("Filière"), self.sector_combo, "sector_id")
        self.commune_combo = QComboBox()
        self.commune_combo.setObjectName("opportunityCommune")
        add_no_value(self.commune_combo, self.tr("(non précisé)"))
        for place in sorted(all_communes(), key=lambda c: c.name):
            self.commune_combo.addItem(place.name, place.insee)
        self.errors.add_row(form, self.tr("Lieu d'exécution"), self.commune_combo, "commune")
        self.value_spin = QSpinBox()
        self.value_spin.setObjectName("opportunityValue")
        self.value_spin.setRange(0, 2_000_000_000)
        self.value_spin.setSingleStep(10_000)
        self.value_spin.setSuffix(" €")
        self.value_spin.setSpecialValueText(self.tr("non estimée"))
        self.errors.add_row(form, self.tr("Valeur estimée"), self.value_spin, "estimated_value")
        self.received_edit = _datetime_edit("opportunityReceived")
        self.errors.add_row(form, self.tr("Reçue le"), self.received_edit, "received_at")
        self.answer_edit = _datetime_edit("opportunityAnswerDeadline")
        self.errors.add_row(form, self.tr("Réponse avant le"), self.answer_edit, "answer_deadline")
        self.questions_box = QCheckBox(self.tr("Questions avant le"))
        self.questions_box.setObjectName("opportunityHasQuestionsDeadline")
        self.questions_edit = _datetime_edit("opportunityQuestionsDeadline")
        set_name(self.questions_edit, self.tr("Date limite des questions"))
        self.questions_edit.setEnabled(False)
        self.questions_box.toggled.connect(self.questions_edit.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.questions_box)
        row.addWidget(self.questions_edit, 1)
        set_name(self.questions_box, self.tr("Une date limite pour les questions"))
        form.addRow(self.tr("Questions"), row)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("opportunityDescription")
        self.description_edit.setTabChangesFocus(True)
        set_text_lines(self.description_edit, 3)
        self.errors.add_row(form, self.tr("Description"), self.description_edit, "description")
        self.lot_list = QListWidget()
        self.lot_list.setObjectName("opportunityLots")
        set_text_lines(self.lot_list, 5)
        self.errors.add_row(form, self.tr("Lots *"), self.lot_list, "lots")
        lot_buttons = QHBoxLayout()
        self.add_lot_button = QPushButton(self.tr("Ajouter un lot…"))
        self.add_lot_button.setObjectName("addLotButton")
        self.edit_lot_button = QPushButton(self.tr("Modifier le lot…"))
        self.edit_lot_button.setObjectName("editLotButton")
        self.remove_lot_button = QPushButton(self.tr("Retirer le lot"))
        self.remove_lot_button.setObjectName("removeLotButton")
        for button in (self.add_lot_button, self.edit_lot_button, self.remove_lot_button):
            lot_buttons.addWidget(button)
        lot_buttons.addStretch(1)
        form.addRow("", lot_buttons)
        self.add_lot_button.clicked.connect(self.on_add_lot_button_clicked)
        self.edit_lot_button.clicked.connect(self.on_edit_lot_button_clicked)
        self.remove_lot_button.clicked.connect(self.on_remove_lot_button_clicked)
        self.lot_list.itemActivated.connect(lambda _item: self.on_edit_lot_button_clicked())
        layout.addWidget(save_cancel_buttons(self, self.on_buttons_accepted))
        self.lots: list[LotInput] = []
        if detail is not None:
            self.load(detail)
        self.show_lots()
        fit_to_screen(self, (720, 760))
        self.opened = self.form_data()

    def load(self, d: OpportunityDetail) -> None:
        self.title_edit.setText(d.title)
        select_value(self.source_combo, d.source)
        if d.buyer_id is not None:
            self.buyer_field.choose(d.buyer_id, d.buyer)
        self.reference_edit.setText(d.buyer_reference)
        select_value(self.sector_combo, d.sector_id)
        select_value(self.commune_combo, d.commune_insee)
        self.value_spin.setValue(d.estimated_value or 0)
        self.received_edit.setDateTime(to_qdatetime(d.received_at))
        if d.answer_deadline is not None:
            self.answer_edit.setDateTime(to_qdatetime(d.answer_deadline))
        if d.questions_deadline is not None:
            self.questions_box.setChecked(True)
            self.questions_edit.setDateTime(to_qdatetime(d.questions_deadline))
        self.description_edit.setPlainText(d.description)
        self.lots = [
            LotInput(
                lot.number,
                lot.title,
                lot.description,
                tuple(c.id for c in lot.capabilities),
                tuple(c.id for c in lot.certifications),
                lot.min_headcount_band,
                lot.max_headcount_band,
                lot.estimated_value,
            )
            for lot in d.lots
        ]

    def show_lots(self) -> None:
        names = {n.id: n.name for n in self.capabilities}
        self.lot_list.clear()
        for lot in self.lots:
            needs = ", ".join(names.get(c, "?") for c in lot.capability_ids)
            item = QListWidgetItem(f"Lot {lot.number} — {lot.title} ({needs})")
            item.setData(LOT_ROLE, lot.number)
            self.lot_list.addItem(item)
        has_lot = bool(self.lots)
        self.edit_lot_button.setEnabled(has_lot)
        self.remove_lot_button.setEnabled(has_lot)
        if has_lot and self.lot_list.currentRow() < 0:
            self.lot_list.setCurrentRow(0)

    @staticmethod
    def _moment(edit: QDateTimeEdit) -> datetime:
        moment = edit.dateTime().toPython()
        assert isinstance(moment, datetime)
        return moment.replace(second=0, microsecond=0)

    def form_data(self) -> OpportunityInput:
        return OpportunityInput(
            title=self.title_edit.text().strip(),
            received_at=self._moment(self.received_edit),
            source=combo_value(self.source_combo),
            buyer_id=self.buyer_id,
            buyer_reference=self.reference_edit.text(),
            description=self.description_edit.toPlainText(),
            commune_insee=combo_value(self.commune_combo),
            estimated_value=self.value_spin.value() or None,
            sector_id=combo_value(self.sector_combo),
            answer_deadline=self._moment(self.answer_edit),
            questions_deadline=(
                self._moment(self.questions_edit) if self.questions_box.isChecked() else None
            ),
            lots=tuple(self.lots),
        )

    def has_unsaved_changes(self) -> bool:
        return self.form_data() != self.opened

    def confirm_discard(self) -> bool:
        return confirm_dialog_discard(self, self.on_buttons_accepted)

    def on_buyer_field_company_chosen(self, organization_id: object, _name: str) -> None:
        self.buyer_id = organization_id if isinstance(organization_id, int) else None

    def _edit_lot(self, lot: LotInput) -> LotInput | None:
        dialog = LotDialog(lot, self.capabilities, self.certifications, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_lot

    def on_add_lot_button_clicked(self) -> None:
        number = max((lot.number for lot in self.lots), default=0) + 1
        lot = self._edit_lot(LotInput(number, ""))
        if lot is not None:
            self.lots.append(lot)
            self.show_lots()
            self.lot_list.setCurrentRow(len(self.lots) - 1)

    def _current_index(self) -> int | None:
        row = self.lot_list.currentRow()
        return row if 0 <= row < len(self.lots) else None

    def on_edit_lot_button_clicked(self) -> None:
        index = self._current_index()
        if index is None:
            return
        lot = self._edit_lot(self.lots[index])
        if lot is not None:
            self.lots[index] = lot
            self.show_lots()
            self.lot_list.setCurrentRow(index)

    def on_remove_lot_button_clicked(self) -> None:
        index = self._current_index()
        if index is None:
            return
        del self.lots[index]
        self.lots = [replace(lot, number=i) for i, lot in enumerate(self.lots, 1)]
        self.show_lots()

    def on_buttons_accepted(self) -> None:
        self.errors.clear()
        data = self.form_data()
        try:
            if self.detail is None:
                self.saved_id = create_opportunity(self.ctx.db, data, self.ctx.counsellor_id)
            else:
                update_opportunity(self.ctx.db, self.detail.id, data, self.detail.version)
                self.saved_id = self.detail.id
        except ValidationError as exc:
            if not self.errors.show(exc):
                show_error(self, exc)
            return
        except GuichetError as exc:
            show_error(self, exc)
            return
        self.accept()
