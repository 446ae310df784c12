"""« Fiche projet (PDF)… »: the sheet for a site visit, written where the counsellor chooses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from guichet.services.project_sheet import write_sheet

from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt
from guichet.ui.file_dialogs import FileKind, save_file_name


def save_project_sheet(parent: QWidget, ctx: AppContext, project_id: int) -> Path | None:
    chosen, _ = save_file_name(
        parent,
        FileKind.LETTER,
        parent.tr("Fiche projet (PDF)"),
        f"fiche-projet-{date.today():%Y%m%d}.pdf",
        parent.tr("Document PDF (*.pdf)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    written = attempt(parent, lambda: write_sheet(ctx.db, project_id, path))
    if written is not None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            parent.tr("Fiche projet"),
            parent.tr("Fiche enregistrée (marquée « Confidentiel ») :\n{path}").format(
                path=written
            ),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setObjectName("projectSheetDone")
        box.exec()
    return written
