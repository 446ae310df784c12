"""Settings tab « Réseau »: the goal (network, target, scope, date) and what makes a prospect
fit the cluster's trades (beginnings of NAF codes, capabilities)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from guichet.services.memberships import MembershipService
from guichet.services.network_settings import SCOPES, parse_goal_date
from guichet.services.settings import SPECS_BY_KEY

from guichet.ui.context import AppContext

TARGET = "network.goal_target"


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


class NetworkSettingsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkSettingsTab")
        self.title = self.tr("Réseau")
        goal = QGroupBox(self.tr("Objectif d'adhérents"))
        form = QFormLayout(goal)
        self.network_box = QComboBox()
        self.network_box.setObjectName("goalNetworkBox")
        self.network_box.setEditable(True)  # a network not yet in the directory may be named
        for network in MembershipService(ctx.db).networks():
            self.network_box.addItem(network.name)
        self.target_box = QSpinBox()
        self.target_box.setObjectName("goalTargetBox")
        spec = SPECS_BY_KEY[TARGET]
        self.target_box.setRange(int(spec.minimum or 1), int(spec.maximum or 100_000))
        self.target_box.setSuffix(self.tr(" adhérents"))
        self.scope_box = QComboBox()
        self.scope_box.setObjectName("goalScopeBox")
        for value, text in SCOPES.items():
            self.scope_box.addItem(self.tr(text), value)
        self.due_check = QCheckBox(self.tr("Avec une échéance"))
        self.due_check.setObjectName("goalDueCheck")
        self.due_edit = QDateEdit()
        self.due_edit.setObjectName("goalDueEdit")
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("dd/MM/yyyy")
        self.due_check.toggled.connect(self.due_edit.setEnabled)
        form.addRow(self.tr("&Réseau"), self.network_box)
        form.addRow(self.tr("&Cible"), self.target_box)
        form.addRow(self.tr("&Adhérents comptés"), self.scope_box)
        form.addRow(self.due_check, self.due_edit)

        fit = QGroupBox(self.tr("Prospects : métiers du réseau"))
        fit_form = QFormLayout(fit)
        self.naf_edit = QLineEdit()
        self.naf_edit.setObjectName("fitNafEdit")
        self.capabilities_edit = QLineEdit()
        self.capabilities_edit.setObjectName("fitCapabilitiesEdit")
        fit_form.addRow(self.tr("Codes &NAF (débuts, séparés par des virgules)"), self.naf_edit)
        fit_form.addRow(self.tr("Com&pétences (séparées par des virgules)"), self.capabilities_edit)
        hint = QLabel(
            self.tr(
                "Une compétence compte avec toutes ses sous-compétences du thésaurus : "
                "« Mécanique » retient aussi « Fraisage 5 axes »."
            )
        )
        hint.setWordWrap(True)
        fit_form.addRow(hint)
        layout = QVBoxLayout(self)
        layout.addWidget(goal)
        layout.addWidget(fit)
        layout.addStretch(1)

    def load(self, values: dict[str, Any]) -> None:
        self.network_box.setCurrentText(str(values["network.goal_network"]))
        self.target_box.setValue(int(values[TARGET]))
        self.scope_box.setCurrentIndex(
            max(0, self.scope_box.findData(values["network.goal_scope"]))
        )
        due = parse_goal_date(str(values["network.goal_date"]))
        self.due_check.setChecked(due is not None)
        self.due_edit.setEnabled(due is not None)
        day = due or date(date.today().year, 12, 31)
        self.due_edit.setDate(QDate(day.year, day.month, day.day))
        self.naf_edit.setText(", ".join(values["network.fit_naf_codes"]))
        self.capabilities_edit.setText(", ".join(values["network.fit_capabilities"]))

    def changes(self) -> dict[str, object]:
        due = self.due_edit.date()
        return {
            "network.goal_network": self.network_box.currentText().strip(),
            TARGET: self.target_box.value(),
            "network.goal_scope": self.scope_box.currentData(),
            "network.goal_date": (
                date(due.year(), due.month(), due.day()).isoformat()
                if self.due_check.isChecked()
                else ""
            ),
            "network.fit_naf_codes": _split(self.naf_edit.text()),
            "network.fit_capabilities": _split(self.capabilities_edit.text()),
        }
