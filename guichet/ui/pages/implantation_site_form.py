"""The form of one site (plot or building) of the catalogue, with the unsaved-input protocol."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from guichet.models import SiteKind, label
from guichet.services.sites import ParkInfo, SiteDraft

from guichet.ui.accessibility import set_name
from guichet.ui.screen_fit import set_text_lines
from guichet.ui.unsaved import confirm_discard
from guichet.ui.widgets.date_fields import optional_date, optional_date_edit, set_optional_date

SERVICES = (
    ("has_rail", "Embranchement ferré"),
    ("has_port", "Accès fluvial ou portuaire"),
    ("has_fibre", "Fibre"),
    ("has_hydrogen", "Hydrogène"),
    ("has_gas", "Gaz"),
    ("has_water", "Eau industrielle"),
    ("accepts_classified", "Installations classées admises"),
    ("active", "Proposé (ni vendu, ni loué, ni retiré)"),
)


def _coordinate(name: str, low: float, high: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setObjectName(name)
    box.setDecimals(5)
    box.setRange(low - 1, high)
    box.setSpecialValueText("—")
    box.setValue(low - 1)
    return box


class SiteForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("siteForm")
        self.filled: SiteDraft | None = None
        self.saver: Callable[[SiteDraft], bool] = lambda _draft: False
        form = QFormLayout(self)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("siteName")
        self.name_edit.setMaxLength(120)
        self.park_box = QComboBox()
        self.park_box.setObjectName("sitePark")
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("siteKind")
        for kind in SiteKind:
            self.kind_box.addItem(self.tr(label(kind)), kind)
        self.surface_spin = QSpinBox()
        self.surface_spin.setObjectName("siteSurface")
        self.surface_spin.setRange(0, 10_000_000)
        self.surface_spin.setGroupSeparatorShown(True)
        self.surface_spin.setSuffix(" m²")
        self.available_edit = optional_date_edit("siteAvailableOn", self.tr("dès maintenant"))
        self.price_spin = QSpinBox()
        self.price_spin.setObjectName("sitePrice")
        self.price_spin.setRange(0, 2_000_000_000)
        self.price_spin.setGroupSeparatorShown(True)
        self.price_spin.setSuffix(" €")
        self.price_spin.setSpecialValueText("—")
        self.rent_spin = QSpinBox()
        self.rent_spin.setObjectName("siteRent")
        self.rent_spin.setRange(0, 100_000_000)
        self.rent_spin.setGroupSeparatorShown(True)
        self.rent_spin.setSuffix(" €/mois")
        self.rent_spin.setSpecialValueText("—")
        self.owner_edit = QLineEdit()
        self.owner_edit.setObjectName("siteOwner")
        self.zoning_edit = QLineEdit()
        self.zoning_edit.setObjectName("siteZoning")
        self.power_spin = QDoubleSpinBox()
        self.power_spin.setObjectName("sitePower")
        self.power_spin.setRange(0, 10_000)
        self.power_spin.setDecimals(1)
        self.power_spin.setSuffix(" MW")
        self.power_spin.setSpecialValueText("—")
        grid = QGridLayout()
        self.service_boxes: dict[str, QCheckBox] = {}
        for i, (key, text) in enumerate(SERVICES):
            box = QCheckBox(self.tr(text))
            box.setObjectName(f"site_{key}")
            set_name(box, self.tr(text))
            self.service_boxes[key] = box
            grid.addWidget(box, i, 0)
        self.commune_edit = QLineEdit()
        self.commune_edit.setObjectName("siteCommune")
        self.commune_edit.setMaxLength(5)
        self.commune_edit.setPlaceholderText(self.tr("code INSEE, ex. 76476"))
        self.lat_spin = _coordinate("siteLatitude", -90, 90)
        self.lon_spin = _coordinate("siteLongitude", -180, 180)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("siteDescription")
        self.description_edit.setTabChangesFocus(True)
        set_text_lines(self.description_edit, 2)
        self.save_button = QPushButton(self.tr("Enregistrer le site"))
        self.save_button.setObjectName("siteSave")
        form.addRow(self.tr("Nom"), self.name_edit)
        form.addRow(self.tr("Zone d'activité"), self.park_box)
        form.addRow(self.tr("Type"), self.kind_box)
        form.addRow(self.tr("Surface"), self.surface_spin)
        form.addRow(self.tr("Disponible le"), self.available_edit)
        form.addRow(self.tr("Prix de vente"), self.price_spin)
        form.addRow(self.tr("Loyer"), self.rent_spin)
        form.addRow(self.tr("Propriétaire"), self.owner_edit)
        form.addRow(self.tr("Zonage"), self.zoning_edit)
        form.addRow(self.tr("Puissance disponible"), self.power_spin)
        form.addRow(self.tr("Services"), grid)
        form.addRow(self.tr("Commune"), self.commune_edit)
        form.addRow(self.tr("Latitude"), self.lat_spin)
        form.addRow(self.tr("Longitude"), self.lon_spin)
        form.addRow(self.tr("Description"), self.description_edit)
        form.addRow("", self.save_button)
        self.save_button.clicked.connect(lambda: self.saver(self.draft()))
        for combo in self.findChildren(QComboBox):  # long partner names must not widen the form
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(14)

    def set_parks(self, parks: list[ParkInfo]) -> None:
        current = self.park_box.currentData()
        self.park_box.clear()
        self.park_box.addItem(self.tr("(hors zone)"), None)
        for park in parks:
            self.park_box.addItem(park.name, park.id)
        self.park_box.setCurrentIndex(max(self.park_box.findData(current), 0))

    def fill(self, draft: SiteDraft) -> None:
        self.name_edit.setText(draft.name)
        self.park_box.setCurrentIndex(max(self.park_box.findData(draft.park_id), 0))
        self.kind_box.setCurrentIndex(max(self.kind_box.findData(draft.kind), 0))
        self.surface_spin.setValue(draft.surface_m2 or 0)
        set_optional_date(self.available_edit, draft.available_on)
        self.price_spin.setValue(draft.price_eur or 0)
        self.rent_spin.setValue(draft.rent_eur_month or 0)
        self.owner_edit.setText(draft.owner)
        self.zoning_edit.setText(draft.zoning)
        self.power_spin.setValue(draft.power_mw or 0)
        for key, box in self.service_boxes.items():
            box.setChecked(bool(getattr(draft, key)))
        self.commune_edit.setText(draft.commune_code)
        self.lat_spin.setValue(
            draft.latitude if draft.latitude is not None else self.lat_spin.minimum()
        )
        self.lon_spin.setValue(
            draft.longitude if draft.longitude is not None else self.lon_spin.minimum()
        )
        self.description_edit.setPlainText(draft.description)
        self.filled = draft
        self.filled = self.draft()

    def _coordinate(self, box: QDoubleSpinBox) -> float | None:
        return None if box.value() == box.minimum() else round(box.value(), 5)

    def draft(self) -> SiteDraft:
        base = self.filled or SiteDraft("", 0)
        return replace(
            base,
            name=self.name_edit.text(),
            park_id=self.park_box.currentData(),
            kind=self.kind_box.currentData(),
            surface_m2=self.surface_spin.value(),
            available_on=optional_date(self.available_edit),
            price_eur=self.price_spin.value() or None,
            rent_eur_month=self.rent_spin.value() or None,
            owner=self.owner_edit.text(),
            zoning=self.zoning_edit.text(),
            power_mw=self.power_spin.value() or None,
            commune_code=self.commune_edit.text(),
            latitude=self._coordinate(self.lat_spin),
            longitude=self._coordinate(self.lon_spin),
            description=self.description_edit.toPlainText(),
            **{key: box.isChecked() for key, box in self.service_boxes.items()},
        )

    def has_unsaved_changes(self) -> bool:
        return self.filled is not None and self.draft() != self.filled

    def confirm_discard(self) -> bool:
        return confirm_discard(
            self,
            self.tr("Site"),
            self.tr("Le site a des modifications non enregistrées."),
            save=lambda: self.saver(self.draft()),
        )
