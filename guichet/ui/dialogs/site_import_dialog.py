"""« Importer des sites… »: a spreadsheet, its columns mapped to the site fields (guessed from
the headers, as the organisation import does), a check, then the import in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.importers.mapping import Mapping
from guichet.importers.site_rows import SITE_FIELDS
from guichet.importers.tables import Table
from guichet.services.site_import import (
    SiteImportReport,
    guess_site_mapping,
    import_sites,
    preview_sites,
    read_sites_file,
)

from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt, show_error, show_task_error
from guichet.ui.file_dialogs import FileKind, open_file_name
from guichet.ui.screen_fit import fit_to_screen
from guichet.ui.tasks import Task, TaskControl, run_task


class SiteImportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table: Table | None = None
        self.task: Task | None = None
        self.combos: list[QComboBox] = []
        self.setObjectName("siteImportDialog")
        self.setWindowTitle(self.tr("Importer des sites"))
        top = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("siteImportPath")
        self.path_edit.setReadOnly(True)
        self.path_edit.setAccessibleName(self.tr("Fichier à importer"))
        self.browse_button = QPushButton(self.tr("Choisir un fichier…"))
        self.browse_button.setObjectName("siteImportBrowse")
        top.addWidget(self.path_edit, 1)
        top.addWidget(self.browse_button)
        self.mapping_box = QWidget()
        self.mapping_form = QFormLayout(self.mapping_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.mapping_box)
        self.report_label = QLabel(
            self.tr(
                "Choisissez un tableur (.xlsx, .ods, .csv) : une ligne par terrain ou bâtiment."
            )
        )
        self.report_label.setObjectName("siteImportReport")
        self.report_label.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.check_button = buttons.addButton(
            self.tr("Vérifier"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.check_button.setObjectName("siteImportCheck")
        self.import_button = buttons.addButton(
            self.tr("Importer"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("siteImportRun")
        close = buttons.addButton(self.tr("Fermer"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("siteImportClose")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("Colonnes du fichier et champs du site :")))
        layout.addWidget(scroll, 1)
        layout.addWidget(self.report_label)
        layout.addWidget(buttons)
        self.browse_button.clicked.connect(self.on_browse_button_clicked)
        self.check_button.clicked.connect(self.on_check_button_clicked)
        self.import_button.clicked.connect(self.on_import_button_clicked)
        close.clicked.connect(self.reject)
        self._enable()
        fit_to_screen(self, (760, 560))

    def _enable(self) -> None:
        ready = self.table is not None and self.task is None
        self.check_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        self.browse_button.setEnabled(self.task is None)

    def load(self, path: Path) -> None:
        table = attempt(self, lambda: read_sites_file(self.ctx.db, path))
        if table is None:
            return
        self.table = table
        self.path_edit.setText(str(path))
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self.combos = []
        for column, (header, key) in enumerate(
            zip(table.headers, guess_site_mapping(table), strict=True)
        ):
            combo = QComboBox()
            combo.setObjectName(f"siteImportColumn{column}")
            combo.addItem(self.tr("(ne pas importer)"), None)
            for field in SITE_FIELDS:
                combo.addItem(self.tr(field.label), field.key)
            combo.setCurrentIndex(max(combo.findData(key), 0))
            sample = ", ".join(table.sample(column, 2))
            text = header + (f" ({sample})" if sample else "")
            combo.setAccessibleName(self.tr("Colonne {name}").format(name=header))
            self.mapping_form.addRow(text, combo)
            self.combos.append(combo)
        self.report_label.setText(
            self.tr("{n} ligne(s) lue(s). Vérifiez la correspondance des colonnes.").format(
                n=len(table.rows)
            )
        )
        self._enable()

    def mapping(self) -> Mapping:
        return tuple(combo.currentData() for combo in self.combos)

    def show_report(self, report: SiteImportReport, *, done: bool) -> None:
        head = (
            report.summary
            if done
            else self.tr("{n} ligne(s) prête(s) à importer ; {e} écartée(s).").format(
                n=report.valid, e=len(report.errors)
            )
        )
        lines = [f"ligne {line} : {message}" for line, message in report.errors[:8]]
        if len(report.errors) > 8:
            lines.append(self.tr("… et {n} autre(s).").format(n=len(report.errors) - 8))
        self.report_label.setText("\n".join([head, *lines]))

    def on_browse_button_clicked(self) -> None:
        chosen = open_file_name(
            self,
            FileKind.IMPORT,
            self.tr("Importer des sites"),
            self.tr("Tableurs (*.xlsx *.ods *.csv *.txt)"),
        )
        if chosen:
            self.load(Path(chosen))

    def on_check_button_clicked(self) -> None:
        if self.table is not None:
            table, mapping = self.table, self.mapping()
            report = attempt(self, lambda: preview_sites(table, mapping))
            if report is not None:
                self.show_report(report, done=False)

    def on_import_button_clicked(self) -> None:
        if self.table is None:
            return
        table, mapping, db = self.table, self.mapping(), self.ctx.db

        def work(control: TaskControl) -> SiteImportReport:
            return import_sites(db, table, mapping, progress=control.progress)

        self.report_label.setText(self.tr("Import en cours…"))
        self.task = run_task(
            work, on_success=self.on_imported, on_error=self.on_failed, parent=self
        )
        self._enable()

    def on_imported(self, report: SiteImportReport) -> None:
        self.task = None
        self.table = None
        self.show_report(report, done=True)
        self._enable()
        self.setResult(QDialog.DialogCode.Accepted)
        self.import_button.setEnabled(False)

    def on_failed(self, exc: BaseException) -> None:
        self.task = None
        self._enable()
        self.report_label.setText(self.tr("L'import n'a pas eu lieu."))
        if isinstance(exc, GuichetError):
            show_error(self, exc)
        else:
            show_task_error(self, exc)

    def done(self, result: int) -> None:
        if self.task is not None:
            return  # the import finishes first (one transaction)
        super().done(max(result, self.result()))
