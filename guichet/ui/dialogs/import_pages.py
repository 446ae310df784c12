"""The first two steps of the import wizard: choosing the file, then mapping its columns."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from guichet.errors import GuichetError
from guichet.importers.mapping import FIELDS
from guichet.models import OrganizationKind, label

from guichet.ui.accessibility import set_name
from guichet.ui.feedback import show_error
from guichet.ui.file_dialogs import FileKind, open_file_name

if TYPE_CHECKING:
    from guichet.ui.dialogs.import_wizard import ImportWizard

FILE_FILTER = "Tableaux (*.csv *.xlsx *.ods *.txt);;Tous les fichiers (*)"


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setObjectName("importFilePage")
        self.setTitle(self.tr("Fichier à importer"))
        self.setSubTitle(
            self.tr(
                "Un tableau d'organisations (CSV, Excel .xlsx ou OpenDocument .ods) avec une "
                "ligne d'en-têtes. L'encodage et le séparateur d'un CSV sont reconnus seuls."
            )
        )
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importFileEdit")
        self.path_edit.setAccessibleName(self.tr("Fichier"))
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("Parcourir…"))
        browse.setObjectName("importBrowseButton")
        browse.clicked.connect(self.on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("importKindBox")
        for kind in (OrganizationKind.COMPANY, OrganizationKind.MEMBER, OrganizationKind.PARTNER):
            self.kind_box.addItem(self.tr(label(kind)), kind)
        form = QFormLayout(self)
        form.addRow(self.tr("Fichier :"), row)
        form.addRow(self.tr("Nouvelles fiches de type :"), self.kind_box)
        hint = QLabel(
            self.tr(
                "Rien n'est enregistré avant la dernière étape : vous verrez d'abord, ligne par "
                "ligne, ce qui sera créé, mis à jour, ignoré ou rejeté."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)

    def on_browse_clicked(self) -> None:
        chosen = open_file_name(
            self, FileKind.IMPORT, self.tr("Choisir le fichier à importer"), self.tr(FILE_FILTER)
        )
        if chosen:
            self.path_edit.setText(chosen)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            table = self.owner.service.read(Path(self.path_edit.text().strip()))
        except GuichetError as exc:
            QGuiApplication.restoreOverrideCursor()
            show_error(self, exc)
            return False
        QGuiApplication.restoreOverrideCursor()
        self.owner.table = table
        self.owner.kind = OrganizationKind(self.kind_box.currentData())
        return True


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setObjectName("importMappingPage")
        self.setTitle(self.tr("Correspondance des colonnes"))
        self.setSubTitle(
            self.tr(
                "Pour chaque colonne du fichier, le champ de Guichet où elle ira. Les choix "
                "sont devinés d'après les en-têtes ; corrigez-les si besoin."
            )
        )
        layout = QVBoxLayout(self)
        self.source_label = QLabel()
        self.source_label.setObjectName("importSourceLabel")
        self.source_label.setWordWrap(True)
        layout.addWidget(self.source_label)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("mappingTable")
        set_name(self.table, self.tr("Correspondance des colonnes"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Colonne du fichier"), self.tr("Exemples"), self.tr("Champ de Guichet")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.combos: list[QComboBox] = []

    def _combo(self, column: int, header: str, selected: str | None) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"mappingCombo{column}")
        set_name(combo, self.tr("Champ de Guichet pour la colonne « %1 »").replace("%1", header))
        combo.addItem(self.tr("— ne pas importer —"), None)
        for spec in FIELDS:
            text = self.tr(spec.label) + (" *" if spec.required else "")
            combo.addItem(text, spec.key)
        combo.setCurrentIndex(max(combo.findData(selected), 0) if selected else 0)
        return combo

    def initializePage(self) -> None:
        table = self.owner.table
        assert table is not None
        choice = self.owner.service.mapping_for(table)
        remembered = (
            self.tr("Correspondance retrouvée : un fichier de même forme a déjà été importé.")
            if choice.remembered
            else self.tr("Correspondance devinée d'après les en-têtes.")
        )
        self.source_label.setText(
            self.tr("%1 — %2 lignes. %3")
            .replace("%1", table.description)
            .replace("%2", str(len(table.rows)))
            .replace("%3", remembered)
        )
        self.table.setRowCount(len(table.headers))
        self.combos = []
        for column, header in enumerate(table.headers):
            self.table.setItem(column, 0, QTableWidgetItem(header))
            self.table.setItem(column, 1, QTableWidgetItem(" · ".join(table.sample(column))))
            combo = self._combo(column, header, choice.mapping[column])
            self.combos.append(combo)
            self.table.setCellWidget(column, 2, combo)

    def mapping(self) -> tuple[str | None, ...]:
        return tuple(combo.currentData() for combo in self.combos)

    def validatePage(self) -> bool:
        try:
            self.owner.service.check_mapping(self.mapping())
        except GuichetError as exc:
            show_error(self, exc)
            return False
        self.owner.mapping = self.mapping()
        return True
