"""À propos: version, where the data lives, and the attribution of the reference data."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from guichet import __version__
from guichet.config import AppPaths

ATTRIBUTION = (
    "Données de référence (NAF rév. 2, communes, EPCI, tranches d'effectif, catégories "
    "juridiques, SIRENE) : Source : INSEE, DGCL, La Poste — Licence Ouverte / Open Licence "
    "Etalab 2.0 ; communes et EPCI millésime 2026. Contours des communes (carte du territoire) : "
    "Source : IGN — Admin Express COG 2018 ; INSEE — Licence Ouverte Etalab 2.0."
)


class AboutDialog(QDialog):
    def __init__(
        self, location: str, paths: AppPaths | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("À propos de Guichet"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr("<h3>Guichet {version}</h3>").format(version=__version__)
            + self.tr(
                "<p>Le guichet unique des entreprises : accueillir, orienter, informer, "
                "mettre en relation et suivre, même hors ligne.</p>"
            )
            + "<p>"
            + self.tr("Base de données : {db}").format(db=location)
            + "<br>"
            + self.tr("Journal : {log}").format(log=paths.log_dir if paths else "—")
            + "<br>"
            + f"Python {platform.python_version()} · Qt for Python {pyside_version}"
            + "</p><p><small>"
            + self.tr(ATTRIBUTION)
            + "</small></p>"
        )
        text.setObjectName("aboutText")
        text.setWordWrap(True)
        text.setMinimumWidth(460)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
