"""Every file dialog of the app goes through here: it opens in the user's Documents folder the
first time, then in the folder last used for that kind of file (imports, exports, backups,
letters…), remembered in the application's settings.

The dialogs are Qt's own (their texts in French: see :mod:`guichet.ui.application`).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from guichet.reference.file_names import with_folder

SETTINGS_GROUP = "file_dialogs"


class FileKind(StrEnum):
    IMPORT = "import"
    SIRENE = "sirene"
    EXPORT = "export"
    REPORT = "report"
    BACKUP = "backup"
    LETTER = "letter"
    EMAIL = "email"
    LOGO = "logo"
    ATTACHMENT = "attachment"


def settings() -> QSettings:
    """Where the folders are remembered (the application's settings; tests redirect it)."""
    return QSettings()


def documents_folder() -> str:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return folder if folder and Path(folder).is_dir() else str(Path.home())


def start_folder(kind: FileKind, default: str | Path | None = None) -> str:
    """The folder last used for ``kind`` if it still exists, else ``default``, else Documents."""
    remembered = settings().value(f"{SETTINGS_GROUP}/{kind.value}")
    for candidate in (remembered, default):
        if candidate and Path(str(candidate)).is_dir():
            return str(candidate)
    return documents_folder()


def remember(kind: FileKind, chosen: str, *, is_folder: bool = False) -> None:
    if not chosen:
        return
    folder = Path(chosen) if is_folder else Path(chosen).parent
    store = settings()
    store.setValue(f"{SETTINGS_GROUP}/{kind.value}", str(folder))
    store.sync()


def open_file_name(
    parent: QWidget | None,
    kind: FileKind,
    title: str,
    name_filter: str = "",
    default_folder: str | Path | None = None,
) -> str:
    """A file to read (``""`` when cancelled)."""
    chosen, _ = QFileDialog.getOpenFileName(
        parent, title, start_folder(kind, default_folder), name_filter
    )
    remember(kind, chosen)
    return chosen


def save_file_name(
    parent: QWidget | None, kind: FileKind, title: str, file_name: str, name_filter: str = ""
) -> tuple[str, str]:
    """A file to write, proposed as ``file_name`` in the remembered folder, and the filter the
    person chose (``("", …)`` when cancelled)."""
    proposed = str(with_folder(start_folder(kind), file_name))
    chosen, chosen_filter = QFileDialog.getSaveFileName(parent, title, proposed, name_filter)
    remember(kind, chosen)
    return chosen, chosen_filter


def existing_folder(parent: QWidget | None, kind: FileKind, title: str) -> str:
    chosen = QFileDialog.getExistingDirectory(parent, title, start_folder(kind))
    remember(kind, chosen, is_folder=True)
    return chosen
