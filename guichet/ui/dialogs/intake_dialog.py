"""« Nouvelle demande »: a walk-in, call or e-mail logged with the keyboard alone.

Focus starts on the company search; picking moves on to the contact, then to the first need.
Ctrl+B adds a need, Alt+C ticks the consent, Ctrl+S (or Ctrl+Entrée) saves. Errors keep the form
as typed. The context panel on the right follows what is typed.
"""

from __future__ import annotations

from datetime import date, datetime
from itertools import pairwise
from typing import ClassVar

from PySide6.QtCore import QDateTime, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError, ValidationError
from guichet.models import Channel, label
from guichet.services.counsellors import CounsellorService
from guichet.services.intake import InquiryCreated, IntakeDraft, create_inquiry
from guichet.services.intake_context import company_context, intake_warnings, subject_choices
from guichet.services.offline_copy import offline_info

from guichet.ui.accessibility import label_field, set_name
from guichet.ui.context import AppContext
from guichet.ui.dialogs.intake_draft import DraftKeeper, confirm_close
from guichet.ui.feedback import show_error
from guichet.ui.keys import DialogKey, install_dialog_keys
from guichet.ui.screen_fit import available_area, fit_to_screen, font_scaled, shrinkable
from guichet.ui.widgets.company_field import CompanyField
from guichet.ui.widgets.contact_field import ContactField
from guichet.ui.widgets.intake_context_panel import IntakeContextPanel
from guichet.ui.widgets.needs_editor import NeedsEditor

DEFAULT_SIZE = QSize(1320, 720)
CONTEXT_MIN_WIDTH = 260
CONTEXT_NARROWEST = 150
FORM_SHARE = 0.6


