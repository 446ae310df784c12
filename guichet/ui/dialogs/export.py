"""Fichier › Exporter…: choose what to export; the file's extension chooses the format."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from guichet.services.exports import FORMATS, KIND_LABELS, ExportKind, ExportResult

from guichet.ui.context import AppContext
from guichet.ui.export_button import export_to_file
from guichet.ui.permission_gate import disable_named_kinds


class ExportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_: ExportResult | None = None
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Exporter"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("exportKindBox")
        for kind in ExportKind:
            self.kind_box.addItem(self.tr(KIND_LABELS[kind]), kind)
        disable_named_kinds(ctx, self.kind_box)
        form.addRow(self.tr("Exporter :"), self.kind_box)
        layout.addLayout(form)
        formats = ", ".join(FORMATS.values())
        hint = QLabel(
            self.tr(
                "Tous les enregistrements sont exportés ; pour n'exporter que ce qu'affiche "
                "une liste filtrée, utilisez son bouton « Exporter… ». Formats : %1 (vCard pour "
                "les contacts seulement). Les cellules qui ressembleraient à une formule sont "
                "neutralisées."
            ).replace("%1", formats)
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        csv_limits = QLabel(
            self.tr(
                "Le classeur Excel (.xlsx) est proposé par défaut : il garde chaque valeur telle "
                "quelle. Un fichier CSV ne dit pas quelles colonnes sont du texte : un tableur "
                "qui l'ouvre retire les zéros de tête des SIREN, SIRET, codes postaux et codes "
                "d'effectif (« 01000 » devient « 1000 ») et peut lire certaines valeurs comme "
                "des dates ou des nombres."
            )
        )
        csv_limits.setObjectName("exportCsvLimits")
        csv_limits.setWordWrap(True)
        layout.addWidget(csv_limits)
        buttons = QDialogButtonBox()
        export_button = buttons.addButton(
            self.tr("Exporter…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        export_button.setObjectName("exportButton")
        buttons.addButton(self.tr("Fermer"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def on_buttons_accepted(self) -> None:
        kind = ExportKind(self.kind_box.currentData())  # Qt hands the StrEnum back as str
        export_to_file(self, self.ctx, kind, on_done=self.on_export_done)

    def on_export_done(self, result: ExportResult | None) -> None:
        self.result_ = result
        if result is not None:
            self.accept()
