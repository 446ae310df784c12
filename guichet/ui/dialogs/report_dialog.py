"""Fichier › Rapport d'activité… : the period, PDF or XLSX, where to write it; the report is
generated off the GUI thread (progress, cancel), and a PDF is shown in the preview beside."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
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

from guichet.errors import ValidationError
from guichet.reference.file_names import with_folder
from guichet.services.activity_report import ReportFile, write_report
from guichet.services.figures import Period
from guichet.services.figures.period import QUARTER

from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt, show_task_error
from guichet.ui.file_dialogs import FileKind, save_file_name, start_folder
from guichet.ui.pages.dashboard_period import PeriodPicker
from guichet.ui.pdf import PdfBytes
from guichet.ui.screen_fit import fit_to_screen
from guichet.ui.tasks import Task, TaskControl, run_task

FILTERS = {".pdf": "PDF (*.pdf)", ".xlsx": "Classeur Excel (*.xlsx)"}


def last_whole_quarter(today: date) -> Period:
    """What a board meets about: the last quarter already over."""
    current = Period.containing(today, QUARTER)
    return Period.containing(date.fromordinal(current.start.toordinal() - 1), QUARTER)


class ReportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: Task | None = None
        self.written: ReportFile | None = None
        self._shown: PdfBytes | None = None
        self.setObjectName("reportDialog")
        self.setWindowTitle(self.tr("Rapport d'activité"))
        fit_to_screen(self, (1000, 720))
        self.period_picker = PeriodPicker(date.today())
        self.period_picker.set_period(last_whole_quarter(date.today()))
        self.period_picker.period_changed.connect(self.on_period_picker_period_changed)
        self.pdf_radio = QRadioButton(self.tr("PDF : le rapport mis en page"))
        self.pdf_radio.setObjectName("reportPdfRadio")
        self.xlsx_radio = QRadioButton(self.tr("XLSX : tous ses tableaux, une feuille chacun"))
        self.xlsx_radio.setObjectName("reportXlsxRadio")
        self.formats = QButtonGroup(self)
        self.formats.addButton(self.pdf_radio)
        self.formats.addButton(self.xlsx_radio)
        self.pdf_radio.setChecked(True)
        self.pdf_radio.toggled.connect(self.on_pdf_radio_toggled)
        format_row = QHBoxLayout()
        format_row.addWidget(self.pdf_radio)
        format_row.addWidget(self.xlsx_radio)
        format_row.addStretch(1)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("reportPathEdit")
        self.choose_button = QPushButton(self.tr("C&hoisir…"))
        self.choose_button.setObjectName("reportChooseButton")
        self.choose_button.clicked.connect(self.on_choose_button_clicked)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.choose_button)
        form = QFormLayout()
        format_label = QLabel(self.tr("&Format"))
        format_label.setBuddy(self.pdf_radio)
        form.addRow(format_label, format_row)
        destination = QLabel(self.tr("&Enregistrer sous"))
        destination.setBuddy(self.path_edit)
        form.addRow(destination, path_row)
        self.status = QLabel(
            self.tr("Chiffres agrégés seulement : aucun nom de personne ; un effectif sous 3 est "
                    "écrit « < 3 ».")
        )  # fmt: skip
        self.status.setObjectName("reportStatus")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("reportProgress")
        self.progress.setAccessibleName(self.tr("Avancement du rapport"))
        self.progress.setVisible(False)
        self.generate_button = QPushButton(self.tr("&Générer le rapport"))
        self.generate_button.setObjectName("reportGenerateButton")
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.on_generate_button_clicked)
        self.cancel_button = QPushButton(self.tr("&Annuler la génération"))
        self.cancel_button.setObjectName("reportCancelButton")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.on_cancel_button_clicked)
        self.close_button = QPushButton(self.tr("Fermer"))
        self.close_button.setObjectName("reportCloseButton")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.close_button)
        self.view = QPdfView()
        self.view.setObjectName("reportPreview")
        self.view.setAccessibleName(self.tr("Aperçu du rapport"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout = QVBoxLayout(self)
        layout.addWidget(self.period_picker)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self.on_period_picker_period_changed(self.period_picker.period())
        self.period_picker.kind_box.setFocus()

    # -- destination ---------------------------------------------------------------------------
    def suffix(self) -> str:
        return ".pdf" if self.pdf_radio.isChecked() else ".xlsx"

    def _proposed(self, period: Period) -> str:
        name = self.tr("Rapport d'activité - {period}{suffix}").format(
            period=period.label, suffix=self.suffix()
        )
        folder = Path(self.path_edit.text()).parent if self.path_edit.text().strip() else None
        return str(with_folder(str(folder) if folder else start_folder(FileKind.REPORT), name))

    def on_period_picker_period_changed(self, period: Period) -> None:
        self.path_edit.setText(self._proposed(period))

    def on_pdf_radio_toggled(self, _checked: bool) -> None:
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(self.suffix())))

    def on_choose_button_clicked(self) -> None:
        chosen, _ = save_file_name(
            self,
            FileKind.REPORT,
            self.tr("Enregistrer le rapport"),
            Path(self.path_edit.text()).name,
            self.tr(FILTERS[self.suffix()]),
        )
        if chosen:
            self.path_edit.setText(chosen)

    # -- generation ----------------------------------------------------------------------------
    def on_generate_button_clicked(self) -> None:
        # the picker keeps its last valid period while dates are wrong: read what it shows
        period = attempt(self, self.period_picker._read)
        if period is None or self.task is not None:
            return
        path = Path(self.path_edit.text().strip())
        db = self.ctx.db

        def work(control: TaskControl) -> ReportFile:
            def progressed(done: int, total: int) -> None:
                control.check()
                control.progress(done, total)

            return write_report(db, period, path, progress=progressed)

        self._set_running(True)
        self.status.setText(self.tr("Calcul des chiffres…"))
        self.task = run_task(
            work,
            on_success=self.on_task_succeeded,
            on_error=self.on_task_failed,
            on_progress=self.on_task_progressed,
            on_cancel=self.on_task_cancelled,
            parent=self,
        )

    def _set_running(self, running: bool) -> None:
        self.generate_button.setEnabled(not running)
        self.cancel_button.setVisible(running)
        self.progress.setVisible(running)
        self.progress.setRange(0, 0)
        if not running:
            self.task = None

    def on_task_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def on_task_succeeded(self, written: ReportFile) -> None:
        self._set_running(False)
        self.written = written
        if written.pages:
            self.status.setText(
                self.tr("Rapport enregistré ({pages} pages) : {path}").format(
                    pages=written.pages, path=written.path
                )
            )
            holder = attempt(self, lambda: PdfBytes(written.path.read_bytes(), self))
            if holder is not None:
                self._shown = holder
                self.view.setDocument(holder.document)
        else:
            self.status.setText(
                self.tr("Classeur enregistré ({sheets} feuilles) : {path}").format(
                    sheets=written.sheets, path=written.path
                )
            )

    def on_task_failed(self, exc: BaseException) -> None:
        self._set_running(False)
        if isinstance(exc, ValidationError):
            self.status.setText(exc.message)
            return
        self.status.setText(self.tr("Le rapport n'a pas pu être écrit."))
        show_task_error(self, exc)

    def on_task_cancelled(self) -> None:
        self._set_running(False)
        self.status.setText(self.tr("Génération annulée : aucun fichier écrit."))

    def on_cancel_button_clicked(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText(self.tr("Annulation…"))

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
        super().reject()
