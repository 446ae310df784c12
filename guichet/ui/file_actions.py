"""The File menu's file actions: import, SIRENE, export, backup and restore.

:func:`install_file_actions` adds them to the main window; :func:`backup_on_close` is called
from its ``closeEvent``. After a restore, the pages are rebuilt on the restored database, in
place: the window does not need to be restarted.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from guichet.errors import GuichetError

from guichet.ui.feedback import attempt
from guichet.ui.file_dialogs import FileKind, open_file_name, save_file_name

if TYPE_CHECKING:
    from guichet.ui.context import AppContext
    from guichet.ui.main_window import MainWindow

log = logging.getLogger(__name__)
DB_FILTER = "Bases Guichet (*.sqlite3 *.sqlite *.db);;Tous les fichiers (*)"


def tr(text: str) -> str:
    return QCoreApplication.translate("file_actions", text)


def _action(window: MainWindow, text: str, name: str, slot: object) -> QAction:
    action = QAction(tr(text), window)
    action.setObjectName(name)
    action.triggered.connect(slot)
    return action


def install_file_actions(window: MainWindow) -> None:
    """Insert the file actions at the top of the File menu."""
    menu = window.file_menu
    first = menu.actions()[0] if menu.actions() else None
    actions = [
        _action(
            window, "Importer des &organisations…", "importAction", lambda: open_import(window)
        ),
        _action(window, "Importer &SIRENE…", "sireneImportAction", lambda: open_sirene(window)),
        _action(window, "&Exporter…", "exportAction", lambda: open_export(window)),
        None,
        _action(window, "Sau&vegarder la base…", "backupAction", lambda: backup(window)),
        _action(window, "&Restaurer une sauvegarde…", "restoreAction", lambda: restore(window)),
        None,
    ]
    for action in actions:
        if action is not None and window.ctx is None:
            action.setEnabled(False)
            window.database_attached.connect(lambda a=action: a.setEnabled(True))
        if action is None:
            if first is not None:
                menu.insertSeparator(first)
            else:
                menu.addSeparator()
        elif first is not None:
            menu.insertAction(first, action)
        else:
            menu.addAction(action)


def _context(window: MainWindow) -> AppContext:
    assert window.ctx is not None, "file actions are enabled once the database is open"
    return window.ctx


def open_import(window: MainWindow) -> None:
    from guichet.ui.dialogs.import_wizard import ImportWizard

    wizard = ImportWizard(_context(window), window)
    wizard.imported.connect(lambda _count: window.refresh_current_page())
    wizard.exec()


def open_sirene(window: MainWindow) -> None:
    from guichet.ui.dialogs.sirene_import import SireneImportDialog

    SireneImportDialog(_context(window), window).exec()


def open_export(window: MainWindow) -> None:
    from guichet.ui.dialogs.export import ExportDialog

    ExportDialog(_context(window), window).exec()


def _information(parent: QWidget, title: str, text: str, name: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName(name)
    box.exec()


def backup(window: MainWindow) -> Path | None:
    from guichet.services.backups import BackupService
    from guichet.services.letter_archive import archive_path

    ctx = _context(window)
    service = BackupService(ctx.db, ctx.paths.backup_dir)
    default = f"guichet-sauvegarde-{datetime.now():%Y%m%d-%H%M}.sqlite3"
    chosen, _ = save_file_name(
        window, FileKind.BACKUP, tr("Sauvegarder la base"), default, tr(DB_FILTER)
    )
    if not chosen:
        return None
    saved = attempt(window, lambda: service.backup_to(Path(chosen)))
    if saved is not None:
        _information(
            window,
            tr("Sauvegarde"),
            tr(
                "La base a été sauvegardée dans :\n%1\n\nSes courriers archivés sont dans :\n%2"
                "\n\nGardez les deux fichiers ensemble."
            )
            .replace("%1", str(saved))
            .replace("%2", str(archive_path(saved))),
            "backupDoneBox",
        )
    return saved


def _confirm_restore(window: MainWindow, source: Path) -> bool:
    from guichet.services.backups import inspect_backup

    db = _context(window).db
    info = attempt(window, lambda: inspect_backup(source, db))
    if info is None:
        return False
    modified = datetime.fromtimestamp(source.stat().st_mtime)
    box = QMessageBox(
        QMessageBox.Icon.Question,
        tr("Restaurer une sauvegarde"),
        tr(
            "Remplacer toutes les données actuelles par celles de cette sauvegarde ?\n\n"
            "%1\nenregistrée le %2 : %3 organisations, %4 demandes.\n\n"
            "L'état actuel sera d'abord sauvegardé dans le dossier des sauvegardes."
        )
        .replace("%1", source.name)
        .replace("%2", f"{modified:%d/%m/%Y à %H:%M}")
        .replace("%3", str(info.organizations))
        .replace("%4", str(info.inquiries)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        window,
    )
    box.setObjectName("restoreConfirmBox")
    box.button(QMessageBox.StandardButton.Yes).setText(tr("Restaurer"))
    box.button(QMessageBox.StandardButton.Cancel).setText(tr("Annuler"))
    return bool(box.exec() == QMessageBox.StandardButton.Yes)


def reload_pages(window: MainWindow) -> None:
    """Rebuild every page on the (restored) database and show the current one again."""
    key = window.current_page_key()
    for widget in list(window.pages.values()):
        window.stack.removeWidget(widget)
        widget.deleteLater()
    window.pages.clear()
    window.reload_counsellors()
    window.show_page(key)


def restore(window: MainWindow) -> Path | None:
    from guichet.services.backups import BackupService

    ctx = _context(window)
    service = BackupService(ctx.db, ctx.paths.backup_dir)
    folder = str(ctx.paths.backup_dir)
    chosen = open_file_name(
        window, FileKind.BACKUP, tr("Restaurer une sauvegarde"), tr(DB_FILTER), folder
    )
    if not chosen or not _confirm_restore(window, Path(chosen)):
        return None
    saved = attempt(window, lambda: service.restore(Path(chosen)))
    if saved is None:
        return None
    reload_pages(window)
    _information(
        window,
        tr("Sauvegarde restaurée"),
        tr(
            "Les données de la sauvegarde sont maintenant affichées. L'état d'avant la "
            "restauration est conservé dans :\n%1"
        ).replace("%1", str(saved)),
        "restoreDoneBox",
    )
    return saved


def backup_on_close(ctx: AppContext) -> None:
    """The rolling backup made when the window closes; a failure is logged, never raised."""
    from guichet.services.backups import BackupService
    from guichet.services.offline_copy import offline_info

    if offline_info(ctx.db) is not None:  # the local copy of a server: nothing of ours to keep
        return
    try:
        BackupService(ctx.db, ctx.paths.backup_dir).rolling_backup()
    except GuichetError as exc:
        log.warning("Sauvegarde automatique impossible : %s", exc.message)
    except Exception:
        log.exception("Sauvegarde automatique impossible")
