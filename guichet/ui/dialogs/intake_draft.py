"""The intake in progress, kept as a draft beside the database and offered back at the next start.

:class:`DraftKeeper` writes what the « Nouvelle demande » form shows every few seconds (only when
it changed), and removes the draft once the inquiry is saved or abandoned. :func:`offer_draft`
runs when the main window has its database: a draft left by a closed, killed or crashed app is
offered back (« Reprendre ? ») and fills the form again. The file format lives in
:mod:`guichet.services.drafts`.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QObject, Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from guichet.errors import GuichetError
from guichet.services.drafts import (
    DraftFile,
    IntakeFormDraft,
    NeedText,
    NewContactText,
    draft_path,
)
from guichet.services.organizations import OrganizationService

from guichet.ui.context import AppContext
from guichet.ui.unsaved import confirm_discard
from guichet.ui.widgets.qt_dates import to_qdatetime

if TYPE_CHECKING:
    from guichet.ui.dialogs.intake_dialog import IntakeDialog

log = logging.getLogger(__name__)
AUTOSAVE_MS = 3000


def draft_file(ctx: AppContext) -> DraftFile:
    return DraftFile(draft_path(ctx.paths, ctx.db.url))


class DraftKeeper(QObject):
    """Keeps the dialog's input on disk while it is open; gone with the inquiry saved or abandoned."""

    def __init__(self, dialog: IntakeDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.file = draft_file(dialog.ctx)
        self.company_label = ""
        self._written: IntakeFormDraft | None = None
        self.timer = QTimer(self)
        self.timer.setObjectName("intakeDraftTimer")
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.save_if_changed)
        self.timer.start()
        dialog.company.company_chosen.connect(self.on_company_chosen)
        dialog.finished.connect(self.on_dialog_finished)

    def save_if_changed(self) -> None:
        if not self.dialog.has_unsaved_changes():
            if self._written is not None:
                self.discard(stop=False)
            return
        draft = capture(self.dialog, self.company_label)
        if draft == self._written:
            return
        try:
            self.file.write(_stamped(draft))
        except OSError as exc:  # a full disk must not stop the typing; the next tick retries
            log.warning("Brouillon de demande non enregistré (%s) : %s", self.file.path, exc)
            return
        self._written = draft

    def restored(self, draft: IntakeFormDraft) -> None:
        """The form now shows ``draft``: it is on disk already."""
        self.company_label = draft.organization_label
        self._written = capture(self.dialog, self.company_label)

    def discard(self, *, stop: bool = True) -> None:
        if stop:
            self.timer.stop()
        self._written = None
        try:
            self.file.delete()
        except OSError as exc:
            log.warning("Brouillon de demande non supprimé (%s) : %s", self.file.path, exc)

    def on_company_chosen(self, _organization_id: object, name: str) -> None:
        self.company_label = name

    def on_dialog_finished(self, _result: int) -> None:
        """Saved, or abandoned on purpose: its draft goes (another one on disk is not its own)."""
        if self._written is not None:
            self.discard()
        else:
            self.timer.stop()


def _stamped(draft: IntakeFormDraft) -> IntakeFormDraft:
    return replace(draft, saved_at=datetime.now().replace(microsecond=0))


# -- form <-> draft ------------------------------------------------------------------------------
def capture(dialog: IntakeDialog, company_label: str = "") -> IntakeFormDraft:
    company = dialog.company
    contact = dialog.contact
    new = contact.new_contact()
    needs = []
    for row in dialog.needs.rows:
        subject_text = row.subject_field.text()
        description = row.description.toPlainText()
        if row.subject is None and not subject_text.strip() and not description.strip():
            continue
        ticked = []
        for index in range(row.resources.count()):
            item = row.resources.item(index)
            if item.checkState() == Qt.CheckState.Checked:
                ticked.append(int(item.data(Qt.ItemDataRole.UserRole)))
        needs.append(
            NeedText(
                subject_id=row.subject.id if row.subject else None,
                subject_text=subject_text,
                description=description,
                resource_ids=tuple(ticked),
            )
        )
    consent = dialog.consent_box.isChecked()
    consent_on = dialog.consent_date.date().toPython() if consent else None
    assert consent_on is None or isinstance(consent_on, date)
    creating = company.organization_id is None and not company.panel.isHidden()
    typed = company.panel.name_edit.text() if creating else company.search.text()
    return IntakeFormDraft(
        received_at=dialog.received_at(),
        channel=str(dialog.channel_box.currentData()),
        counsellor_id=dialog.counsellor_box.currentData(),
        organization_id=company.organization_id,
        organization_label=company_label if company.organization_id is not None else "",
        company_text=typed if company.organization_id is None else "",
        contact_id=contact.contact_id(),
        contact_text=contact.search.text(),
        new_contact=None
        if new is None
        else NewContactText(
            first_name=new.first_name,
            last_name=new.last_name,
            phone=new.phone,
            email=new.email,
            role=new.role,
            civility=new.civility,
        ),
        new_company=company.panel.typed() if creating else None,
        needs=tuple(needs),
        consent=consent,
        consent_on=consent_on,
    )


