"""Settings tab « Implantation »: the surface tolerance of matching, and the counsellors
cleared to see the real company of confidential projects.

Plugged into Paramètres with one line; it saves its own two settings when the dialog is
saved (after the dialog's own settings), and holds unsaved input like any form.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.services.counsellors import CounsellorService
from guichet.services.project_access import CLEARED_SETTING, TOLERANCE_SETTING
from guichet.services.settings import SPECS_BY_KEY, SettingsService

from guichet.ui.context import AppContext
from guichet.ui.feedback import show_error
from guichet.ui.unsaved import confirm_discard


class ImplantationSettingsTab(QWidget):
    def __init__(self, ctx: AppContext, dialog: QDialog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("implantationSettingsTab")
        self.title = self.tr("Implantation")
        spec = SPECS_BY_KEY[TOLERANCE_SETTING]
        self.tolerance_spin = QSpinBox()
        self.tolerance_spin.setObjectName("implantationTolerance")
        self.tolerance_spin.setRange(int(spec.minimum or 0), int(spec.maximum or 100))
        self.tolerance_spin.setSuffix(" %")
        form = QFormLayout()
        form.addRow(self.tr("Tolérance de surface des sites"), self.tolerance_spin)
        group = QGroupBox(self.tr("Conseillers habilités aux projets confidentiels"))
        group_layout = QVBoxLayout(group)
        explain = QLabel(
            self.tr(
                "Ils voient le vrai nom de l'entreprise sur la fiche d'un projet confidentiel, "
                "comme le conseiller qui suit le projet. Les listes et exports gardent les noms "
                "de code, sauf « avec les noms » (noté au journal d'audit)."
            )
        )
        explain.setWordWrap(True)
        group_layout.addWidget(explain)
        self.boxes: dict[str, QCheckBox] = {}
        for c in CounsellorService(ctx.db).list():
            box = QCheckBox(f"{c.name} ({c.initials})")
            box.setObjectName(f"cleared_{c.initials}")
            self.boxes[c.initials.upper()] = box
            group_layout.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(group)
        layout.addStretch(1)
        self.load()
        dialog.accepted.connect(self.save)

    def load(self) -> None:
        values = SettingsService(self.ctx.db).all()
        self.tolerance_spin.setValue(int(values[TOLERANCE_SETTING]))
        cleared = {str(v).upper() for v in values[CLEARED_SETTING]}
        for initials, box in self.boxes.items():
            box.setChecked(initials in cleared)
        self.opened = self.changes()

    def changes(self) -> dict[str, object]:
        return {
            TOLERANCE_SETTING: self.tolerance_spin.value(),
            CLEARED_SETTING: sorted(k for k, box in self.boxes.items() if box.isChecked()),
        }

    def has_unsaved_changes(self) -> bool:
        return self.changes() != self.opened

    def confirm_discard(self) -> bool:
        return confirm_discard(
            self,
            self.tr("Paramètres"),
            self.tr("Les réglages « Implantation » ont été modifiés."),
            save=self.save,
        )

    def save(self) -> bool:
        if self.changes() == self.opened:
            return True
        try:
            SettingsService(self.ctx.db).update(self.changes())
        except GuichetError as exc:
            show_error(self, exc)
            return False
        self.opened = self.changes()
        return True
