"""Settings tab « Réactivité »: the targets the dashboard and Accueil compare the three shares
with (DOMAIN.md: première réponse and mise en relation sous 72 h, prise en charge sous 5 jours)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QSpinBox, QVBoxLayout, QWidget

from guichet.services.settings import SPECS_BY_KEY

LABELS = {
    "reactivity.target_first_response": "Première réponse sous 72 h",
    "reactivity.target_referral": "Mise en relation sous 72 h",
    "reactivity.target_taken_care": "Prise en charge sous 5 jours",
}


class ReactivitySettingsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reactivitySettingsTab")
        self.title = self.tr("Réactivité")
        self.boxes: dict[str, QSpinBox] = {}
        group = QGroupBox(self.tr("Objectifs (part des cas traités dans le délai)"))
        form = QFormLayout(group)
        for key, text in LABELS.items():
            spec = SPECS_BY_KEY[key]
            box = QSpinBox()
            box.setObjectName(key.replace(".", "_"))
            box.setRange(int(spec.minimum or 0), int(spec.maximum or 100))
            box.setSuffix(" %")
            self.boxes[key] = box
            form.addRow(self.tr(text), box)
        hint = QLabel(
            self.tr(
                "Les délais de 72 heures et de 5 jours se comptent en heures et jours de "
                "calendrier, week-ends compris ; le délai médian de la première suite se compte "
                "en heures ouvrées. Repère du service public : environ 80 % de prises en charge "
                "sous 5 jours."
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(group)
        layout.addWidget(hint)
        layout.addStretch(1)

    def load(self, values: dict[str, Any]) -> None:
        for key, box in self.boxes.items():
            box.setValue(int(values[key]))

    def changes(self) -> dict[str, object]:
        return {key: box.value() for key, box in self.boxes.items()}
