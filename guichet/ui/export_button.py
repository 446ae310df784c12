"""Exporting what a page shows: a function and a button any page can use.

A page passes the kind of records and a callable giving what its current filter shows; the
counsellor chooses the file (its extension picks XLSX — the default —, CSV or, for contacts,
vCard). The export
runs off the GUI thread; a progress dialog with « Annuler » appears when it takes a while.

The callable runs on the GUI thread and returns either the ids themselves (rows already in
memory) or a function without Qt that finds them, run in the background with the export (a
search over the whole directory, every inquiry matching the filters): it must capture the
current filters by value.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QMenu, QMessageBox, QProgressDialog, QPushButton, QWidget

from guichet.errors import GuichetError
from guichet.services.exports import KIND_LABELS, NAMED_KINDS, ExportKind, ExportResult, export
from guichet.services.permissions import Permission

from guichet.ui.context import AppContext
from guichet.ui.feedback import show_error
from guichet.ui.file_dialogs import FileKind, save_file_name
from guichet.ui.icons import with_icon
from guichet.ui.permission_gate import gate
from guichet.ui.tasks import Task, TaskControl, run_task

IdsFinder = Callable[[], Collection[int] | None]
Selection = Collection[int] | IdsFinder | None
IdsProvider = Callable[[], Selection]
#: Milliseconds before the progress dialog shows (a small export never flashes it).
PROGRESS_DELAY_MS = 400


def tr(text: str) -> str:
    return QCoreApplication.translate("export", text)


def file_filter(kind: ExportKind) -> str:
    filters = [tr("Classeur Excel (*.xlsx)"), tr("CSV pour Excel (*.csv)")]
    if kind == ExportKind.CONTACTS:
        filters.append(tr("Carnet d'adresses vCard (*.vcf)"))
    return ";;".join(filters)


def _with_suffix(path: Path, chosen_filter: str) -> Path:
    if path.suffix.lower() in (".csv", ".xlsx", ".vcf"):
        return path
    for suffix in (".xlsx", ".vcf", ".csv"):
        if suffix in chosen_filter:
            return path.with_suffix(suffix)
    return path.with_suffix(".xlsx")


def choose_file(parent: QWidget | None, kind: ExportKind) -> Path | None:
    default = f"{kind.value}-{date.today():%Y%m%d}.xlsx"
    chosen, chosen_filter = save_file_name(
        parent,
        FileKind.EXPORT,
        tr("Exporter : ") + tr(KIND_LABELS[kind]),
        default,
        file_filter(kind),
    )
    return _with_suffix(Path(chosen), chosen_filter) if chosen else None


def _progress_dialog(parent: QWidget | None, kind: ExportKind, task: Task) -> QProgressDialog:
    dialog = QProgressDialog(
        tr("Export en cours : ") + tr(KIND_LABELS[kind]), tr("Annuler"), 0, 0, parent
    )
    dialog.setObjectName("exportProgress")
    dialog.setWindowTitle(tr("Exporter"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(task.cancel)
    return dialog


def _done_box(parent: QWidget | None, result: ExportResult) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        tr("Export terminé"),
        tr("%1 ligne(s) exportée(s) dans :\n%2")
        .replace("%1", str(result.count))
        .replace("%2", str(result.path)),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("exportDoneBox")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def export_to_file(
    parent: QWidget | None,
    ctx: AppContext,
    kind: ExportKind,
    ids: Selection = None,
    *,
    on_done: Callable[[ExportResult | None], None] | None = None,
) -> Task | None:
    """Ask for a file, then write the export of ``kind`` (limited to ``ids``) in the background.

    Returns the running task (None when no file was chosen); ``on_done`` hears the result, or
    None when the export failed or was cancelled (nothing is written then).
    """
    path = choose_file(parent, kind)
    if path is None:
        return None
    db = ctx.db

    def work(control: TaskControl) -> ExportResult:
        wanted = ids() if callable(ids) else ids
        control.check()

        def progress(done: int, total: int) -> None:
            control.check()
            control.progress(done, total)

        return export(db, kind, path, wanted, progress=progress)

    def finish(result: ExportResult | None, error: BaseException | None = None) -> None:
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()
        if isinstance(error, GuichetError):
            show_error(parent, error)
        elif result is not None:
            _done_box(parent, result)
        if on_done is not None:
            on_done(result)
        if error is not None and not isinstance(error, GuichetError):
            raise error  # a bug: the app's exception hook logs it and says so

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(min(done, total) if total else 0)

    task = run_task(
        work,
        on_success=lambda result: finish(result),
        on_error=lambda exc: finish(None, exc),
        on_cancel=lambda: finish(None),
        on_progress=progressed,
        parent=parent,
    )
    dialog = _progress_dialog(parent, kind, task)
    return task


class ExportButton(QPushButton):
    """« Exporter… » on a page: exports the rows its current filter shows.

    With one kind, a click exports; :meth:`add_choice` adds others, then the button opens a
    menu (the directory exports its organisations or their contacts).
    """

    exported = Signal(object)  # ExportResult, or None when cancelled or failed

    def __init__(
        self,
        ctx: AppContext,
        kind: ExportKind,
        current_ids: IdsProvider,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("Exporter…"), parent)
        self.ctx = ctx
        self.kind = kind
        self.current_ids = current_ids
        self.task: Task | None = None
        self.setObjectName(f"export_{kind.name.lower()}_button")
        with_icon(self, "export")
        self.setToolTip(tr("Exporte les lignes affichées (Excel, CSV ou vCard)"))
        self.clicked.connect(self.on_clicked)
        if kind in NAMED_KINDS:  # names of people: a responsable's
            gate(self, ctx, Permission.EXPORT_NAMES)

    def add_choice(self, kind: ExportKind, current_ids: IdsProvider, text: str) -> None:
        """Turn the button into a menu, the first entry exporting the button's own kind."""
        menu = self.menu()
        if menu is None:
            menu = QMenu(self)
            menu.setObjectName("exportMenu")
            first = menu.addAction(tr(KIND_LABELS[self.kind]) + "…")
            first.setObjectName(f"export_{self.kind.name.lower()}_action")
            first.triggered.connect(lambda: self.start(self.kind, self.current_ids))
            self.setMenu(menu)
        action = menu.addAction(text)
        action.setObjectName(f"export_{kind.name.lower()}_action")
        action.triggered.connect(lambda: self.start(kind, current_ids))
        if kind in NAMED_KINDS:
            menu.setToolTipsVisible(True)
            gate(action, self.ctx, Permission.EXPORT_NAMES)

    def start(self, kind: ExportKind, current_ids: IdsProvider) -> Task | None:
        if self.task is not None:
            return None  # one export at a time from a page
        self.task = export_to_file(
            self.window(), self.ctx, kind, current_ids(), on_done=self._on_export_done
        )
        return self.task

    def _on_export_done(self, result: ExportResult | None) -> None:
        self.task = None
        self.exported.emit(result)

    def on_clicked(self) -> None:
        if self.menu() is None:
            self.start(self.kind, self.current_ids)
