"""« Feuille d'émargement », « Badges », « Invitations… »: the buttons a meeting's page shows."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from guichet.ui.context import AppContext
from guichet.ui.dialogs.meeting_documents_dialog import MeetingDocumentDialog


class MeetingDocumentButtons(QWidget):
    """« Feuille d'émargement », « Badges », « Invitations… » for the meeting shown on a page."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id: int | None = None
        self.setObjectName("meetingDocumentButtons")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Documents :")))
        self.buttons: dict[str, QPushButton] = {}
        for kind, text in (
            ("sheet", self.tr("Feuille d'émargement")),
            ("badges", self.tr("Badges")),
            ("invitations", self.tr("Invitations…")),
        ):
            button = QPushButton(text)
            button.setObjectName(f"{kind}DocumentButton")
            button.clicked.connect(lambda _checked=False, k=kind: self.open_document(k))
            button.setAutoDefault(False)
            layout.addWidget(button)
            self.buttons[kind] = button
        layout.addStretch(1)
        self.set_meeting(None)

    def set_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        for button in self.buttons.values():
            button.setEnabled(meeting_id is not None)

    def open_document(self, kind: str) -> MeetingDocumentDialog | None:
        if self.meeting_id is None:
            return None
        dialog = MeetingDocumentDialog(self.ctx, self.meeting_id, kind, self)
        dialog.open()
        return dialog
