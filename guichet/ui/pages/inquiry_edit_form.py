"""Editing an inquiry's own fields. A colleague's change made meanwhile is never overwritten:
the save is refused, what changed is shown, their values are loaded into the fields this
counsellor did not touch, and the fields they did touch keep what they typed."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from guichet.errors import ConcurrentEditError, GuichetError
from guichet.models import Channel, label
from guichet.services.counsellors import CounsellorService
from guichet.services.inquiry_actions import InquiryEdit, update_inquiry
from guichet.services.inquiry_detail import InquiryDetail, inquiry_detail

from guichet.ui.context import AppContext
from guichet.ui.feedback import show_error
from guichet.ui.screen_fit import set_text_lines
from guichet.ui.unsaved import confirm_discard
from guichet.ui.widgets.changed_banner import ChangedBanner, changed_fields
from guichet.ui.widgets.qt_dates import to_qdatetime


def _minutes(values: dict[str, object]) -> dict[str, object]:
    """The values as the form shows them: arrival to the minute, no consent time."""
    shown = {k: v for k, v in values.items() if k != "consent_at"}
    arrival = shown.get("received_at")
    if isinstance(arrival, datetime):
        shown["received_at"] = arrival.replace(second=0, microsecond=0)
    return shown


class InquiryEditForm(QGroupBox):
    saved = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("inquiryEditForm")
        self.setTitle(self.tr("Fiche"))
        self.detail: InquiryDetail | None = None
        form = QFormLayout(self)
        self.changed_banner = ChangedBanner()  # a colleague saved it while this was typed
        form.addRow(self.changed_banner)
        self.received_edit = QDateTimeEdit()
        self.received_edit.setObjectName("editReceivedAt")
        self.received_edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.channel_box = QComboBox()
        self.channel_box.setObjectName("editChannel")
        for channel in Channel:
            self.channel_box.addItem(self.tr(label(channel)), channel)
        self.counsellor_box = QComboBox()
        self.counsellor_box.setObjectName("editCounsellor")
        self.counsellor_box.addItem(self.tr("(aucun)"), None)
        for counsellor in CounsellorService(ctx.db).list(include_inactive=True):
            self.counsellor_box.addItem(f"{counsellor.name} ({counsellor.initials})", counsellor.id)
        self.summary_edit = QPlainTextEdit()
        self.summary_edit.setObjectName("editSummary")
        self.summary_edit.setTabChangesFocus(True)
        set_text_lines(self.summary_edit, 2.5)
        self.consent_box = QCheckBox(self.tr("Consentement au partage avec les partenaires"))
        self.consent_box.setObjectName("editConsent")
        self.save_button = QPushButton(self.tr("Enregistrer les modifications"))
        self.save_button.setObjectName("editSave")
        form.addRow(self.tr("Arrivée"), self.received_edit)
        form.addRow(self.tr("Canal"), self.channel_box)
        form.addRow(self.tr("Conseiller"), self.counsellor_box)
        form.addRow(self.tr("Résumé"), self.summary_edit)
        form.addRow("", self.consent_box)
        form.addRow("", self.save_button)
        self.save_button.clicked.connect(self.save)

    def values(self) -> dict[str, object]:
        moment = self.received_edit.dateTime().toPython()
        assert isinstance(moment, datetime)
        consent_at = (
            self.detail.consent_at if self.detail and self.consent_box.isChecked() else None
        )
        return {
            "received_at": moment.replace(second=0, microsecond=0),
            "channel": Channel(self.channel_box.currentData()),
            "counsellor_id": self.counsellor_box.currentData(),
            "summary": self.summary_edit.toPlainText().strip() or None,
            "consent_to_share": self.consent_box.isChecked(),
            "consent_at": consent_at,
        }

    def load(self, detail: InquiryDetail, keep: dict[str, object] | None = None) -> None:
        """Show ``detail``; fields named in ``keep`` show the given values instead. The same
        inquiry saved meanwhile by someone else while fields are kept: the banner says what
        changed."""
        before = self.detail
        if before is not None and before.id == detail.id and before.version != detail.version:
            if keep:  # their changes that the form does not show already (not one's own save)
                shown_now = _minutes(self.values())
                theirs = changed_fields(
                    _minutes(before.editable_values()), _minutes(detail.editable_values())
                )
                theirs = {k: c for k, c in theirs.items() if shown_now.get(k) != c[1]}
                if theirs:
                    self.changed_banner.show_changes(theirs)
        else:
            self.changed_banner.hide()
        self.detail = detail
        shown = {**detail.editable_values(), **(keep or {})}
        moment = shown["received_at"]
        assert isinstance(moment, datetime)
        self.received_edit.setDateTime(to_qdatetime(moment))
        self.channel_box.setCurrentIndex(max(self.channel_box.findData(shown["channel"]), 0))
        self.counsellor_box.setCurrentIndex(
            max(self.counsellor_box.findData(shown["counsellor_id"]), 0)
        )
        self.summary_edit.setPlainText(str(shown["summary"] or ""))
        self.consent_box.setChecked(bool(shown["consent_to_share"]))

    def touched(self) -> dict[str, object]:
        """Fields this counsellor changed since the form was loaded."""
        if self.detail is None:
            return {}
        opened = self.detail.editable_values()
        arrival = opened["received_at"]
        if isinstance(arrival, datetime):  # the form shows minutes: seconds are not a change
            opened["received_at"] = arrival.replace(second=0, microsecond=0)
        now = self.values()
        return {k: v for k, v in now.items() if k != "consent_at" and v != opened[k]}

    def has_unsaved_changes(self) -> bool:
        return bool(self.touched())

    def confirm_discard(self) -> bool:
        return confirm_discard(
            self,
            self.tr("Demande"),
            self.tr(
                "Les modifications de la fiche de la demande ne sont pas enregistrées. Les enregistrer ?"
            ),
            save=self.save,
        )

    def save(self) -> bool:
        if self.detail is None:
            return False
        values = self.values()
        edit = InquiryEdit(
            received_at=values["received_at"],  # type: ignore[arg-type]
            channel=values["channel"],  # type: ignore[arg-type]
            counsellor_id=values["counsellor_id"],  # type: ignore[arg-type]
            summary=str(values["summary"] or ""),
            consent_to_share=bool(values["consent_to_share"]),
            consent_at=values["consent_at"],  # type: ignore[arg-type]
        )
        try:
            update_inquiry(
                self.ctx.db,
                self.detail.id,
                self.detail.version,
                self.detail.editable_values(),
                edit,
            )
        except ConcurrentEditError as exc:
            mine = self.touched()
            show_error(self, exc)
            self.load(inquiry_detail(self.ctx.db, self.detail.id), keep=mine)
            return False
        except GuichetError as exc:
            show_error(self, exc)
            return False
        self.changed_banner.hide()
        self.saved.emit(self.detail.id)
        return True
