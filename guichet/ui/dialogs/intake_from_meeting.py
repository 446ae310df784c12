"""« Besoin exprimé »: the intake form opened for an attendee of a meeting, with the channel
« réunion », the meeting as the inquiry's source, the organisation and the person filled in."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from guichet.services.meeting_inquiries import IntakePrefill

from guichet.ui.context import AppContext
from guichet.ui.dialogs.intake_dialog import IntakeDialog
from guichet.ui.widgets.qt_dates import to_qdatetime


def prefill_intake(dialog: IntakeDialog, prefill: IntakePrefill) -> None:
    """Fill ``dialog`` for ``prefill``; the counsellor goes on with the needs."""
    dialog.meeting_id = prefill.meeting_id
    dialog.setWindowTitle(
        dialog.tr("Nouvelle demande — réunion « %1 »").replace("%1", prefill.meeting_title)
    )
    dialog.received_edit.setDateTime(to_qdatetime(prefill.received_at))
    index = dialog.channel_box.findData(prefill.channel)
    dialog.channel_box.setCurrentIndex(max(index, 0))
    if prefill.organization_id is not None:
        dialog.company.choose(prefill.organization_id, prefill.organization)
        dialog.contact.set_organization(prefill.organization_id)
    chosen = next((c for c in dialog.contact.contacts if c.id == prefill.contact_id), None)
    if chosen is not None:
        dialog.contact.on_search_picked(chosen)
    dialog.contact.search.hide_suggestions()
    if dialog.needs.rows:
        dialog.needs.rows[0].subject_field.setFocus()


def open_intake_for(ctx: AppContext, parent: QWidget, prefill: IntakePrefill) -> IntakeDialog:
    """Through the main window when there is one (a single intake form at a time, the saved
    inquiry shown in « Demandes »); otherwise a dialog of ``parent``."""
    from guichet.ui.dialogs.intake_launcher import open_intake

    window: Any = parent.window()
    dialog: IntakeDialog | None = None
    if hasattr(window, "intake_dialog") and getattr(window, "ctx", None) is not None:
        existing = getattr(window, "intake_dialog", None)
        dialog = open_intake(window)
        if existing is not None and dialog is existing and dialog.is_touched():
            return dialog  # a form being typed is brought forward, never overwritten
    if dialog is None:
        dialog = IntakeDialog(ctx, parent)
        dialog.show()
    prefill_intake(dialog, prefill)
    return dialog
