"""« Relayer »: choose the members (the matches, pre-ticked), the drafts' form and the folder,
then write the merged letters and the drafts and record the relays — in the background, with
progress and « Annuler » (a cancelled relay records nothing)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.services.relay import RelayResult, relay_opportunity
from guichet.services.relay_candidates import RelayCandidate

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.dialogs.save_buttons import accept_cancel_buttons
from guichet.ui.feedback import show_error
from guichet.ui.file_dialogs import FileKind, documents_folder, existing_folder
from guichet.ui.screen_fit import fit_to_screen
from guichet.ui.table_fit import compact_rows, fit_columns
from guichet.ui.table_model import Column, RowsTableModel
from guichet.ui.tasks import Task, TaskControl, run_task

AnyIndex = QModelIndex | QPersistentModelIndex


def remark(candidate: RelayCandidate) -> str:
    parts = [
        "déjà relayé" if candidate.already_relayed else "",
        "a décliné cet acheteur" if candidate.declined_buyer_on else "",
        candidate.delivery,
    ]
    return " ; ".join(p for p in parts if p)


class CandidatesModel(RowsTableModel[RelayCandidate]):
    """The proposed members, the first column checkable (Espace ticks or unticks a member)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column("Adhérent", lambda c: c.name, tooltip=lambda c: c.reason),
                Column("Lots", lambda c: c.lots),
                Column("Pourquoi", lambda c: c.reason),
                Column("Remarque", remark, tooltip=remark),
            ],
            parent,
        )
        self._checked: set[int] = set()

    def set_rows(self, rows: Sequence[RelayCandidate]) -> None:
        self._checked = {c.organization_id for c in rows if c.ticked}
        super().set_rows(rows)

    def chosen(self) -> list[RelayCandidate]:
        return [c for c in self.rows() if c.organization_id in self._checked]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid() and index.column() == 0:
            row = self.row_at(index.row())
            if row is None:
                return None
            ticked = row.organization_id in self._checked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked.add(row.organization_id)
        else:
            self._checked.discard(row.organization_id)
        self.dataChanged.emit(index, index, [role])
        return True


class RelayDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        opportunity_id: int,
        title: str,
        candidates: Sequence[RelayCandidate],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.opportunity_id = ctx, opportunity_id
        self.result_: RelayResult | None = None
        self.task: Task | None = None
        self.setObjectName("relayDialog")
        self.setWindowTitle(self.tr("Relayer l'opportunité"))
        heading = QLabel(self.tr("Relayer « %1 » aux adhérents cochés :").replace("%1", title))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        self.model = CandidatesModel(self)
        self.model.set_rows(candidates)
        self.table = QTableView()
        self.table.setObjectName("relayCandidatesView")
        set_name(self.table, self.tr("Adhérents proposés (Espace coche ou décoche)"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        compact_rows(self.table)
        heading.setBuddy(self.table)
        self.per_member = QRadioButton(
            self.tr("Un brouillon d'e-mail par adhérent (avec son courrier)")
        )
        self.per_member.setObjectName("draftPerMemberRadio")
        self.per_member.setChecked(True)
        self.in_bcc = QRadioButton(self.tr("Un seul brouillon, les adhérents en copie cachée"))
        self.in_bcc.setObjectName("draftBccRadio")
        self.folder_edit = QLineEdit(documents_folder())
        self.folder_edit.setObjectName("relayFolderEdit")
        folder_label = QLabel(self.tr("&Dossier des courriers et brouillons"))
        folder_label.setBuddy(self.folder_edit)
        browse = QPushButton(self.tr("Choisir…"))
        browse.setObjectName("relayFolderButton")
        browse.clicked.connect(self.on_browse_clicked)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        buttons, self.ok_button = accept_cancel_buttons(
            self, self.on_buttons_accepted, self.tr("Relayer"), "relayButton"
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.per_member)
        layout.addWidget(self.in_bcc)
        layout.addWidget(folder_label)
        layout.addLayout(folder_row)
        layout.addWidget(buttons)
        fit_to_screen(self, (760, 480))
        fit_columns(self.table, 260)

    def on_browse_clicked(self) -> None:
        chosen = existing_folder(self, FileKind.LETTER, self.tr("Dossier des courriers"))
        if chosen:
            self.folder_edit.setText(chosen)

    def on_buttons_accepted(self) -> None:
        chosen = self.model.chosen()
        folder = Path(self.folder_edit.text().strip()) if self.folder_edit.text().strip() else None
        if not chosen or folder is None or (folder.exists() and not folder.is_dir()):
            QMessageBox.warning(
                self,
                self.tr("Relayer"),
                self.tr("Cochez au moins un adhérent et choisissez un dossier.")
                if not chosen or folder is None
                else self.tr("« %1 » n'est pas un dossier.").replace("%1", str(folder)),
            )
            return
        self.start([c.choice() for c in chosen], folder, self.per_member.isChecked())

    def start(self, choices: list[Any], folder: Path, per_member: bool) -> None:
        db, opportunity_id = self.ctx.db, self.opportunity_id

        def work(control: TaskControl) -> RelayResult:
            def progress(done: int, total: int) -> None:
                control.check()  # « Annuler »: the relay's transaction rolls back whole
                control.progress(done, total)

            folder.mkdir(parents=True, exist_ok=True)
            return relay_opportunity(
                db,
                opportunity_id,
                choices,
                folder=folder,
                one_draft_per_member=per_member,
                progress=progress,
            )

        self.ok_button.setEnabled(False)
        self.progress = QProgressDialog(self.tr("Relais en cours…"), self.tr("Annuler"), 0, 0, self)
        self.progress.setObjectName("relayProgress")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.task = run_task(
            work,
            on_success=self.on_task_succeeded,
            on_error=self.on_task_failed,
            on_cancel=self.on_task_cancelled,
            on_progress=self.on_task_progressed,
            parent=self,
        )
        self.progress.canceled.connect(self.task.cancel)

    def on_task_progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(min(done, total))

    def _end(self) -> None:
        self.progress.reset()
        self.progress.hide()
        self.task = None
        self.ok_button.setEnabled(True)

    def on_task_succeeded(self, result: RelayResult) -> None:
        self._end()
        self.result_ = result
        self.accept()

    def on_task_failed(self, error: BaseException) -> None:
        self._end()
        if isinstance(error, GuichetError):
            show_error(self, error)
        else:
            raise error

    def on_task_cancelled(self) -> None:
        self._end()