class IntakeDialog(QDialog):
    inquiry_saved = Signal(object)  # InquiryCreated
    #: the form's own keys, installed on it and listed by Aide › Raccourcis clavier (F1)
    KEYS: ClassVar[tuple[DialogKey, ...]] = (
        DialogKey(("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"), "Enregistrer la demande", "save"),
        DialogKey(("Ctrl+B",), "Ajouter un besoin", "on_add_need_button_clicked"),
        DialogKey(("Alt+C",), "Cocher ou décocher le consentement", "consent_box.toggle"),
    )
    KEYS_WHERE = "Nouvelle demande"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("intakeDialog")
        self.setWindowTitle(self.tr("Nouvelle demande"))
        self.saved: InquiryCreated | None = None
        #: the meeting the need was heard at (« Besoin exprimé » from « Réunions »)
        self.meeting_id: int | None = None
        #: ask before closing a form with content (off for screenshots)
        self.confirm_abandon = True
        outer = QVBoxLayout(self)
        splitter = QSplitter()
        splitter.setObjectName("intakeSplitter")
        outer.addWidget(splitter, 1)

        form_widget = QWidget()
        column = QVBoxLayout(form_widget)
        form = QFormLayout()
        column.addLayout(form)
        column.addStretch(1)  # rows keep their natural height, packed at the top
        self.received_edit = QDateTimeEdit(QDateTime.currentDateTime())
        self.received_edit.setObjectName("intakeReceivedAt")
        self.received_edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.received_edit.setCalendarPopup(True)
        self.channel_box = QComboBox()
        self.channel_box.setObjectName("intakeChannel")
        shrinkable(self.channel_box, 8)
        for channel in Channel:
            self.channel_box.addItem(self.tr(label(channel)), channel)
        self.counsellor_box = QComboBox()
        self.counsellor_box.setObjectName("intakeCounsellor")
        shrinkable(self.counsellor_box, 18)
        self.counsellor_box.addItem(self.tr("(aucun)"), None)
        for counsellor in CounsellorService(ctx.db).list():
            self.counsellor_box.addItem(f"{counsellor.name} ({counsellor.initials})", counsellor.id)
        current = self.counsellor_box.findData(ctx.counsellor_id) if ctx.counsellor_id else 0
        self.counsellor_box.setCurrentIndex(max(current, 0))
        header = QHBoxLayout()
        header.addWidget(self.received_edit)
        channel_label = QLabel(self.tr("Canal"))
        header.addWidget(channel_label)
        header.addWidget(self.channel_box)
        counsellor_label = QLabel(self.tr("Conseiller"))
        header.addWidget(counsellor_label)
        header.addWidget(self.counsellor_box, 1)
        label_field(channel_label, self.channel_box)
        label_field(counsellor_label, self.counsellor_box)
        form.addRow(self.tr("Arrivée"), header)

        self.company = CompanyField(ctx)
        form.addRow(self.tr("Entreprise"), self.company)
        self.contact = ContactField(ctx)
        form.addRow(self.tr("Contact"), self.contact)
        self.needs = NeedsEditor(ctx, subject_choices(ctx.db))
        form.addRow(self.tr("Besoins"), self.needs)
        self.add_need_button = QPushButton(self.tr("+ Ajouter un besoin (Ctrl+B)"))
        self.add_need_button.setObjectName("addNeedButton")
        self.add_need_button.setAutoDefault(False)
        set_name(self.add_need_button, self.tr("Ajouter un besoin"))
        self.add_need_button.setAccessibleDescription(self.tr("Raccourci : Ctrl+B"))
        form.addRow("", self.add_need_button)
        consent_row = QHBoxLayout()
        self.consent_box = QCheckBox(
            self.tr("à partager ses coordonnées avec les partenaires (Alt+C), le")
        )
        self.consent_box.setObjectName("intakeConsent")
        set_name(self.consent_box, self.tr("Consentement à partager ses coordonnées"))
        self.consent_box.setAccessibleDescription(self.tr("Raccourci : Alt+C"))
        self.consent_date = QDateEdit()
        self.consent_date.setObjectName("intakeConsentDate")
        self.consent_date.setDisplayFormat("dd/MM/yyyy")
        self.consent_date.setCalendarPopup(True)
        self.consent_date.setEnabled(False)  # reached by Tab once the consent is ticked
        set_name(self.consent_date, self.tr("Date du consentement"))
        self.consent_date.setDate(self.received_edit.date())
        consent_row.addWidget(self.consent_box)
        consent_row.addWidget(self.consent_date)
        consent_row.addStretch(1)
        form.addRow(self.tr("Consentement"), consent_row)
        self.form_area = QScrollArea()
        self.form_area.setObjectName("intakeFormArea")
        self.form_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its fields
        self.form_area.setWidgetResizable(True)
        self.form_area.setWidget(form_widget)
        self.form_widget = form_widget
        # never a horizontal scroll bar: the form keeps the width it needs, the panel yields
        self.form_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter.addWidget(self.form_area)
        self.context_panel = IntakeContextPanel()
        splitter.addWidget(self.context_panel)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.splitter = splitter

        buttons = QHBoxLayout()
        self.status_label = QLabel(self.tr("Ctrl+S pour enregistrer · Échap pour abandonner"))
        buttons.addWidget(self.status_label, 1)
        self.save_button = QPushButton(self.tr("Enregistrer la demande (Ctrl+S)"))
        self.save_button.setObjectName("intakeSave")
        self.save_button.setAutoDefault(False)
        self.cancel_button = QPushButton(self.tr("Annuler"))
        self.cancel_button.setObjectName("intakeCancel")
        self.cancel_button.setAutoDefault(False)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        outer.addLayout(buttons)

        install_dialog_keys(self, self.KEYS)
        self._warn_timer = QTimer(self)
        self._warn_timer.setSingleShot(True)
        self._warn_timer.setInterval(150)
        self._warn_timer.timeout.connect(self.refresh_warnings)

        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.add_need_button.clicked.connect(self.on_add_need_button_clicked)
        self.needs.row_added.connect(self.on_needs_row_added)
        self.company.company_chosen.connect(self.on_company_company_chosen)
        self.contact.email_changed.connect(lambda _t: self._warn_timer.start())
        self.needs.subjects_changed.connect(self._warn_timer.start)
        self.consent_box.toggled.connect(self.on_consent_box_toggled)
        self.received_edit.dateChanged.connect(self.on_received_edit_date_changed)
        form_widget.installEventFilter(self)  # its minimum width changes with what is shown
        self.fit_form()
        fit_to_screen(self, DEFAULT_SIZE)
        total = self.width() - 30
        first = max(self.form_area.minimumWidth(), int(total * FORM_SHARE))
        splitter.setSizes([first, max(total - first, self.context_panel.minimumWidth())])
        self.company.setFocus()
        self.draft_keeper = DraftKeeper(self)  # kept on disk as typed, offered back at start

    # -- layout ----------------------------------------------------------------------------------
    def fit_form(self) -> None:
        """The form area never narrower than the form (the context panel yields)."""
        scroll_bar = self.form_area.verticalScrollBar().sizeHint().width()
        frame = 2 * self.form_area.frameWidth()
        needed = self.form_widget.minimumSizeHint().width() + scroll_bar + frame
        if needed != self.form_area.minimumWidth():
            self.form_area.setMinimumWidth(needed)
        # on a narrow screen (150 % on a laptop) the context panel yields, down to a column
        layout = self.layout()
        assert layout is not None
        others = layout.totalMinimumSize().width() - self.context_panel.minimumWidth()
        spare = available_area(self).width() - others
        narrowest = font_scaled(self, QSize(CONTEXT_NARROWEST, 0)).width()
        width = max(narrowest, min(CONTEXT_MIN_WIDTH, spare))
        if width != self.context_panel.minimumWidth():
            self.context_panel.setMinimumWidth(width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.form_widget and event.type() == QEvent.Type.LayoutRequest:
            self.fit_form()
        return super().eventFilter(watched, event)

    # -- values ----------------------------------------------------------------------------------
    def received_at(self) -> datetime:
        moment = self.received_edit.dateTime().toPython()
        assert isinstance(moment, datetime)
        return moment.replace(second=0, microsecond=0)

    def draft(self) -> IntakeDraft:
        consent_at = None
        if self.consent_box.isChecked():
            day = self.consent_date.date().toPython()
            assert isinstance(day, date)
            received = self.received_at()
            consent_at = (
                received if day == received.date() else datetime(day.year, day.month, day.day)
            )
        return IntakeDraft(
            received_at=self.received_at(),
            needs=tuple(self.needs.drafts()),
            channel=Channel(self.channel_box.currentData()),
            counsellor_id=self.counsellor_box.currentData(),
            organization_id=self.company.organization_id,
            contact_id=self.contact.contact_id(),
            new_contact=self.contact.new_contact(),
            consent_to_share=self.consent_box.isChecked(),
            consent_at=consent_at,
            meeting_id=self.meeting_id,
        )

    def is_touched(self) -> bool:
        return (
            self.company.organization_id is not None
            or bool(self.company.search.text().strip())
            or not self.company.panel.isHidden()  # a company being created
            or self.contact.is_new()
            or any(not r.is_blank() for r in self.needs.rows)
        )

    def has_unsaved_changes(self) -> bool:
        return self.confirm_abandon and self.saved is None and self.is_touched()

    def confirm_discard(self) -> bool:
        return confirm_close(self)

    # -- actions ---------------------------------------------------------------------------------
    def save(self) -> InquiryCreated | None:
        try:
            if self.needs.unfinished():
                raise ValidationError(
                    "Un besoin a une description mais pas de sujet : choisissez son sujet "
                    "dans la liste (tapez quelques lettres puis Entrée).",
                    field="needs",
                )
            if offline_info(self.ctx.db) is not None:  # no server: kept in the outbox
                from guichet.ui.offline_desk import keep_in_outbox

                keep_in_outbox(self)
                return None
            created = create_inquiry(self.ctx.db, self.draft())
        except GuichetError as exc:
            show_error(self, exc)
            self._focus_field(getattr(exc, "field", None))
            return None
        self.saved = created
        self.inquiry_saved.emit(created)
        self.accept()
        return created

    def _focus_field(self, field: str | None) -> None:
        targets: dict[str, QWidget] = {
            "contact_phone": self.contact.phone,
            "contact_email": self.contact.email,
            "contact_last_name": self.contact.last_name,
            "organization": self.company,
            "received_at": self.received_edit,
        }
        if field in targets:
            targets[field].setFocus()
        elif field == "needs" and self.needs.rows:
            self.needs.rows[0].subject_field.setFocus()

    def refresh_warnings(self) -> None:
        warnings = intake_warnings(
            self.ctx.db,
            organization_id=self.company.organization_id,
            email=self.contact.current_email(),
            subject_ids=self.needs.subject_ids(),
            at=self.received_at(),
        )
        self.context_panel.show_warnings(warnings)

    def reject(self) -> None:
        if self.confirm_abandon and self.saved is None and self.is_touched():
            box = QMessageBox(
                QMessageBox.Icon.Question,
                self.tr("Nouvelle demande"),
                self.tr("Abandonner cette demande ? Ce qui a été saisi sera perdu."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                self,
            )
            box.setObjectName("abandonIntakeBox")
            box.setDefaultButton(QMessageBox.StandardButton.No)
            if box.exec() != QMessageBox.StandardButton.Yes:
                return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm_abandon and self.saved is None and self.is_touched():
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

    # -- slots -----------------------------------------------------------------------------------
    def on_company_company_chosen(self, organization_id: object, _name: str) -> None:
        org_id = organization_id if isinstance(organization_id, int) else None
        self.contact.set_organization(org_id)
        self.context_panel.show_company(company_context(self.ctx.db, org_id) if org_id else None)
        self.refresh_warnings()
        if org_id is not None:
            self.contact.setFocus()
            self.contact.offer()

    def on_add_need_button_clicked(self) -> None:
        self.needs.add_need()

    def on_needs_row_added(self, row: object) -> None:
        """A new need is created at the end of the focus chain: what follows the needs on
        screen goes after it again, so Tab keeps the visual order."""
        assert isinstance(row, QWidget)
        following = [
            row.resources,  # type: ignore[attr-defined]
            self.add_need_button,
            self.consent_box,
            self.consent_date,
            self.context_panel.history,
            self.save_button,
            self.cancel_button,
        ]
        for before, after in pairwise(following):
            QWidget.setTabOrder(before, after)

    def on_received_edit_date_changed(self, _day: object) -> None:
        if not self.consent_box.isChecked():  # the consent date shown follows the arrival
            self.consent_date.setDate(self.received_edit.date())

    def on_consent_box_toggled(self, checked: bool) -> None:
        self.consent_date.setEnabled(checked)
        if checked:
            self.consent_date.setDate(self.received_edit.date())
