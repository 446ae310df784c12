"""Once a month, at start, Guichet proposes the anonymisation to a responsable.

The check runs off the GUI thread (is something past retention? may the counsellor
anonymise? not asked yet this month?); it remembers the month as soon as the proposal is due,
whatever the answer. The prompt does not block the window: « Voir » opens « Données
personnelles », « Plus tard » closes it until next month.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox

from guichet.ui.tasks import Task, run_task

if TYPE_CHECKING:
    from guichet.ui.main_window import MainWindow


def _due_and_remembered(window: MainWindow) -> bool:
    from guichet.services.personal_data.retention import RetentionService

    assert window.ctx is not None
    service = RetentionService(window.ctx.db)
    if not service.proposal_due():
        return False
    service.remember_proposal()
    return True


def show_proposal(window: MainWindow) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        window.tr("Données personnelles"),
        window.tr(
            "Des contacts ou des demandes ont dépassé leur durée de conservation. Les voir pour "
            "les anonymiser ? (Proposé une fois par mois ; la page « Données personnelles » "
            "reste accessible.)"
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        window,
    )
    box.setObjectName("anonymiseProposal")
    box.button(QMessageBox.StandardButton.Yes).setText(window.tr("Voir"))
    box.button(QMessageBox.StandardButton.No).setText(window.tr("Plus tard"))
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def on_clicked(button: QAbstractButton) -> None:
        if box.standardButton(button) == QMessageBox.StandardButton.Yes:
            window.show_page("personal_data")

    box.buttonClicked.connect(on_clicked)
    box.show()
    return box


def propose_anonymisation(window: MainWindow) -> Task | None:
    if window.ctx is None:
        return None

    def on_success(due: object) -> None:
        if due:
            show_proposal(window)

    return run_task(
        lambda _control: _due_and_remembered(window), on_success=on_success, parent=window
    )
