"""Fichier › Rapport d'activité… : the action, enabled once a database is open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from guichet.ui.icons import icon

if TYPE_CHECKING:
    from guichet.ui.main_window import MainWindow


def report_action(window: MainWindow) -> QAction:
    action = QAction(window.tr("Rapport d'&activité…"), window)
    action.setObjectName("activityReportAction")
    action.setIcon(icon("print", window))
    action.setEnabled(window.ctx is not None)
    window.database_attached.connect(lambda: action.setEnabled(True))
    action.triggered.connect(lambda: open_report_dialog(window))
    return action


def open_report_dialog(window: MainWindow) -> None:
    from guichet.ui.dialogs.report_dialog import ReportDialog

    if window.ctx is None:
        return
    ReportDialog(window.ctx, window).exec()
