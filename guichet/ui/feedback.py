"""Errors shown to people: French message in a dialog, detail in the log, data kept safe."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from guichet.errors import ConcurrentEditError, GuichetError

log = logging.getLogger(__name__)
T = TypeVar("T")


def tr(text: str) -> str:
    return QCoreApplication.translate("feedback", text)


def change_lines(changes: dict[str, tuple[object, object]]) -> list[str]:
    """« • field : « before » → « now » », one line per field a colleague changed."""
    return [f"• {field} : « {old} » → « {new} »" for field, (old, new) in changes.items()]


def show_error(parent: QWidget | None, exc: GuichetError) -> None:
    """A problem the counsellor can act on (bad input, locked database, stale edit)."""
    text = exc.message
    if isinstance(exc, ConcurrentEditError) and exc.changes:
        lines = change_lines(exc.changes)
        text += "\n\n" + tr("Modifié entre-temps :") + "\n" + "\n".join(lines)
    box = QMessageBox(
        QMessageBox.Icon.Warning, tr("Guichet"), text, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("errorBox")
    box.setTextFormat(Qt.TextFormat.PlainText)  # messages quote user input (« <b>X</b> »)
    if exc.detail:
        box.setDetailedText(exc.detail)
    box.exec()


def show_task_error(parent: QWidget | None, exc: BaseException) -> None:
    """A background task failed: a GuichetError is shown; anything else is raised again, for the
    excepthook to log and report as unexpected."""
    if not isinstance(exc, GuichetError):
        raise exc
    show_error(parent, exc)


def attempt(parent: QWidget | None, action: Callable[[], T]) -> T | None:
    """Runs one user action; a GuichetError becomes a message box and ``None`` is returned."""
    try:
        return action()
    except GuichetError as exc:
        log.info("Action refusée : %s", exc.message)
        show_error(parent, exc)
        return None


def install_excepthook(log_path: str) -> None:
    """Unexpected exceptions: logged with their traceback, shown in a dialog, the app goes on."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if isinstance(value, GuichetError):
            show_error(None, value)
            return
        log.error("Erreur inattendue", exc_info=(kind, value, tb))
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            tr("Erreur inattendue"),
            tr(
                "Une erreur inattendue s'est produite. La dernière action a été annulée et vos "
                "données sont intactes.\n\nLe détail est enregistré dans le journal :\n"
            )
            + log_path,
        )
        box.setObjectName("unexpectedErrorBox")
        box.setDetailedText("".join(traceback.format_exception(kind, value, tb)))
        box.exec()

    sys.excepthook = hook
