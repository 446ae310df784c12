"""A business park (zone d'activité): name, commune, position, description."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from guichet.services.sites import ParkDraft, ParkInfo, save_park

from guichet.ui.context import AppContext
from guichet.ui.dialogs.save_buttons import accept_cancel_buttons
from guichet.ui.feedback import attempt
from guichet.ui.screen_fit import set_text_lines
from guichet.ui.unsaved import confirm_dialog_discard


def _coordinate(name: str, low: float, high: float, value: float | None) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setObjectName(name)
    box.setDecimals(5)
    box.setRange(low - 1, high)
    box.setSpecialValueText("—")
    box.setValue(value if value is not None else low - 1)
    return box


class ParkDialog(QDialog):
    def __init__(
        self, ctx: AppContext, park: ParkInfo | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.park = park
        self.setObjectName("parkDialog")
        self.setWindowTitle(self.tr("Zone d'activité"))
        self.name_edit = QLineEdit(park.name if park else "")
        self.name_edit.setObjectName("parkName")
        self.name_edit.setMaxLength(120)
        self.commune_edit = QLineEdit(park.commune_code if park else "")
        self.commune_edit.setObjectName("parkCommune")
        self.commune_edit.setMaxLength(5)
        self.lat_spin = _coordinate("parkLatitude", -90, 90, park.latitude if park else None)
        self.lon_spin = _coordinate("parkLongitude", -180, 180, park.longitude if park else None)
        self.description_edit = QPlainTextEdit(park.description if park else "")
        self.description_edit.setObjectName("parkDescription")
        self.description_edit.setTabChangesFocus(True)
        set_text_lines(self.description_edit, 3)
        form = QFormLayout()
        form.addRow(self.tr("Nom"), self.name_edit)
        form.addRow(self.tr("Commune (code INSEE)"), self.commune_edit)
        form.addRow(self.tr("Latitude"), self.lat_spin)
        form.addRow(self.tr("Longitude"), self.lon_spin)
        form.addRow(self.tr("Description"), self.description_edit)
        buttons, _ = accept_cancel_buttons(
            self, self.on_buttons_accepted, self.tr("Enregistrer"), "parkSave"
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.opened = self.draft()

    @staticmethod
    def _value(box: QDoubleSpinBox) -> float | None:
        return None if box.value() == box.minimum() else round(box.value(), 5)

    def draft(self) -> ParkDraft:
        return ParkDraft(
            self.name_edit.text(),
            self.commune_edit.text(),
            self._value(self.lat_spin),
            self._value(self.lon_spin),
            self.description_edit.toPlainText(),
        )

    def has_unsaved_changes(self) -> bool:
        return self.draft() != self.opened

    def confirm_discard(self) -> bool:
        return confirm_dialog_discard(self, self.on_buttons_accepted)

    def on_buttons_accepted(self) -> None:
        park = self.park
        saved = attempt(
            self,
            lambda: save_park(
                self.ctx.db,
                self.draft(),
                park_id=park.id if park else None,
                version=park.version if park else None,
            ),
        )
        if saved is not None:
            self.accept()