def restore(dialog: IntakeDialog, draft: IntakeFormDraft) -> None:
    """Fills the form with ``draft``; a company or contact deleted since is kept as text."""
    dialog.received_edit.setDateTime(to_qdatetime(draft.received_at))
    _select(dialog.channel_box, draft.channel)
    _select(dialog.counsellor_box, draft.counsellor_id)
    _restore_company(dialog, draft)
    _restore_contact(dialog, draft)
    _restore_needs(dialog, draft)
    dialog.consent_box.setChecked(draft.consent)
    if draft.consent and draft.consent_on is not None:
        day = draft.consent_on
        dialog.consent_date.setDate(QDate(day.year, day.month, day.day))
    dialog.contact.search.hide_suggestions()
    dialog.draft_keeper.restored(draft)
    dialog.refresh_warnings()
    if draft.new_company is None:
        dialog.company.setFocus()


def _select(box: Any, value: object) -> None:
    for index in range(box.count()):
        data = box.itemData(index)
        if data == value or (value is not None and str(data) == str(value)):
            box.setCurrentIndex(index)
            return


def _restore_company(dialog: IntakeDialog, draft: IntakeFormDraft) -> None:
    if draft.organization_id is not None:
        try:
            OrganizationService(dialog.ctx.db).get(draft.organization_id)
        except GuichetError:
            dialog.company.search.set_text(draft.organization_label)
            return
        dialog.company.choose(draft.organization_id, draft.organization_label)
    else:
        dialog.company.search.set_text(draft.company_text)
        if draft.new_company is not None:  # halfway through « Nouvelle entreprise »
            dialog.company.search.hide()
            dialog.company.panel.restore(draft.new_company)


def _restore_contact(dialog: IntakeDialog, draft: IntakeFormDraft) -> None:
    field = dialog.contact
    field.search.set_text(draft.contact_text)
    chosen = next((c for c in field.contacts if c.id == draft.contact_id), None)
    if chosen is not None:
        field.on_search_picked(chosen)
    elif draft.new_contact is not None:
        field.on_search_picked("new")
        new = draft.new_contact
        field.civility.setCurrentIndex(max(field.civility.findData(new.civility), 0))
        for edit, text in (
            (field.first_name, new.first_name),
            (field.last_name, new.last_name),
            (field.phone, new.phone),
            (field.email, new.email),
            (field.role, new.role),
        ):
            edit.setText(text)


def _restore_needs(dialog: IntakeDialog, draft: IntakeFormDraft) -> None:
    editor = dialog.needs
    choices = {c.id: c for c in editor.choices}
    for number, need in enumerate(draft.needs):
        row = editor.rows[number] if number < len(editor.rows) else editor.add_need(focus=False)
        choice = choices.get(need.subject_id) if need.subject_id is not None else None
        if choice is not None:
            row.on_subject_field_picked(choice)
        else:
            row.subject_field.set_text(need.subject_text)
        row.description.setPlainText(need.description)
        for index in range(row.resources.count()):
            item = row.resources.item(index)
            if int(item.data(Qt.ItemDataRole.UserRole)) in need.resource_ids:
                item.setCheckState(Qt.CheckState.Checked)


# -- closing and the next start ------------------------------------------------------------------
def confirm_close(dialog: IntakeDialog) -> bool:
    """The app is closing with this intake typed: save it, drop it, or stay."""

    def discard() -> None:
        dialog.draft_keeper.discard()
        dialog.confirm_abandon = False  # dropped on purpose: closing must not ask again

    return confirm_discard(
        dialog,
        dialog.tr("Nouvelle demande"),
        dialog.tr("La demande en cours n'est pas enregistrée. L'enregistrer avant de quitter ?"),
        save=lambda: dialog.save() is not None,
        discard=discard,
    )


def offer_draft(window: Any) -> IntakeDialog | None:
    """At start: a draft left by the last session is offered back; ``window`` is the MainWindow."""
    from guichet.ui.dialogs.intake_launcher import open_intake

    if window.ctx is None or getattr(window, "intake_dialog", None) is not None:
        return None  # an intake already open keeps the draft itself
    file = draft_file(window.ctx)
    draft = file.read()
    if draft is None:
        return None
    buttons = QMessageBox.StandardButton
    when = draft.saved_at or draft.received_at
    box = QMessageBox(
        QMessageBox.Icon.Question,
        window.tr("Demande non enregistrée"),
        window.tr(
            "Une demande en cours n'a pas été enregistrée (%1, saisie le %2 à %3). Reprendre ?"
        )
        .replace("%1", draft.summary() or window.tr("sans entreprise"))
        .replace("%2", when.strftime("%d/%m/%Y"))
        .replace("%3", when.strftime("%H:%M")),
        buttons.Yes | buttons.Discard,
        window,
    )
    box.setObjectName("draftOfferBox")
    box.button(buttons.Yes).setText(window.tr("Reprendre"))
    box.button(buttons.Discard).setText(window.tr("Abandonner la demande"))
    box.setDefaultButton(buttons.Yes)
    if box.exec() == buttons.Discard:
        file.delete()
        return None
    dialog = open_intake(window)
    if dialog is not None:
        restore(dialog, draft)
    return dialog
