"""Settings tab « Réunions »: the label sheet the badges are printed on, the sign-in sheet's
blank lines for walk-ins."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from guichet.services.meeting_documents import layout_problem
from guichet.services.settings import SPECS_BY_KEY

from guichet.ui.theme import set_themed_style

LAYOUT = {
    "badges.columns": "Étiquettes par ligne",
    "badges.rows": "Lignes d'étiquettes",
    "badges.width_mm": "Largeur d'une étiquette",
    "badges.height_mm": "Hauteur d'une étiquette",
    "badges.left_mm": "Marge gauche",
    "badges.top_mm": "Marge haute",
    "badges.gap_x_mm": "Espace entre colonnes",
    "badges.gap_y_mm": "Espace entre lignes",
}
BLANK_LINES = "sign_in.blank_lines"


class MeetingSettingsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingSettingsTab")
        self.title = self.tr("Réunions")
        badges = QGroupBox(self.tr("Planche d'étiquettes des badges (A4)"))
        form = QFormLayout(badges)
        self.boxes: dict[str, QSpinBox | QDoubleSpinBox] = {}
        for key, text in LAYOUT.items():
            spec = SPECS_BY_KEY[key]
            box: QSpinBox | QDoubleSpinBox
            if spec.kind is int:
                box = QSpinBox()
                box.setRange(int(spec.minimum or 1), int(spec.maximum or 12))
            else:
                box = QDoubleSpinBox()
                box.setRange(float(spec.minimum or 0), float(spec.maximum or 297))
                box.setDecimals(1)
                box.setSingleStep(0.5)
                box.setSuffix(" mm")
            box.setObjectName(key.replace(".", "_"))
            box.valueChanged.connect(self.on_layout_changed)
            self.boxes[key] = box
            form.addRow(self.tr(text), box)
        self.check_label = QLabel()
        self.check_label.setObjectName("badgeLayoutCheck")
        self.check_label.setWordWrap(True)
        form.addRow(self.check_label)
        reset = QPushButton(self.tr("Planche courante : 2 × 5 étiquettes de 85 × 54 mm"))
        reset.setObjectName("defaultBadgeLayoutButton")
        reset.clicked.connect(self.on_reset_clicked)
        form.addRow(reset)
        sheet = QGroupBox(self.tr("Feuille d'émargement"))
        sheet_form = QFormLayout(sheet)
        spec = SPECS_BY_KEY[BLANK_LINES]
        self.blank_lines = QSpinBox()
        self.blank_lines.setObjectName("signInBlankLines")
        self.blank_lines.setRange(int(spec.minimum or 0), int(spec.maximum or 60))
        sheet_form.addRow(self.tr("Lignes vides (personnes non inscrites)"), self.blank_lines)
        layout = QVBoxLayout(self)
        layout.addWidget(badges)
        layout.addWidget(sheet)
        layout.addStretch(1)

    def load(self, values: dict[str, Any]) -> None:
        for key, box in self.boxes.items():
            box.setValue(values[key])
        self.blank_lines.setValue(int(values[BLANK_LINES]))
        self.on_layout_changed()

    def changes(self) -> dict[str, object]:
        result: dict[str, object] = {key: box.value() for key, box in self.boxes.items()}
        result[BLANK_LINES] = self.blank_lines.value()
        return result

    def on_layout_changed(self, *_args: object) -> None:
        problem = layout_problem(self.changes())
        self.check_label.setText(problem or self.tr("✓ La planche tient sur une feuille A4."))
        set_themed_style(self.check_label, "color: $error;" if problem else "color: $success;")

    def on_reset_clicked(self) -> None:
        for key, box in self.boxes.items():
            box.setValue(SPECS_BY_KEY[key].default)
