"""Import a meeting's registrations from an online form's export (CSV, XLSX, ODS): the file,
which column holds what (guessed from the headers, as in the directory import), the result."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.importers.tables import Table
from guichet.services.imports import MappingChoice
from guichet.services.meeting_import import (
    FIELD_LABELS,
    REGISTRATION_FIELDS,
    RegistrationImportReport,
    check_registration_mapping,
    import_registrations,
    read_registration_file,
)

from guichet.ui.accessibility import announce, set_name
from guichet.ui.context import AppContext
from guichet.ui.dialogs.import_pages import FILE_FILTER
from guichet.ui.feedback import attempt, show_error, show_task_error
from guichet.ui.file_dialogs import FileKind, open_file_name
from guichet.ui.screen_fit import fit_to_screen, set_text_lines
from guichet.ui.tasks import TaskControl, run_task


class RegistrationsImportDialog(QDialog):
    def __init__(self, ctx: AppContext, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id = meeting_id
        self.table: Table | None = None
        self.report: RegistrationImportReport | None = None
        self.setObjectName("registrationsImportDialog")
        self.setWindowTitle(self.tr("Importer des inscriptions"))
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.file_label = QLabel(self.tr("Export CSV, XLSX ou ODS d'un formulaire d'inscription."))
        self.file_label.setObjectName("importFileLabel")
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.choose_button = QPushButton(self.tr("&Choisir le fichier…"))
        self.choose_button.setObjectName("chooseRegistrationsFile")
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)
        layout.addLayout(top)
        self.mapping_view = QTableWidget(0, 3)
        self.mapping_view.setObjectName("registrationsMapping")
        set_name(self.mapping_view, self.tr("Colonnes du fichier et champ de chacune"))
        self.mapping_view.setHorizontalHeaderLabels(
            [self.tr("Colonne"), self.tr("Exemples"), self.tr("Va dans")]
        )
        self.mapping_view.verticalHeader().hide()
        self.mapping_view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.mapping_view, 1)
        self.report_edit = QPlainTextEdit()
        self.report_edit.setObjectName("registrationsImportReport")
        self.report_edit.setReadOnly(True)
        set_name(self.report_edit, self.tr("Résultat de l'import"))
        set_text_lines(self.report_edit, 4)
        layout.addWidget(self.report_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Fermer"))
        self.import_button = QPushButton(self.tr("&Importer"))
        self.import_button.setObjectName("runRegistrationsImport")
        self.import_button.setEnabled(False)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.choose_button.clicked.connect(self.on_choose_button_clicked)
        self.import_button.clicked.connect(self.on_import_button_clicked)
        fit_to_screen(self, (760, 520))

    def on_choose_button_clicked(self) -> None:
        chosen = open_file_name(
            self, FileKind.IMPORT, self.tr("Choisir le fichier des inscriptions"), FILE_FILTER
        )
        if chosen:
            self.load(Path(chosen))

    def load(self, path: Path) -> None:
        read = attempt(self, lambda: read_registration_file(self.ctx.db, path))
        if read is None:
            return
        table, choice = read
        self.file_label.setText(f"{path.name} — {table.description}, {len(table.rows)} lignes")
        self.show_mapping(table, choice)

    def show_mapping(self, table: Table, choice: MappingChoice) -> None:
        self.table = table
        self.mapping_view.setRowCount(len(table.headers))
        for column, header in enumerate(table.headers):
            self.mapping_view.setItem(column, 0, QTableWidgetItem(header))
            self.mapping_view.setItem(column, 1, QTableWidgetItem(", ".join(table.sample(column))))
            combo = QComboBox()
            combo.setObjectName(f"mappingField{column}")
            set_name(combo, self.tr("Champ de la colonne %1").replace("%1", header))
            combo.addItem(self.tr("(ignorée)"), None)
            for key in REGISTRATION_FIELDS:
                if key not in ("email", "phone"):  # the same as the contact's, for a person
                    combo.addItem(self.tr(FIELD_LABELS[key]), key)
            wanted = {"email": "contact_email", "phone": "contact_phone"}.get(
                choice.mapping[column] or "", choice.mapping[column]
            )
            combo.setCurrentIndex(max(combo.findData(wanted), 0))
            self.mapping_view.setCellWidget(column, 2, combo)
        self.mapping_view.resizeColumnsToContents()
        self.import_button.setEnabled(True)

    def mapping(self) -> tuple[str | None, ...]:
        result: list[str | None] = []
        for row in range(self.mapping_view.rowCount()):
            combo = self.mapping_view.cellWidget(row, 2)
            assert isinstance(combo, QComboBox)
            result.append(combo.currentData())
        return tuple(result)

    def on_import_button_clicked(self) -> None:
        table, mapping = self.table, self.mapping()
        if table is None:
            return
        try:
            check_registration_mapping(mapping)
        except GuichetError as exc:
            show_error(self, exc)
            return
        db, meeting_id = self.ctx.db, self.meeting_id
        self.import_button.setEnabled(False)

        def work(_control: TaskControl) -> RegistrationImportReport:
            return import_registrations(db, meeting_id, table, mapping)

        def failed(exc: BaseException) -> None:
            self.import_button.setEnabled(True)
            show_task_error(self, exc)

        run_task(work, on_success=self.show_report, on_error=failed, parent=self)

    def show_report(self, report: RegistrationImportReport) -> None:
        self.report = report
        text = "\n".join([report.summary(), *report.errors])
        self.report_edit.setPlainText(text)
        announce(self.report_edit, report.summary())
