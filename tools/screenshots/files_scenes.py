"""Screenshot scenes of the import wizard (mapping and preview steps) on the demo database."""

from __future__ import annotations

import csv
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from guichet.services.exports import organizations_table

from guichet.ui.dialogs.import_wizard import ImportWizard
from guichet.ui.main_window import MainWindow

HEADERS = ["Raison sociale", "SIRET", "Adresse", "Code postal", "Ville", "Téléphone"]
HEADERS += ["E-mail", "NAF/APE", "Contact", "Fonction"]


def sample_file(window: MainWindow) -> Path:
    """A member list as French Excel saves it (Windows-1252, ``;``) with a few known problems."""
    assert window.ctx is not None
    known = organizations_table(window.ctx.db).rows[:3]
    rows = [
        [r[1], r[3] or "", r[8] or "", r[11] or "", r[12] or "", "02 35 38 00 00", "", "", "", ""]
        for r in known
    ]
    rows += [
        [
            "Chaudronnerie du Commerce",
            "",
            "ZI du Malaquis",
            "76170",
            "Lillebonne",
            "02 35 39 12 40",
            "contact@chaudronnerie-commerce.fr",
            "25.11Z",
            "Paul LEROUX",
            "Gérant",
        ],
        [
            "Hydro-Caux Maintenance",
            "",
            "2 rue de l'Avenir",
            "76330",
            "Port-Jérôme-sur-Seine",
            "02 32 84 20 10",
            "accueil@hydrocaux.fr",
            "33.12Z",
            "Sandrine Morel",
            "Directrice",
        ],
        [
            "Hydro-Caux Maintenance",
            "",
            "2 rue de l'Avenir",
            "76330",
            "Port-Jérôme-sur-Seine",
            "02 32 84 20 10",
            "accueil@hydrocaux.fr",
            "33.12Z",
            "",
            "",
        ],
        [
            "Usinage Bolbécais",
            "123 456 789 01234",
            "5 rue Pasteur",
            "76210",
            "Bolbec",
            "02 35 31 00 00",
            "usinage@bolbec",
            "25.62B",
            "",
            "",
        ],
        [
            '=HYPERLINK("http://exemple.invalid";"Cliquez")',
            "",
            "",
            "76170",
            "Lillebonne",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "Soudure Normande",
            "",
            "Rue du Port",
            "76000",
            "Lillebonne",
            "06 12 34 56 78",
            "soudure.normande@orange.fr",
            "25.62B",
            "Marc Dubois",
            "Responsable atelier",
        ],
    ]
    folder = Path(tempfile.mkdtemp(prefix="guichet-scene-"))
    path = folder / "adherents-sotraban.csv"
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADERS)
        writer.writerows(rows)
    return path


def _wizard_at_mapping(window: MainWindow) -> ImportWizard:
    assert window.ctx is not None
    wizard = ImportWizard(window.ctx, window)
    wizard.show()
    wizard.file_page.path_edit.setText(str(sample_file(window)))
    wizard.next()
    return wizard


def import_mapping(window: MainWindow) -> QWidget:
    return _wizard_at_mapping(window)


def import_preview(window: MainWindow) -> QWidget:
    wizard = _wizard_at_mapping(window)
    wizard.next()
    deadline = time.monotonic() + 30
    while wizard.preview_page.plan is None and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    return wizard
