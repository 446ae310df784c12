"""Fichier › Importer SIRENE…: INSEE's stock files into the local lookup table."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.importers.sirene import SireneFilter
from guichet.services.sirene_import import (
    SireneImportReport,
    departement_filter,
    import_sirene,
    sirene_count,
    territory_filter,
)

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.feedback import show_error, show_task_error
from guichet.ui.file_dialogs import FileKind, open_file_name
from guichet.ui.screen_fit import fit_to_screen
from guichet.ui.tasks import Task, TaskControl, run_task

STOCK_FILTER = "Fichiers SIRENE (*.csv *.zip);;Tous les fichiers (*)"


class SireneImportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: Task | None = None
        self.setObjectName("sireneImportDialog")
        self.setWindowTitle(self.tr("Importer les fichiers SIRENE"))
        fit_to_screen(self, (640, 320))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Les fichiers « StockEtablissement » et « StockUniteLegale » de l'INSEE (CSV ou "
                "zip publiés sur data.gouv.fr) alimentent la table SIRENE locale qui sert à "
                "compléter une fiche. L'annuaire n'est pas modifié. Établissements actuellement "
                "dans la table : %1."
            ).replace("%1", str(sirene_count(ctx.db)))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.stock_edit, stock_row = self._file_row("sireneStockEdit")
        form.addRow(self.tr("StockEtablissement :"), stock_row)
        self.units_edit, units_row = self._file_row("sireneUnitsEdit")
        form.addRow(self.tr("StockUniteLegale (facultatif) :"), units_row)
        self.territory_radio = QRadioButton(self.tr("Communes du territoire"))
        self.territory_radio.setObjectName("sireneTerritoryRadio")
        self.territory_radio.setChecked(True)
        self.departement_radio = QRadioButton(self.tr("Département :"))
        self.departement_radio.setObjectName("sireneDepartementRadio")
        self.departement_edit = QLineEdit("76")
        self.departement_edit.setObjectName("sireneDepartementEdit")
        set_name(self.departement_edit, self.tr("Numéro du département"))
        self.departement_edit.setMaximumWidth(60)
        where = QHBoxLayout()
        where.addWidget(self.territory_radio)
        where.addWidget(self.departement_radio)
        where.addWidget(self.departement_edit)
        where.addStretch(1)
        form.addRow(self.tr("Garder :"), where)
        self.closed_box = QCheckBox(self.tr("Garder aussi les établissements fermés (marqués)"))
        self.closed_box.setObjectName("sireneClosedBox")
        form.addRow(self.closed_box)
        layout.addLayout(form)
        self.progress = QProgressBar()
        self.progress.setObjectName("sireneProgress")
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setObjectName("sireneStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(
            self.tr("Importer"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setObjectName("sireneStartButton")
        self.close_button = self.buttons.addButton(
            self.tr("Fermer"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.close_button.setObjectName("sireneCloseButton")
        self.start_button.clicked.connect(self.on_start_button_clicked)
        self.close_button.clicked.connect(self.on_close_button_clicked)
        layout.addWidget(self.buttons)

    def _file_row(self, name: str) -> tuple[QLineEdit, QHBoxLayout]:
        edit = QLineEdit()
        edit.setObjectName(name)
        button = QPushButton(self.tr("Parcourir…"))
        button.clicked.connect(lambda: self._browse(edit))
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(button)
        return edit, row

    def _browse(self, edit: QLineEdit) -> None:
        chosen = open_file_name(
            self, FileKind.SIRENE, self.tr("Choisir un fichier SIRENE"), self.tr(STOCK_FILTER)
        )
        if chosen:
            edit.setText(chosen)

    def _filter(self) -> SireneFilter:
        include_closed = self.closed_box.isChecked()
        if self.departement_radio.isChecked():
            return departement_filter(self.departement_edit.text(), include_closed=include_closed)
        return territory_filter(self.ctx.db, include_closed=include_closed)

    def on_start_button_clicked(self) -> None:
        stock = self.stock_edit.text().strip()
        units = self.units_edit.text().strip()
        if not stock:
            self.status.setText(self.tr("Choisissez d'abord le fichier StockEtablissement."))
            return
        try:
            wanted = self._filter()
        except GuichetError as exc:
            show_error(self, exc)
            return
        db = self.ctx.db

        def work(control: TaskControl) -> SireneImportReport:
            return import_sirene(
                db,
                Path(stock),
                wanted,
                legal_units=Path(units) if units else None,
                check=control.check,
                progress=control.progress,
            )

        self.start_button.setEnabled(False)
        self.close_button.setText(self.tr("Annuler"))
        self.status.setText(self.tr("Lecture du fichier…"))
        self.task = run_task(
            work,
            on_success=self.on_task_succeeded,
            on_error=self.on_task_failed,
            on_progress=self.on_task_progressed,
            on_cancel=self.on_task_cancelled,
            parent=self,
        )

    def on_task_progressed(self, done: int, total: int) -> None:
        # Byte counts exceed an int's range on the national file: show per mille.
        self.progress.setMaximum(1000)
        self.progress.setValue(int(done * 1000 / total) if total else 0)

    def _done(self, text: str) -> None:
        self.task = None
        self.status.setText(text)
        self.start_button.setEnabled(True)
        self.close_button.setText(self.tr("Fermer"))

    def on_task_succeeded(self, report: SireneImportReport) -> None:
        self.progress.setValue(self.progress.maximum())
        self._done(self.tr("Terminé. ") + report.summary)

    def on_task_cancelled(self) -> None:
        self._done(self.tr("Import annulé : la table SIRENE n'a pas été modifiée."))

    def on_task_failed(self, exc: BaseException) -> None:
        self._done(self.tr("L'import a échoué : la table SIRENE n'a pas été modifiée."))
        show_task_error(self, exc)

    def on_close_button_clicked(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText(self.tr("Annulation…"))
            return
        self.reject()

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
            return
        super().reject()
