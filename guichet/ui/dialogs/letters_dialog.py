"""Courriers: preview the letters of one or more referrals, print them as one job, save them.

Letters are generated once and archived; this dialog shows and prints the archived bytes, so a
reprint is identical to the first print. Printing marks the referrals « envoyée » (unless the
setting says otherwise); saving a PDF or an e-mail draft records nothing — « Marquer comme
envoyée » does, once the counsellor has sent it. A recipient address La Poste could not deliver
is flagged before anything is printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.reference.dates import format_datetime_short
from guichet.reference.file_names import with_folder
from guichet.services.letters import LetterInfo, LetterService
from guichet.services.settings import SettingsService

from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt, show_error, show_task_error
from guichet.ui.file_dialogs import FileKind, existing_folder, save_file_name
from guichet.ui.pdf import PdfBytes, print_pdfs
from guichet.ui.printing import print_documents
from guichet.ui.screen_fit import fit_to_screen
from guichet.ui.tasks import run_task


class LettersDialog(QDialog):
    letters_sent = Signal()

    def __init__(
        self, ctx: AppContext, referral_ids: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.referral_ids = list(referral_ids)
        self.service = LetterService(ctx.db)
        self.letters: list[LetterInfo] = []
        self.problems: list[str] = []
        self._shown: PdfBytes | None = None
        self.setObjectName("lettersDialog")
        self.setWindowTitle(self.tr("Courriers de mise en relation"))
        fit_to_screen(self, (1000, 700))

        self.list = QListWidget()
        self.list.setObjectName("lettersList")
        self.list.setAccessibleName(self.tr("Courriers"))
        self.list.currentRowChanged.connect(self.on_list_current_row_changed)
        self.view = QPdfView()
        self.view.setObjectName("letterPreview")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel(self.tr("Préparation des courriers…"))
        self.status.setObjectName("lettersStatus")
        self.status.setWordWrap(True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.status)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 700])

        self.print_button = self._button(
            "printButton", self.tr("Imprimer tout…"), self.on_print_clicked
        )
        self.save_button = self._button(
            "saveButton", self.tr("Enregistrer en PDF…"), self.on_save_clicked
        )
        self.save_all_button = self._button(
            "saveAllButton", self.tr("Enregistrer tout dans un dossier…"), self.on_save_all_clicked
        )
        self.email_button = self._button(
            "emailButton", self.tr("Brouillon d'e-mail…"), self.on_email_clicked
        )
        self.mark_sent_button = self._button(
            "markSentButton", self.tr("Marquer comme envoyée"), self.on_mark_sent_clicked
        )
        self.mark_sent_button.setToolTip(
            self.tr(
                "Le courrier sélectionné est parti (PDF ou e-mail envoyé par vos soins) : il est "
                "daté et la mise en relation passe à « envoyée »."
            )
        )
        self.regenerate_button = self._button(
            "regenerateButton", self.tr("Régénérer"), self.on_regenerate_clicked
        )
        self.regenerate_button.setToolTip(
            self.tr("Refait le courrier sélectionné avec les données et le modèle actuels.")
        )
        actions = QHBoxLayout()
        for button in (
            self.print_button,
            self.save_button,
            self.save_all_button,
            self.email_button,
            self.mark_sent_button,
            self.regenerate_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Fermer"))
        close.rejected.connect(self.reject)
        actions.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        self._set_enabled(False)
        self.task = run_task(
            lambda _control: self._prepare(),
            on_success=self.show_prepared,
            on_error=self.on_task_failed,
            parent=self,
        )

    def _button(self, name: str, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _set_enabled(self, enabled: bool) -> None:
        for button in (
            self.print_button,
            self.save_button,
            self.save_all_button,
            self.email_button,
            self.mark_sent_button,
            self.regenerate_button,
        ):
            button.setEnabled(enabled)
        info = self.current_letter()
        self.mark_sent_button.setEnabled(enabled and info is not None and info.sent_at is None)

    # -- content -------------------------------------------------------------------------------
    def _prepare(self) -> tuple[list[LetterInfo], list[str]]:
        """In the background: the archived letters, and what would keep them from arriving."""
        letters = self.service.ensure_letters(self.referral_ids)
        problems = [p for rid in self.referral_ids for p in self.service.delivery_problems(rid)]
        return letters, problems

    def show_prepared(self, prepared: tuple[list[LetterInfo], list[str]]) -> None:
        self.problems = prepared[1]
        self.show_letters(prepared[0])

    def show_letters(self, letters: list[LetterInfo]) -> None:
        row = max(self.list.currentRow(), 0)
        self.letters = letters
        self.list.blockSignals(True)
        self.list.clear()
        for info in letters:
            state = (
                self.tr("envoyé le %1").replace("%1", format_datetime_short(info.sent_at))
                if info.sent_at
                else self.tr("pas encore envoyé")
            )
            item = QListWidgetItem(f"{info.kind_label}\n{info.file_name}\n{state}")
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ready = (
            self.tr("%n courrier(s) prêt(s).", "", len(letters))
            if letters
            else self.tr("Aucun courrier.")
        )
        if self.problems:
            ready += "\n" + self.tr("⚠ Adresse à compléter avant l'envoi :") + "\n– "
            ready += "\n– ".join(self.problems)
        self.status.setText(ready)
        self.status.setStyleSheet("color: #a00000;" if self.problems else "")
        if letters:
            self.list.setCurrentRow(min(row, len(letters) - 1))
        self._set_enabled(bool(letters))
        if letters:
            self.on_list_current_row_changed(self.list.currentRow())

    def on_task_failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("Les courriers n'ont pas pu être préparés."))
        show_task_error(self, exc)

    def current_letter(self) -> LetterInfo | None:
        row = self.list.currentRow()
        return self.letters[row] if 0 <= row < len(self.letters) else None

    def on_list_current_row_changed(self, _row: int) -> None:
        info = self.current_letter()
        if info is None:
            return
        self.mark_sent_button.setEnabled(info.sent_at is None)
        holder = attempt(self, lambda: PdfBytes(self.service.pdf(info.id), self))
        if holder is None:
            return
        self.view.setDocument(holder.document)
        if self._shown is not None:
            self._shown.deleteLater()
        self._shown = holder

    # -- actions -------------------------------------------------------------------------------
    def _pdfs(self) -> list[bytes]:
        return [self.service.pdf(info.id) for info in self.letters]

    def _after_printing(self) -> None:
        if SettingsService(self.ctx.db).get("letters.print_marks_sent"):
            self._mark_sent([info.id for info in self.letters])

    def print_to(self, printer: QPrinter) -> int:
        """Prints every letter shown as one job through Qt (no CUPS), then marks them sent."""
        pages = print_pdfs(printer, self._pdfs())
        self._after_printing()
        return pages

    def confirm_despite_problems(self) -> bool:
        """Asks before printing letters whose recipient address cannot be delivered."""
        if not self.problems:
            return True
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Adresse incomplète"),
            self.tr("Ces courriers risquent de ne pas arriver :")
            + "\n– "
            + "\n– ".join(self.problems)
            + "\n\n"
            + self.tr("Complétez la fiche, puis « Régénérer ». Imprimer quand même ?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def on_print_clicked(self) -> None:
        if not self.confirm_despite_problems():
            return
        if print_documents(self, self.tr("Imprimer les courriers"), self._pdfs):
            attempt(self, self._after_printing)

    def save_to(self, path: Path, letter: LetterInfo) -> None:
        """Writes the archived PDF; nothing is recorded (saving is not sending)."""
        try:
            path.write_bytes(self.service.pdf(letter.id))
        except OSError as exc:
            raise GuichetError(
                f"Impossible d'enregistrer « {path.name} » : vérifiez le dossier et l'espace disque.",
                detail=str(exc),
            ) from exc
        self._saved(1)

    def _saved(self, count: int) -> None:
        self.status.setText(
            self.tr(
                "%n courrier(s) enregistré(s). Une fois envoyé, cliquez sur "
                "« Marquer comme envoyée ».",
                "",
                count,
            )
        )

    def on_save_clicked(self) -> None:
        info = self.current_letter()
        if info is None:
            return
        name, _ = save_file_name(
            self,
            FileKind.LETTER,
            self.tr("Enregistrer le courrier"),
            info.file_name,
            self.tr("PDF (*.pdf)"),
        )
        if name:
            attempt(self, lambda: self.save_to(Path(name), info))

    def save_all_to(self, folder: Path) -> None:
        """Writes every archived PDF into ``folder``; nothing is recorded."""
        for info in self.letters:
            try:
                Path(with_folder(folder, info.file_name)).write_bytes(self.service.pdf(info.id))
            except OSError as exc:
                raise GuichetError(
                    f"Impossible d'enregistrer les courriers dans « {folder} ».", detail=str(exc)
                ) from exc
        self._saved(len(self.letters))

    def on_save_all_clicked(self) -> None:
        folder = existing_folder(self, FileKind.LETTER, self.tr("Dossier des courriers"))
        if folder:
            attempt(self, lambda: self.save_all_to(Path(folder)))

    def on_mark_sent_clicked(self) -> None:
        info = self.current_letter()
        if info is not None and info.sent_at is None:
            attempt(self, lambda: self._mark_sent([info.id]))

    def on_email_clicked(self) -> None:
        info = self.current_letter()
        if info is None:
            return
        draft = attempt(self, lambda: self.service.email_draft(info.id))
        if draft is None:
            return
        name, _ = save_file_name(
            self, FileKind.EMAIL, self.tr("Brouillon d'e-mail"), draft[0], self.tr("E-mail (*.eml)")
        )
        if name:
            try:
                Path(name).write_bytes(draft[1])
            except OSError as exc:
                show_error(
                    self, GuichetError("Impossible d'enregistrer le brouillon.", detail=str(exc))
                )

    def on_regenerate_clicked(self) -> None:
        info = self.current_letter()
        if info is None:
            return
        if (
            attempt(self, lambda: self.service.generate([info.referral_id], [info.kind]))
            is not None
        ):
            prepared = attempt(self, self._prepare)  # the address may have been completed
            if prepared is not None:
                self.show_prepared(prepared)

    def _mark_sent(self, letter_ids: list[int]) -> None:
        self.service.mark_sent(letter_ids, at=datetime.now())
        self.show_letters(self.service.letters(self.referral_ids))
        self.letters_sent.emit()
