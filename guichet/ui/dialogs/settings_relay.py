"""Settings tab « Opportunités »: reminders before the deadline and the desk's working hours
(the time to relay counts working time)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QSpinBox, QVBoxLayout, QWidget

from guichet.services.settings import SPECS_BY_KEY

LABELS = {
    "relay.reminder_first_days": ("Première relance", " jours avant la date limite"),
    "relay.reminder_last_days": ("Dernière relance", " jours avant la date limite"),
    "relay.workday_start_hour": ("Début de journée", " h"),
    "relay.workday_end_hour": ("Fin de journée", " h"),
}


class RelaySettingsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("relaySettingsTab")
        self.title = self.tr("Opportunités")
        self.boxes: dict[str, QSpinBox] = {}
        layout = QVBoxLayout(self)
        for heading, keys in (
            (self.tr("Relances des adhérents avant la date limite de réponse"), list(LABELS)[:2]),
            (self.tr("Heures ouvrées (délai de relais, objectif : une heure)"), list(LABELS)[2:]),
        ):
            group = QGroupBox(heading)
            form = QFormLayout(group)
            for key in keys:
                spec = SPECS_BY_KEY[key]
                text, suffix = LABELS[key]
                box = QSpinBox()
                box.setObjectName(key.replace(".", "_"))
                box.setRange(int(spec.minimum or 0), int(spec.maximum or 99))
                box.setSuffix(self.tr(suffix))
                self.boxes[key] = box
                form.addRow(self.tr(text), box)
            layout.addWidget(group)
        hint = QLabel(
            self.tr("Les week-ends et jours fériés ne comptent pas dans le délai de relais.")
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)

    def load(self, values: dict[str, Any]) -> None:
        for key, box in self.boxes.items():
            box.setValue(int(values[key]))

    def changes(self) -> dict[str, object]:
        return {key: box.value() for key, box in self.boxes.items()}
