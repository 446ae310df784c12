"""The meeting chosen in « Réunions »: what, when, where, with whom; its counts; its
registrations (see :mod:`.meeting_registrations_panel`); the inquiries it brought.

``documents_bar`` is the row where the meeting's documents (sign-in sheet, badges, invitation
letters, calendar file) put their buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.services.meeting_inquiries import MeetingInquiry, attendee_prefill, meeting_inquiries
from guichet.services.meetings import MeetingDetail, get_meeting

from guichet.ui.accessibility import set_name
from guichet.ui.appearance import scale_font
from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt, show_error
from guichet.ui.pages.meeting_registrations_panel import RegistrationsPanel
from guichet.ui.rows_view import rows_view
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel
from guichet.ui.widgets.meeting_document_buttons import MeetingDocumentButtons


def counts_text(detail: MeetingDetail) -> str:
    c = detail.counts
    parts = [
        f"{c.invited} invités",
        f"{c.registered} inscrits"
        + (f" sur {detail.data.capacity} places" if detail.data.capacity else ""),
        f"{c.waiting} en liste d'attente",
        f"{c.present} présents" + (f" (dont {c.walk_ins} sur place)" if c.walk_ins else ""),
        f"{c.inquiries} demandes",
    ]
    return " · ".join(parts)


class MeetingDetailPanel(QWidget):
    """Emits :attr:`changed` with the meeting's id after a change made here (0: deleted)."""

    changed = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("meetingDetail")
        self.meeting_id: int | None = None
        self.detail: MeetingDetail | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title_label = QLabel()
        self.title_label.setObjectName("meetingTitle")
        self.title_label.setWordWrap(True)
        scale_font(self.title_label, 1.25, bold=True)
        self.info_label = QLabel()
        self.info_label.setObjectName("meetingInfo")
        self.info_label.setWordWrap(True)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("meetingCounts")
        self.counts_label.setWordWrap(True)
        for label in (self.title_label, self.info_label, self.counts_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
        actions = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("Modifier…"))
        self.audience_button = QPushButton(self.tr("Public et invitations…"))
        self.import_button = QPushButton(self.tr("Importer des inscriptions…"))
        for name, button in (
            ("editMeetingButton", self.edit_button),
            ("audienceButton", self.audience_button),
            ("importRegistrationsButton", self.import_button),
        ):
            button.setObjectName(name)
            button.setAutoDefault(False)
            actions.addWidget(button)
        #: where the documents of the meeting put their buttons (sign-in sheet, badges…)
        self.documents_bar = QHBoxLayout()
        self.documents_bar.setObjectName("meetingDocumentsBar")
        actions.addLayout(self.documents_bar)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.documents = MeetingDocumentButtons(ctx)  # a row of its own: the list keeps its width
        layout.addWidget(self.documents)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("meetingDetailSplitter")
        self.registrations = RegistrationsPanel(ctx)
        splitter.addWidget(self.registrations)
        inquiries_box = QWidget()
        inquiries_layout = QVBoxLayout(inquiries_box)
        inquiries_layout.setContentsMargins(0, 0, 0, 0)
        self.inquiries_label = QLabel(self.tr("Demandes issues de la réunion"))
        self.inquiries_label.setObjectName("meetingInquiriesLabel")
        self.inquiries_model: RowsTableModel[MeetingInquiry] = RowsTableModel(
            [
                Column(self.tr("Demande"), lambda r: r.reference),
                Column(self.tr("Entreprise"), lambda r: r.organization),
                Column(self.tr("Personne"), lambda r: r.contact),
                Column(self.tr("Besoins"), lambda r: ", ".join(r.needs)),
                Column(self.tr("Statut"), lambda r: self.tr(r.status_label)),
                Column(
                    self.tr("Mises en relation"),
                    lambda r: ", ".join(r.referrals),
                    tooltip=lambda r: "\n".join(r.referrals),
                ),
            ],
            self,
        )
        self.inquiries_view = rows_view("meetingInquiriesView", self.inquiries_model)
        set_name(self.inquiries_view, self.tr("Demandes issues de la réunion"))
        self.inquiries_view.setWordWrap(False)
        header = self.inquiries_view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (1, 2, 3, 5):  # names, needs and referrals share the width, elided
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.inquiries_label.setBuddy(self.inquiries_view)
        inquiries_layout.addWidget(self.inquiries_label)
        inquiries_layout.addWidget(self.inquiries_view, 1)
        splitter.addWidget(inquiries_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.edit_button.clicked.connect(self.on_edit_button_clicked)
        self.audience_button.clicked.connect(self.on_audience_button_clicked)
        self.import_button.clicked.connect(self.on_import_button_clicked)
        self.registrations.changed.connect(self.on_registrations_changed)
        self.registrations.need_requested.connect(self.on_registrations_need_requested)
        self.inquiries_view.activated.connect(self.on_inquiries_view_activated)
        self.show_meeting(None)

    # -- public --------------------------------------------------------------------------------
    def show_meeting(self, meeting_id: int | None) -> None:
        detail = None
        if meeting_id is not None:
            try:
                detail = get_meeting(self.ctx.db, meeting_id)
            except GuichetError as exc:
                show_error(self, exc)
        self.meeting_id = detail.id if detail else None
        self.detail = detail
        self.documents.set_meeting(self.meeting_id)
        for button in (self.edit_button, self.audience_button, self.import_button):
            button.setEnabled(detail is not None)
        if detail is None:
            self.title_label.setText(self.tr("Aucune réunion choisie"))
            self.info_label.setText(
                self.tr("Choisissez une réunion dans la liste, ou créez-en une.")
            )
            self.counts_label.clear()
            self.registrations.show_registrations(None, ())
            self.inquiries_model.set_rows([])
            return
        self.title_label.setText(detail.title)
        self.info_label.setText(self.info_text(detail))
        self.counts_label.setText(counts_text(detail))
        self.registrations.show_registrations(detail.id, detail.registrations)
        self.inquiries_model.set_rows(meeting_inquiries(self.ctx.db, detail.id))

    def info_text(self, d: MeetingDetail) -> str:
        when = f"{d.start_at:%d/%m/%Y}, {d.start_at:%H:%M}–{d.end_at:%H:%M}"
        if d.end_at.date() != d.start_at.date():
            when = f"du {d.start_at:%d/%m/%Y %H:%M} au {d.end_at:%d/%m/%Y %H:%M}"
        lines = [f"{d.kind_label} · {d.status_label} · {when}", d.place.text or "Lieu à préciser"]
        if d.theme:
            lines.append(" › ".join([d.theme, ", ".join(d.subjects)]) if d.subjects else d.theme)
        people = []
        if d.counsellor:
            people.append(f"Organisée par {d.counsellor}")
        if d.partners:
            people.append("avec " + ", ".join(p.name for p in d.partners))
        if d.speakers:
            names = [
                s.name + (f" ({s.organization})" if s.organization else "") for s in d.speakers
            ]
            people.append("intervenants : " + ", ".join(names))
        if people:
            lines.append(" ; ".join(people))
        return "\n".join(lines)

    # -- slots ---------------------------------------------------------------------------------
    def on_registrations_changed(self) -> None:
        if self.meeting_id is not None:
            self.changed.emit(self.meeting_id)

    def on_registrations_need_requested(self, registration_id: int) -> None:
        from guichet.ui.dialogs.intake_from_meeting import open_intake_for

        prefill = attempt(self, lambda: attendee_prefill(self.ctx.db, registration_id))
        if prefill is None:
            return
        dialog = open_intake_for(self.ctx, self, prefill)
        dialog.inquiry_saved.connect(lambda _created: self.show_meeting(self.meeting_id))

    def on_inquiries_view_activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        window = self.window()
        if isinstance(row, MeetingInquiry) and hasattr(window, "open_inquiry"):
            window.open_inquiry(row.id)

    def on_edit_button_clicked(self) -> None:
        from guichet.ui.dialogs.meeting_dialog import MeetingDialog

        if self.detail is None:
            return
        dialog = MeetingDialog(self.ctx, self.detail, self)
        if dialog.exec():
            self.changed.emit(dialog.saved_id or 0)

    def on_audience_button_clicked(self) -> None:
        from guichet.ui.dialogs.meeting_audience_dialog import AudienceDialog

        if self.detail is None:
            return
        dialog = AudienceDialog(self.ctx, self.detail.id, self.detail.title, self)
        dialog.exec()
        self.changed.emit(self.detail.id)

    def on_import_button_clicked(self) -> None:
        from guichet.ui.dialogs.registrations_import_dialog import RegistrationsImportDialog

        if self.detail is None:
            return
        dialog = RegistrationsImportDialog(self.ctx, self.detail.id, self)
        dialog.exec()
        self.registrations.reload_people()
        self.changed.emit(self.detail.id)
