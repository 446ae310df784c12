"""The detail of an inquiry: header, editable fields, each need with its actions (Informer,
Mettre en relation, Orienté, Informé, Rouvrir), the timeline, and a note to add."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.models import NeedOutcome, label
from guichet.reference.dates import format_datetime_short
from guichet.services.inquiry_actions import add_note, set_need_outcome
from guichet.services.inquiry_detail import InquiryDetail, NeedDetail, inquiry_detail
from guichet.services.resources import give_information, proposed_resources

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.dialogs.inform_dialog import InformDialog
from guichet.ui.dialogs.referral_dialog import ReferralDialog
from guichet.ui.feedback import attempt, show_error
from guichet.ui.pages.implantation_intake import IMPLANTATION_THEME, start_project_from_need
from guichet.ui.pages.inquiry_edit_form import InquiryEditForm
from guichet.ui.screen_fit import set_text_lines
from guichet.ui.unsaved import confirm_discard


class NeedBox(QGroupBox):
    def __init__(self, need: NeedDetail, number: int, panel: InquiryDetailPanel) -> None:
        super().__init__(f"{number}. {need.subject} — {need.outcome_label}")
        self.need = need
        self.setObjectName(f"needBox{number}")
        self.setToolTip(f"{need.theme} › {need.subject}")
        # a long title must not widen the panel past its scroll area (it would be cut off)
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.setSizePolicy(policy)
        layout = QVBoxLayout(self)
        lines = [escape(need.description)] if need.description else []
        if need.orientation_note:
            lines.append(
                f"<i>{escape(self.tr('Orientation :'))} {escape(need.orientation_note)}</i>"
            )
        for info in need.information:
            lines.append(f"• {escape(info.title)} ({format_datetime_short(info.given_at)})")
        for referral in need.referrals:
            lines.append(f"→ {escape(referral.partner)} : {escape(referral.status)}")
        text = QLabel("<br>".join(lines) or self.tr("<i>Pas de description.</i>"))
        text.setWordWrap(True)
        layout.addWidget(text)
        buttons = QHBoxLayout()
        self.inform = self._button(buttons, f"needInform{number}", self.tr("Informer…"))
        self.refer = self._button(buttons, f"needRefer{number}", self.tr("Mettre en relation…"))
        self.refer.setToolTip(
            self.tr("Choisir un partenaire pour ce besoin et préparer les courriers.")
        )
        self.orient = self._button(buttons, f"needOrient{number}", self.tr("Orienté…"))
        self.informed = self._button(buttons, f"needInformed{number}", self.tr("Informé"))
        self.reopen = self._button(buttons, f"needReopen{number}", self.tr("Rouvrir"))
        if need.theme == IMPLANTATION_THEME:
            project = self._button(
                buttons, f"needProject{number}", self.tr("Créer un projet d'implantation")
            )
            project.clicked.connect(lambda: start_project_from_need(panel, panel.ctx, need.id))
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.reopen.setVisible(need.outcome is not None)
        self.informed.setVisible(need.outcome is None)
        self.orient.setVisible(need.outcome is None)
        self.inform.clicked.connect(lambda: panel.inform(need))
        self.refer.clicked.connect(lambda: panel.refer(need))
        self.orient.clicked.connect(lambda: panel.orient(need))
        self.informed.clicked.connect(lambda: panel.set_outcome(need, NeedOutcome.INFORMED))
        self.reopen.clicked.connect(lambda: panel.set_outcome(need, None))

    def _button(self, row: QHBoxLayout, name: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        row.addWidget(button)
        return button


class InquiryDetailPanel(QScrollArea):
    changed = Signal(int)
    record_shown = Signal(int)  # the Historique tab and the access log follow it

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("inquiryDetail")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.inquiry_id: int | None = None
        self.detail: InquiryDetail | None = None
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)
        self.header = QLabel(self.tr("Choisissez une demande dans la liste."))
        self.header.setObjectName("inquiryHeader")
        self.header.setWordWrap(True)
        layout.addWidget(self.header)
        self.edit_form = InquiryEditForm(ctx)
        self.edit_form.hide()
        layout.addWidget(self.edit_form)
        self.needs_box = QWidget()
        self.needs_layout = QVBoxLayout(self.needs_box)
        self.needs_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.needs_box)
        self.timeline_title = QLabel(self.tr("<b>Historique</b>"))
        layout.addWidget(self.timeline_title)
        note_row = QHBoxLayout()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("inquiryNoteEdit")
        self.note_edit.setPlaceholderText(self.tr("Note de suivi…"))
        set_name(self.note_edit, self.tr("Note de suivi"))
        self.note_edit.setTabChangesFocus(True)
        set_text_lines(self.note_edit, 2)
        self.note_button = QPushButton(self.tr("Ajouter la note"))
        self.note_button.setObjectName("inquiryAddNote")
        note_row.addWidget(self.note_edit, 1)
        note_row.addWidget(self.note_button)
        # the note sits above the history it adds to, so it stays within reach without
        # scrolling; the history takes the room left below
        layout.addLayout(note_row)
        self.timeline = QListWidget()
        self.timeline.setObjectName("inquiryTimeline")
        set_name(self.timeline, self.tr("Historique"))
        self.timeline.setWordWrap(True)
        set_text_lines(self.timeline, 5, "min")
        layout.addWidget(self.timeline, 1)
        layout.addStretch(0)  # keeps the header at the top while no inquiry is shown
        for widget in (self.timeline_title, self.timeline, self.note_edit, self.note_button):
            widget.setVisible(False)
        self.note_button.clicked.connect(self.on_note_button_clicked)
        self.edit_form.saved.connect(self._after_change)

    # -- showing ---------------------------------------------------------------------------------
    def show_inquiry(self, inquiry_id: int) -> None:
        detail = attempt(self, lambda: inquiry_detail(self.ctx.db, inquiry_id))
        if detail is None:
            return
        same = inquiry_id == self.inquiry_id
        self.inquiry_id = inquiry_id
        self.detail = detail
        org = escape(detail.organization) or self.tr("(sans entreprise)")
        parts = [f"<h3>{escape(detail.reference)} — {org}</h3>"]
        if detail.do_not_refer:
            parts.append(
                f"<p style='color:#a00'>⚠ {escape(self.tr('Entreprise signalée « ne pas orienter »'))}</p>"
            )
        person = " · ".join(p for p in (detail.contact, detail.contact_details) if p)
        if person:
            parts.append(escape(person) + "<br>")
        status = escape(self.tr(label(detail.status)))
        delay = ""
        if detail.first_action_at is not None:
            minutes = int((detail.first_action_at - detail.received_at).total_seconds() // 60)
            delay = " · " + escape(
                self.tr("première action après %1 min").replace("%1", str(max(minutes, 0)))
            )
        parts.append(f"{self.tr('Statut')} : <b>{status}</b>{delay}")
        self.header.setText("".join(parts))
        # Reloading the same inquiry (after an action, or the page coming back) keeps what the
        # counsellor typed in the form and has not saved yet.
        self.edit_form.load(detail, keep=self.edit_form.touched() if same else None)
        if not same:  # a note typed for another inquiry never lands on this one
            self.note_edit.clear()
        self.edit_form.show()
        while self.needs_layout.count():
            item = self.needs_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        for number, need in enumerate(detail.needs, start=1):
            self.needs_layout.addWidget(NeedBox(need, number, self))
        self.timeline.clear()
        for entry in detail.timeline:
            self.timeline.addItem(f"{format_datetime_short(entry.at)} — {entry.text}")
        for widget in (self.timeline_title, self.timeline, self.note_edit, self.note_button):
            widget.setVisible(True)
        self.record_shown.emit(inquiry_id)

    def _after_change(self, inquiry_id: int) -> None:
        self.show_inquiry(inquiry_id)
        self.changed.emit(inquiry_id)

    # -- actions ---------------------------------------------------------------------------------
    def inform(self, need: NeedDetail) -> None:
        resources = attempt(self, lambda: proposed_resources(self.ctx.db, need.id))
        if resources is None:
            return
        dialog = InformDialog(need.subject, resources, self)
        if not dialog.exec():
            return
        chosen = dialog.chosen()
        if not chosen:
            return
        try:
            give_information(
                self.ctx.db,
                need.id,
                chosen,
                counsellor_id=self.ctx.counsellor_id,
                mark_informed=dialog.mark_informed.isChecked(),
            )
        except GuichetError as exc:
            show_error(self, exc)
            return
        self._after_change(self.inquiry_id or 0)

    def refer(self, need: NeedDetail) -> None:
        """« Mettre en relation… »: the suggestions dialog (and its letters), then the timeline
        shows the referrals and letters. Without the business's consent, ask to record it."""
        if self.detail is None or self.inquiry_id is None:
            return
        if not self.detail.consent_to_share and not self.record_consent():
            return
        ReferralDialog(self.ctx, need.id, self).exec()
        self._after_change(self.inquiry_id)

    def record_consent(self) -> bool:
        """Explains why a referral needs consent; records it (through the edit form) if the
        counsellor confirms the business gave it. True once it is recorded."""
        box = QMessageBox(self)
        box.setObjectName("consentQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Consentement requis"))
        box.setText(
            self.tr(
                "L'entreprise n'a pas donné son accord pour que ses coordonnées soient "
                "transmises aux partenaires : sans cet accord, pas de mise en relation."
            )
        )
        box.setInformativeText(
            self.tr(
                "Si l'entreprise vient de donner son accord, enregistrez-le maintenant "
                "(il sera daté d'aujourd'hui). Sinon, recueillez-le d'abord."
            )
        )
        record = box.addButton(
            self.tr("Enregistrer le consentement"), QMessageBox.ButtonRole.AcceptRole
        )
        record.setObjectName("recordConsentButton")
        box.addButton(self.tr("Annuler"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not record:
            return False
        self.edit_form.consent_box.setChecked(True)
        return self.edit_form.save()

    def need_box(self, number: int) -> NeedBox | None:
        """The box of need ``number`` (from 1) as shown now."""
        item = self.needs_layout.itemAt(number - 1)
        box = item.widget() if item is not None else None
        return box if isinstance(box, NeedBox) else None

    def focus_first_need(self) -> None:
        """Keyboard focus on the first need's « Mettre en relation… »."""
        box = self.need_box(1)
        if box is not None:
            self.ensureWidgetVisible(box.refer)
            box.refer.setFocus()

    def orient(self, need: NeedDetail) -> None:
        note, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Orienté"),
            self.tr("Vers qui, vers quoi l'entreprise est-elle orientée ?"),
            need.orientation_note,
        )
        if ok:
            self.set_outcome(need, NeedOutcome.ORIENTED, note)

    def set_outcome(self, need: NeedDetail, outcome: NeedOutcome | None, note: str = "") -> None:
        try:
            set_need_outcome(self.ctx.db, need.id, outcome, note=note, version=need.version)
        except GuichetError as exc:
            show_error(self, exc)
            if self.inquiry_id is not None:
                self.show_inquiry(self.inquiry_id)
            return
        self._after_change(self.inquiry_id or 0)

    def has_unsaved_changes(self) -> bool:
        """A note typed but not added yet."""
        return self.inquiry_id is not None and bool(self.note_edit.toPlainText().strip())

    def confirm_discard(self) -> bool:
        def add() -> bool:
            self.on_note_button_clicked()
            return not self.has_unsaved_changes()

        return confirm_discard(
            self,
            self.tr("Demande"),
            self.tr("La note de suivi n'a pas été ajoutée à la demande. L'ajouter ?"),
            save=add,
        )

    def on_note_button_clicked(self) -> None:
        if self.inquiry_id is None:
            return
        try:
            add_note(
                self.ctx.db,
                self.inquiry_id,
                self.note_edit.toPlainText(),
                author_id=self.ctx.counsellor_id,
            )
        except GuichetError as exc:
            show_error(self, exc)
            return
        self.note_edit.clear()
        self._after_change(self.inquiry_id)
