"""Fichier › Importer des organisations…: file, column mapping, preview, import and report."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget, QWizard

from guichet.importers.mapping import Mapping
from guichet.importers.tables import Table
from guichet.models import OrganizationKind
from guichet.services.imports import OrganizationImportService

from guichet.ui.context import AppContext
from guichet.ui.dialogs.import_pages import FilePage, MappingPage
from guichet.ui.dialogs.import_run_pages import PreviewPage, RunPage
from guichet.ui.screen_fit import fit_to_screen


class ImportWizard(QWizard):
    #: Emitted after a successful import with the number of records created or updated.
    imported = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = OrganizationImportService(ctx.db)
        self.table: Table | None = None
        self.mapping: Mapping | None = None
        self.kind = OrganizationKind.COMPANY
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Importer des organisations"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Suivant >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Précédent"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Annuler"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Terminer"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Importer"))
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.preview_page.setCommitPage(True)
        self.run_page = RunPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.run_page):
            self.addPage(page)
        fit_to_screen(self, (980, 640))

    def set_running(self, running: bool) -> None:
        """While the import runs, the wizard cannot be closed (only the import cancelled)."""
        self.button(QWizard.WizardButton.CancelButton).setEnabled(not running)

    def reject(self) -> None:
        if self.run_page.running:
            self.run_page.on_cancel_button_clicked()
            return
        if self.preview_page.task is not None:
            self.preview_page.task.cancel()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.run_page.running:
            self.run_page.on_cancel_button_clicked()
            event.ignore()
            return
        super().closeEvent(event)
