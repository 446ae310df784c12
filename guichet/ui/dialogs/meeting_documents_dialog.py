"""A meeting's printed documents: prepared off the GUI thread, previewed, saved or printed.

One dialog per document: the sign-in sheet, the badges, or the invitations (the letters' print
run, plus the calendar file and the e-mail drafts of the contacts invited by e-mail). Long work
(300 letters) shows its progress and can be cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import EnvironmentProblem, ValidationError
from guichet.services.meeting_documents import Draft
from guichet.services.meeting_files import MeetingFile, MeetingFiles

from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt, show_task_error
from guichet.ui.file_dialogs import FileKind, existing_folder, save_file_name
from guichet.ui.pdf import PdfBytes
from guichet.ui.printing import print_documents
from guichet.ui.screen_fit import fit_to_screen
from guichet.ui.tasks import Task, TaskControl, run_task

TITLES = {
    "sheet": "Feuille d'émargement",
    "badges": "Badges",
    "invitations": "Invitations",
}


def _write(path: Path, data: bytes) -> bool:
    from guichet.db.atomic_files import write_atomically

    try:
        write_atomically(path, data)
    except OSError as exc:
        raise EnvironmentProblem(
            f"Impossible d'enregistrer « {path.name} » : vérifiez le dossier et l'espace disque.",
            detail=str(exc),
        ) from exc
    return True


class MeetingDocumentDialog(QDialog):
    def __init__(
        self, ctx: AppContext, meeting_id: int, kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id = meeting_id
        self.kind = kind
        self.files = MeetingFiles(ctx.db)
        self.made: MeetingFile | None = None
        self._shown: PdfBytes | None = None
        self.task: Task | None = None
        self._generation = 0
        self.setObjectName("meetingDocumentDialog")
        self.setWindowTitle(self.tr(TITLES[kind]))
        fit_to_screen(self, (900, 680))
        self.view = QPdfView()
        self.view.setObjectName("meetingDocumentPreview")
        self.view.setAccessibleName(self.tr("Aperçu"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel(self.tr("Préparation…"))
        self.status.setObjectName("meetingDocumentStatus")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("meetingDocumentProgress")
        self.progress.setAccessibleName(self.tr("Avancement"))
        self.progress.setRange(0, 0)
        self.cancel_button = self._button("cancelButton", "Annuler", self.on_cancel_clicked)
        self.save_button = self._button("saveButton", "Enregistrer en PDF…", self.on_save_clicked)
        self.print_button = self._button("printButton", "Imprimer…", self.on_print_clicked)
        buttons: list[QWidget] = [self.save_button, self.print_button]
        self.everyone_box = QCheckBox(self.tr("Courrier à tous les invités"))
        self.everyone_box.setObjectName("everyoneBox")
        self.everyone_box.setToolTip(
            self.tr(
                "Sans cette case, seuls les contacts invités par courrier reçoivent une lettre ; "
                "avec elle, chaque invité, quel que soit son canal."
            )
        )
        self.everyone_box.setVisible(kind == "invitations")
        self.everyone_box.toggled.connect(self.on_everyone_box_toggled)
        if kind == "invitations":
            self.ics_button = self._button(
                "icsButton", "Rendez-vous (.ics)…", self.on_ics_button_clicked
            )
            self.each_button = self._button(
                "emailEachButton", "E-mail à chaque invité…", self.on_email_each_button_clicked
            )
            self.bcc_button = self._button(
                "emailBccButton", "Un e-mail, invités en Cci…", self.on_email_bcc_button_clicked
            )
            buttons += [self.ics_button, self.each_button, self.bcc_button]
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Fermer"))
        close.rejected.connect(self.reject)
        working = QHBoxLayout()
        working.addWidget(self.everyone_box)
        working.addWidget(self.progress, 1)
        working.addWidget(self.cancel_button)
        actions = QHBoxLayout()
        for button in buttons:
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(working)
        layout.addLayout(actions)
        self.start()

    def start(self) -> None:
        """Prepares the document in the background (again, after a change of option)."""
        if self.task is not None:
            self.task.cancel()
        self.made = None
        self.status.setText(self.tr("Préparation…"))
        self.progress.setRange(0, 0)
        self._set_ready(False)
        self._generation += 1
        generation = self._generation

        def current(handler: Callable[..., None]) -> Callable[..., None]:
            """``handler`` for this run only: a run replaced by a newer one is ignored."""
            return lambda *args: handler(*args) if generation == self._generation else None

        self.task = run_task(
            self._prepare,
            on_success=current(self.show_document),
            on_error=current(self.on_task_failed),
            on_progress=current(self.on_task_progressed),
            on_cancel=current(self.on_task_cancelled),
            parent=self,
        )

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(self.tr(text))
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _set_ready(self, ready: bool) -> None:
        for button in (self.save_button, self.print_button):
            button.setEnabled(ready)
        self.cancel_button.setVisible(not ready)
        self.progress.setVisible(not ready)

    def _prepare(self, control: TaskControl) -> MeetingFile:
        if self.kind == "sheet":
            return self.files.sign_in_sheet(self.meeting_id)
        if self.kind == "badges":
            return self.files.badges(self.meeting_id)

        def progressed(done: int, total: int) -> None:
            control.check()
            control.progress(done, total)

        everyone = self.everyone_box.isChecked()
        return self.files.invitations(self.meeting_id, everyone=everyone, progress=progressed)

    # -- task results ----------------------------------------------------------------------------
    def show_document(self, made: MeetingFile) -> None:
        self.made = made
        self.task = None
        holder = attempt(self, lambda: PdfBytes(made.data, self))
        if holder is not None:
            self._shown = holder
            self.view.setDocument(holder.document)
        what = {
            "sheet": self.tr("%n inscrit(s) sur la feuille.", "", made.count),
            "badges": self.tr("%n badge(s).", "", made.count),
            "invitations": self.tr("%n courrier(s) d'invitation.", "", made.count),
        }[self.kind]
        if made.excluded:
            what += " " + self.tr(
                "%n contact(s) exclu(s) : opposition ou « ne pas contacter ».", "", made.excluded
            )
        if made.warnings:
            what += "\n" + self.tr("Ces courriers risquent de ne pas arriver :") + "\n– "
            what += "\n– ".join(made.warnings)
        self.status.setText(what)
        self._set_ready(True)

    def on_task_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status.setText(
            self.tr("Préparation des courriers : {done} / {total}").format(done=done, total=total)
        )

    def on_task_failed(self, exc: BaseException) -> None:
        self.task = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        if isinstance(exc, ValidationError):  # nothing to print: said where the preview was
            self.status.setText(exc.message)
            return
        self.status.setText(self.tr("Le document n'a pas pu être préparé."))
        show_task_error(self, exc)

    def on_everyone_box_toggled(self, _checked: bool) -> None:
        self.start()

    def on_task_cancelled(self) -> None:
        self.task = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.status.setText(self.tr("Préparation annulée."))

    def on_cancel_clicked(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText(self.tr("Annulation…"))

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
        super().reject()

    # -- actions ---------------------------------------------------------------------------------
    def on_save_clicked(self) -> None:
        made = self.made
        if made is None:
            return
        name, _ = save_file_name(
            self, FileKind.LETTER, self.tr("Enregistrer"), made.file_name, self.tr("PDF (*.pdf)")
        )
        if name:
            self._save(Path(name), made.data)

    def _save(self, path: Path, data: bytes) -> bool:
        if attempt(self, lambda: _write(path, data)):
            self.status.setText(self.tr("Enregistré : {name}").format(name=path.name))
            return True
        return False

    def on_print_clicked(self) -> None:
        made = self.made
        if made is not None:
            print_documents(self, self.tr("Imprimer"), lambda: [made.data])

    def _in_background(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        run_task(
            lambda _control: work(), on_success=done, on_error=self.on_side_task_failed, parent=self
        )

    def on_side_task_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.status.setText(exc.message)
        else:
            show_task_error(self, exc)

    def on_ics_button_clicked(self) -> None:
        def save(made: MeetingFile) -> None:
            name, _ = save_file_name(
                self,
                FileKind.EMAIL,
                self.tr("Enregistrer le rendez-vous"),
                made.file_name,
                self.tr("Agenda (*.ics)"),
            )
            if name:
                self._save(Path(name), made.data)

        self._in_background(lambda: self.files.agenda(self.meeting_id), save)

    def on_email_each_button_clicked(self) -> None:
        def save(result: tuple[list[Draft], int]) -> None:
            drafts, left_out = result
            folder = existing_folder(self, FileKind.EMAIL, self.tr("Dossier des brouillons"))
            if not folder:
                return
            for draft in drafts:
                if not self._save(Path(folder) / draft.file_name, draft.data):
                    return
            self._drafts_saved(len(drafts), left_out)

        self._in_background(
            lambda: self.files.email_drafts(self.meeting_id, one_per_contact=True), save
        )

    def on_email_bcc_button_clicked(self) -> None:
        def save(result: tuple[list[Draft], int]) -> None:
            [draft], left_out = result
            name, _ = save_file_name(
                self,
                FileKind.EMAIL,
                self.tr("Enregistrer le brouillon"),
                draft.file_name,
                self.tr("E-mail (*.eml)"),
            )
            if name and self._save(Path(name), draft.data):
                self._drafts_saved(1, left_out)

        self._in_background(
            lambda: self.files.email_drafts(self.meeting_id, one_per_contact=False), save
        )

    def _drafts_saved(self, count: int, left_out: int) -> None:
        text = self.tr("%n brouillon(s) d'e-mail enregistré(s), le rendez-vous joint.", "", count)
        if left_out:
            text += " " + self.tr(
                "%n invité(s) laissé(s) de côté : opposition ou pas d'adresse e-mail.", "", left_out
            )
        self.status.setText(text)
