"""Exporting what a page shows: a function and a button any page can use.

A page passes the kind of records and a callable returning the ids its current filter shows;
the counsellor chooses the file (its extension picks CSV, XLSX or, for contacts, vCard).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from guichet.services.exports import KIND_LABELS, ExportKind, ExportResult, export

from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt

IdsProvider = Callable[[], Collection[int] | None]


def tr(text: str) -> str:
    return QCoreApplication.translate("export", text)


def file_filter(kind: ExportKind) -> str:
    filters = [tr("CSV pour Excel (*.csv)"), tr("Classeur Excel (*.xlsx)")]
    if kind == ExportKind.CONTACTS:
        filters.append(tr("Carnet d'adresses vCard (*.vcf)"))
    return ";;".join(filters)


def _with_suffix(path: Path, chosen_filter: str) -> Path:
    if path.suffix.lower() in (".csv", ".xlsx", ".vcf"):
        return path
    for suffix in (".xlsx", ".vcf", ".csv"):
        if suffix in chosen_filter:
            return path.with_suffix(suffix)
    return path.with_suffix(".csv")


def export_to_file(
    parent: QWidget | None,
    ctx: AppContext,
    kind: ExportKind,
    ids: Collection[int] | None = None,
) -> ExportResult | None:
    """Ask for a file, write the export of ``kind`` (limited to ``ids``), say how it went."""
    default = f"{kind.value}-{date.today():%Y%m%d}.csv"
    chosen, chosen_filter = QFileDialog.getSaveFileName(
        parent, tr("Exporter : ") + tr(KIND_LABELS[kind]), default, file_filter(kind)
    )
    if not chosen:
        return None
    path = _with_suffix(Path(chosen), chosen_filter)
    result = attempt(parent, lambda: export(ctx.db, kind, path, ids))
    if result is not None:
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
        box.exec()
    return result


class ExportButton(QPushButton):
    """« Exporter… » on a page: exports the rows its current filter shows."""

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
        self.setObjectName(f"export_{kind.name.lower()}_button")
        self.setToolTip(tr("Exporte les lignes affichées (CSV, Excel ou vCard)"))
        self.clicked.connect(self.on_clicked)

    def on_clicked(self) -> None:
        export_to_file(self, self.ctx, self.kind, self.current_ids())
