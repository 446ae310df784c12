"""The needs form of an implantation project (also the form of a new one).

The real company is shown, and editable, only when the policy allows the counsellor; the form
otherwise says it is confidential. It follows the unsaved-input protocol.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from guichet.models import BuildingType, Classification, ProjectSource, label
from guichet.services.counsellors import CounsellorService
from guichet.services.project_intake import partner_choices
from guichet.services.projects import ProjectDetail, ProjectDraft

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.screen_fit import set_text_lines
from guichet.ui.unsaved import confirm_discard
from guichet.ui.widgets.date_fields import optional_date, optional_date_edit, set_optional_date

NEEDS = (
    ("needs_rail", "Embranchement ferré"),
    ("needs_port", "Accès fluvial ou portuaire"),
    ("needs_gas", "Gaz"),
    ("needs_hydrogen", "Hydrogène"),
    ("needs_water", "Eau industrielle"),
    ("continuous_operation", "Fonctionnement 24 h/24, 7 j/7"),
)


def _spin(name: str, maximum: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setRange(0, maximum)
    box.setGroupSeparatorShown(True)
    box.setSuffix(suffix)
    box.setSpecialValueText("—")
    return box


class ProjectForm(QWidget):
    """``saver`` (set by the page) saves a draft and says whether it did."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("projectForm")
        self.detail: ProjectDetail | None = None
        self.filled: ProjectDraft | None = None
        self.saver: Callable[[ProjectDraft], bool] = lambda _draft: False
        form = QFormLayout(self)
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("projectCodeName")
        self.code_edit.setMaxLength(80)
        self.company_edit = QLineEdit()
        self.company_edit.setObjectName("projectCompany")
        self.company_edit.setMaxLength(250)
        self.secret_label = QLabel(
            self.tr("Confidentiel : réservé au conseiller du projet et aux conseillers habilités.")
        )
        self.secret_label.setObjectName("projectCompanyHidden")
        self.secret_label.setWordWrap(True)
        self.confidential_box = QCheckBox(self.tr("Projet confidentiel (nom de code partout)"))
        self.confidential_box.setObjectName("projectConfidential")
        self.source_box = QComboBox()
        self.source_box.setObjectName("projectSource")
        for source in ProjectSource:
            self.source_box.addItem(self.tr(label(source)), source)
        self.source_label = QLabel()
        self.source_label.setObjectName("projectSourceInquiry")
        self.partner_box = QComboBox()
        self.partner_box.setObjectName("projectSourcePartner")
        self.partner_box.addItem(self.tr("(aucun)"), None)
        for org_id, name in partner_choices(ctx.db):
            self.partner_box.addItem(name, org_id)
        self.sector_edit = QLineEdit()
        self.sector_edit.setObjectName("projectSector")
        self.naf_edit = QLineEdit()
        self.naf_edit.setObjectName("projectNaf")
        self.naf_edit.setMaxLength(6)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("projectDescription")
        self.description_edit.setTabChangesFocus(True)
        set_text_lines(self.description_edit, 3)
        self.land_spin = _spin("projectLand", 10_000_000, " m²")
        self.building_spin = _spin("projectBuilding", 1_000_000, " m²")
        self.type_box = QComboBox()
        self.type_box.setObjectName("projectBuildingType")
        self.type_box.addItem(self.tr("(non précisé)"), None)
        for kind in BuildingType:
            self.type_box.addItem(self.tr(label(kind)), kind)
        self.needed_edit = optional_date_edit("projectNeededBy", self.tr("non précisée"))
        self.class_box = QComboBox()
        self.class_box.setObjectName("projectClassification")
        for item in Classification:
            self.class_box.addItem(self.tr(label(item)), item)
        self.power_spin = QDoubleSpinBox()
        self.power_spin.setObjectName("projectPower")
        self.power_spin.setRange(0, 10_000)
        self.power_spin.setDecimals(1)
        self.power_spin.setSuffix(" MW")
        self.power_spin.setSpecialValueText("—")
        needs = QGridLayout()
        self.need_boxes: dict[str, QCheckBox] = {}
        for i, (key, text) in enumerate(NEEDS):
            box = QCheckBox(self.tr(text))
            box.setObjectName(f"project_{key}")
            self.need_boxes[key] = box
            needs.addWidget(box, i, 0)
        self.jobs_spin = _spin("projectJobs", 100_000, "")
        self.invest_spin = _spin("projectInvestment", 2_000_000_000, " €")
        self.counsellor_box = QComboBox()
        self.counsellor_box.setObjectName("projectCounsellor")
        self.counsellor_box.addItem(self.tr("(aucun)"), None)
        for c in CounsellorService(ctx.db).list():
            self.counsellor_box.addItem(c.name, c.id)
        self.action_edit = QLineEdit()
        self.action_edit.setObjectName("projectNextAction")
        self.action_edit.setMaxLength(250)
        self.action_date = optional_date_edit("projectNextActionOn", self.tr("sans date"))
        self.save_button = QPushButton(self.tr("Enregistrer le projet"))
        self.save_button.setObjectName("projectSave")
        form.addRow(self.tr("Nom de code"), self.code_edit)
        form.addRow(self.tr("Entreprise"), self.company_edit)
        form.addRow("", self.secret_label)
        form.addRow("", self.confidential_box)
        form.addRow(self.tr("Origine"), self.source_box)
        form.addRow(self.tr("Demande d'origine"), self.source_label)
        form.addRow(self.tr("Partenaire apporteur"), self.partner_box)
        form.addRow(self.tr("Filière"), self.sector_edit)
        form.addRow(self.tr("Code NAF"), self.naf_edit)
        form.addRow(self.tr("Description"), self.description_edit)
        form.addRow(self.tr("Terrain"), self.land_spin)
        form.addRow(self.tr("Bâtiment"), self.building_spin)
        form.addRow(self.tr("Type de bâtiment"), self.type_box)
        form.addRow(self.tr("Besoin au"), self.needed_edit)
        form.addRow(self.tr("Classement"), self.class_box)
        form.addRow(self.tr("Puissance électrique"), self.power_spin)
        form.addRow(self.tr("Contraintes"), needs)
        form.addRow(self.tr("Emplois à 3 ans"), self.jobs_spin)
        form.addRow(self.tr("Investissement"), self.invest_spin)
        form.addRow(self.tr("Conseiller"), self.counsellor_box)
        form.addRow(self.tr("Prochaine action"), self.action_edit)
        form.addRow(self.tr("Échéance"), self.action_date)
        form.addRow("", self.save_button)
        for key, text in NEEDS:
            set_name(self.need_boxes[key], self.tr(text))
        self.save_button.clicked.connect(self.on_save_button_clicked)
        for combo in self.findChildren(QComboBox):  # long partner names must not widen the form
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(14)

    def fill(self, detail: ProjectDetail | None, draft: ProjectDraft | None = None) -> None:
        """Shows a project (``detail``), or a new one prefilled from ``draft``."""
        self.detail = detail
        d: ProjectDraft = detail.draft() if detail else (draft or ProjectDraft(code_name=""))
        visible = detail.company_visible if detail else True
        self.company_edit.setVisible(visible)
        self.secret_label.setVisible(not visible)
        self.confidential_box.setEnabled(visible)
        self.code_edit.setText(d.code_name)
        self.company_edit.setText(d.company_name or (detail.organization_name if detail else ""))
        self.confidential_box.setChecked(d.confidential)
        self.source_box.setCurrentIndex(max(self.source_box.findData(d.source), 0))
        self.source_label.setText(detail.source_inquiry_reference if detail else "")
        self.partner_box.setCurrentIndex(max(self.partner_box.findData(d.source_partner_id), 0))
        self.sector_edit.setText(d.sector)
        self.naf_edit.setText(d.naf_code)
        self.description_edit.setPlainText(d.description)
        self.land_spin.setValue(d.land_m2 or 0)
        self.building_spin.setValue(d.building_m2 or 0)
        self.type_box.setCurrentIndex(max(self.type_box.findData(d.building_type), 0))
        set_optional_date(self.needed_edit, d.needed_by)
        self.class_box.setCurrentIndex(max(self.class_box.findData(d.classification), 0))
        self.power_spin.setValue(d.power_mw or 0)
        for key, box in self.need_boxes.items():
            box.setChecked(bool(getattr(d, key)))
        self.jobs_spin.setValue(d.jobs_3y or 0)
        self.invest_spin.setValue(d.investment_eur or 0)
        self.counsellor_box.setCurrentIndex(max(self.counsellor_box.findData(d.counsellor_id), 0))
        self.action_edit.setText(d.next_action)
        set_optional_date(self.action_date, d.next_action_on)
        self.filled = d
        self.filled = self.draft()

    def draft(self) -> ProjectDraft:
        base = self.filled or ProjectDraft(code_name="")
        hidden = self.company_edit.isHidden()
        return replace(
            base,
            code_name=self.code_edit.text(),
            company_name=base.company_name if hidden else self.company_edit.text(),
            confidential=self.confidential_box.isChecked(),
            source=self.source_box.currentData(),
            source_partner_id=self.partner_box.currentData(),
            sector=self.sector_edit.text(),
            naf_code=self.naf_edit.text(),
            description=self.description_edit.toPlainText(),
            land_m2=self.land_spin.value() or None,
            building_m2=self.building_spin.value() or None,
            building_type=self.type_box.currentData(),
            needed_by=optional_date(self.needed_edit),
            classification=self.class_box.currentData(),
            power_mw=self.power_spin.value() or None,
            jobs_3y=self.jobs_spin.value() or None,
            investment_eur=self.invest_spin.value() or None,
            counsellor_id=self.counsellor_box.currentData(),
            next_action=self.action_edit.text(),
            next_action_on=optional_date(self.action_date),
            **{key: box.isChecked() for key, box in self.need_boxes.items()},
        )

    def has_unsaved_changes(self) -> bool:
        return self.filled is not None and self.draft() != self.filled

    def confirm_discard(self) -> bool:
        return confirm_discard(
            self,
            self.tr("Projet d'implantation"),
            self.tr("Le projet a des modifications non enregistrées."),
            save=lambda: self.saver(self.draft()),
        )

    def on_save_button_clicked(self) -> None:
        self.saver(self.draft())
