"""Files of the personal-data features (services imported when used: the menu is built at
start-up), written where the counsellor chooses: the information
notice, the register of processing (Fichier menu), a person's export; and « Effacer ».
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt
from guichet.ui.file_dialogs import FileKind, save_file_name
from guichet.ui.icons import icon

if TYPE_CHECKING:
    from guichet.ui.main_window import MainWindow


def _done(parent: QWidget, title: str, text: str, name: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName(name)
    box.exec()


def _target(
    parent: QWidget, title: str, proposed: str, filters: str, suffixes: tuple[str, ...]
) -> Path | None:
    chosen, _ = save_file_name(parent, FileKind.REPORT, title, proposed, filters)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() in suffixes else path.with_suffix(suffixes[0])


def save_notice(parent: QWidget, ctx: AppContext) -> Path | None:
    """« Mentions d'information (PDF)… »: the notice to print and hand at the desk."""
    path = _target(
        parent,
        parent.tr("Mentions d'information"),
        "mentions-information.pdf",
        parent.tr("Document PDF (*.pdf)"),
        (".pdf",),
    )
    if path is None:
        return None
    from guichet.services.personal_data.documents import write_notice

    written = attempt(parent, lambda: write_notice(ctx.db, path))
    if written is not None:
        _done(
            parent,
            parent.tr("Mentions d'information"),
            parent.tr("Mentions enregistrées, à imprimer :\n%1").replace("%1", str(written)),
            "noticeDone",
        )
    return written


def save_register(parent: QWidget, ctx: AppContext) -> Path | None:
    """« Registre des traitements… »: a PDF to sign, or an XLSX to adapt."""
    path = _target(
        parent,
        parent.tr("Registre des traitements"),
        f"registre-traitements-{date.today():%Y%m%d}.pdf",
        parent.tr("Document PDF à signer (*.pdf);;Classeur à adapter (*.xlsx)"),
        (".pdf", ".xlsx"),
    )
    if path is None:
        return None
    from guichet.services.personal_data.documents import write_register

    written = attempt(parent, lambda: write_register(ctx.db, path))
    if written is not None:
        _done(
            parent,
            parent.tr("Registre des traitements"),
            parent.tr("Registre enregistré :\n%1").replace("%1", str(written)),
            "registerDone",
        )
    return written


def export_contact_data(
    parent: QWidget, ctx: AppContext, contact_id: int, name: str
) -> Path | None:
    """« Exporter ses données »: the ZIP of everything about the person (the export is logged)."""
    path = _target(
        parent,
        parent.tr("Exporter ses données"),
        f"donnees-{contact_id}-{date.today():%Y%m%d}.zip",
        parent.tr("Archive ZIP (*.zip)"),
        (".zip",),
    )
    if path is None:
        return None
    from guichet.services.personal_data.rights import export_person

    result = attempt(parent, lambda: export_person(ctx.db, contact_id, path))
    if result is None:
        return None
    _done(
        parent,
        parent.tr("Exporter ses données"),
        parent.tr(
            "Données de %1 enregistrées (synthèse PDF, fichier JSON, %2 courrier(s)) :\n%3\n"
            "L'export est noté au journal."
        )
        .replace("%1", name)
        .replace("%2", str(result.letters))
        .replace("%3", str(result.path)),
        "personExportDone",
    )
    return result.path


def confirm_erase(parent: QWidget, name: str) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        parent.tr("Effacer les données"),
        parent.tr(
            "Effacer les données de %1 ? Son nom, ses coordonnées et les notes de ses demandes "
            "seront remplacés par « Anonymisé » partout, et les courriers qui le nomment "
            "effacés. Ses demandes restent, anonymisées. Ce n'est pas réversible."
        ).replace("%1", name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("confirmErase")
    box.button(QMessageBox.StandardButton.Yes).setText(parent.tr("Effacer"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


def erase_contact(parent: QWidget, ctx: AppContext, contact_id: int, name: str) -> bool:
    """« Effacer (RGPD) »: asks, then anonymises the person everywhere (one transaction)."""
    if not confirm_erase(parent, name):
        return False
    from guichet.services.personal_data.rights import erase_person

    from guichet.ui.pages.personal_data import draft_files

    result = attempt(parent, lambda: erase_person(ctx.db, contact_id, draft_files(ctx)))
    return result is not None


def install_personal_data_actions(window: MainWindow) -> None:
    """Fichier › « Registre des traitements… » and « Mentions d'information… », before
    « Paramètres »."""
    menu = window.file_menu
    before = window.settings_action
    for text, name, slot, kind in (
        ("Re&gistre des traitements…", "registerAction", save_register, "list"),
        ("&Mentions d'information…", "noticeAction", save_notice, "print"),
    ):
        action = QAction(icon(kind, window), window.tr(text), window)
        action.setObjectName(name)
        action.triggered.connect(
            lambda _=False, s=slot: window.ctx is not None and s(window, window.ctx)
        )
        action.setEnabled(window.ctx is not None)
        window.database_attached.connect(lambda a=action: a.setEnabled(True))
        menu.insertAction(before, action)
