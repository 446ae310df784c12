"""Settings tab « Relances et enveloppes »: follow-up delays and the address block position."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from guichet.letters.document import EnvelopeWindow
from guichet.services.letters import LetterService
from guichet.services.settings import SPECS_BY_KEY

from guichet.ui.context import AppContext
from guichet.ui.printing import print_documents

DELAYS = ("delays.follow_up_days", "delays.last_chance_days", "delays.expiry_days")
ENVELOPE = ("envelope.x_mm", "envelope.y_mm", "envelope.width_mm")
PRINT_MARKS_SENT = "letters.print_marks_sent"


class FollowUpSettingsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("followUpSettingsTab")
        self.title = self.tr("Relances et enveloppes")
        delays = QGroupBox(self.tr("Délais de relance (jours après l'envoi du courrier)"))
        delays_form = QFormLayout(delays)
        self.delay_boxes: dict[str, QSpinBox] = {}
        labels = {
            "delays.follow_up_days": self.tr("Relance"),
            "delays.last_chance_days": self.tr("Dernière relance"),
            "delays.expiry_days": self.tr("Expiration"),
        }
        for key in DELAYS:
            spec = SPECS_BY_KEY[key]
            box = QSpinBox()
            box.setObjectName(key.replace(".", "_"))
            box.setRange(int(spec.minimum or 1), int(spec.maximum or 365))
            box.setSuffix(self.tr(" jours"))
            self.delay_boxes[key] = box
            delays_form.addRow(labels[key], box)

        envelope = QGroupBox(self.tr("Bloc adresse pour enveloppe à fenêtre DL"))
        envelope_form = QFormLayout(envelope)
        self.envelope_boxes: dict[str, QDoubleSpinBox] = {}
        labels = {
            "envelope.x_mm": self.tr("Marge gauche"),
            "envelope.y_mm": self.tr("Marge haute"),
            "envelope.width_mm": self.tr("Largeur"),
        }
        for key in ENVELOPE:
            spec = SPECS_BY_KEY[key]
            mm_box = QDoubleSpinBox()
            mm_box.setObjectName(key.replace(".", "_"))
            mm_box.setRange(float(spec.minimum or 0), float(spec.maximum or 300))
            mm_box.setDecimals(1)
            mm_box.setSingleStep(0.5)
            mm_box.setSuffix(" mm")
            self.envelope_boxes[key] = mm_box
            envelope_form.addRow(labels[key], mm_box)
        hint = QLabel(
            self.tr(
                "Mesures depuis le coin supérieur gauche de la feuille A4. Par défaut : 105 mm, "
                "47 mm, largeur 85 mm. Imprimez la page de calibration, pliez-la aux repères et "
                "vérifiez-la dans une enveloppe de l'agence."
            )
        )
        hint.setWordWrap(True)
        envelope_form.addRow(hint)
        self.calibration_button = QPushButton(self.tr("Imprimer la page de calibration…"))
        self.calibration_button.setObjectName("printCalibrationButton")
        self.calibration_button.clicked.connect(self.on_calibration_button_clicked)
        envelope_form.addRow(self.calibration_button)

        sending = QGroupBox(self.tr("Envoi des courriers"))
        sending_layout = QVBoxLayout(sending)
        self.print_marks_sent = QCheckBox(
            self.tr("L'impression des courriers marque la mise en relation « envoyée »")
        )
        self.print_marks_sent.setObjectName("printMarksSentBox")
        self.print_marks_sent.setToolTip(
            self.tr(
                "Décochez si les courriers imprimés ne partent pas toujours : marquez-les alors "
                "« envoyée » dans la fenêtre des courriers. Enregistrer un PDF ou un brouillon "
                "d'e-mail ne marque jamais rien."
            )
        )
        sending_layout.addWidget(self.print_marks_sent)

        layout = QVBoxLayout(self)
        layout.addWidget(delays)
        layout.addWidget(sending)
        layout.addWidget(envelope)
        layout.addStretch(1)

    def load(self, values: dict[str, Any]) -> None:
        for key, box in self.delay_boxes.items():
            box.setValue(int(values[key]))
        for key, envelope_box in self.envelope_boxes.items():
            envelope_box.setValue(float(values[key]))
        self.print_marks_sent.setChecked(bool(values[PRINT_MARKS_SENT]))

    def changes(self) -> dict[str, object]:
        result: dict[str, object] = {key: box.value() for key, box in self.delay_boxes.items()}
        result.update({key: box.value() for key, box in self.envelope_boxes.items()})
        result[PRINT_MARKS_SENT] = self.print_marks_sent.isChecked()
        return result

    def envelope_window(self) -> EnvelopeWindow:
        x, y, width = (self.envelope_boxes[key].value() for key in ENVELOPE)
        return EnvelopeWindow(x_mm=x, y_mm=y, width_mm=width)

    def calibration_pdf(self) -> bytes:
        """The calibration page for the position being edited (not yet saved)."""
        return LetterService(self.ctx.db).calibration_pdf(self.envelope_window())

    def on_calibration_button_clicked(self) -> None:
        print_documents(self, self.tr("Page de calibration"), lambda: [self.calibration_pdf()])
