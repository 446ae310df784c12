"""« Nouvelle demande » (Ctrl+N from anywhere in the app): opens the intake form and, once the
inquiry is saved, shows it selected in the « Demandes » page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from guichet.services.intake import InquiryCreated

    from guichet.ui.dialogs.intake_dialog import IntakeDialog


def new_inquiry_action(window: Any) -> QAction:
    """The action of the main window's File menu; ``window`` is the MainWindow."""
    action = QAction(window.tr("&Nouvelle demande…"), window)
    action.setObjectName("newInquiryAction")
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
    action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    action.triggered.connect(lambda _checked=False: open_intake(window))
    action.setEnabled(window.ctx is not None)
    window.database_attached.connect(lambda: action.setEnabled(True))
    return action


def open_intake(window: Any) -> IntakeDialog | None:
    """Opens the form (one at a time: a second Ctrl+N brings the open one forward)."""
    from guichet.ui.dialogs.intake_dialog import IntakeDialog

    if window.ctx is None:
        return None
    existing = getattr(window, "intake_dialog", None)
    if isinstance(existing, IntakeDialog) and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing
    dialog = IntakeDialog(window.ctx, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.inquiry_saved.connect(lambda created: show_saved(window, created))
    window.intake_dialog = dialog
    dialog.finished.connect(lambda _result: setattr(window, "intake_dialog", None))
    dialog.show()
    dialog.activateWindow()
    return dialog


def show_saved(window: Any, created: InquiryCreated) -> None:
    """The new inquiry, selected in « Demandes », its first need's « Mettre en relation… »
    focused: orienting, informing or referring it is one key away."""
    window.open_inquiry(created.id)
    window.page("inquiries").detail.focus_first_need()
    window.statusBar().showMessage(
        window.tr("Demande %1 enregistrée.").replace("%1", created.reference), 8000
    )
