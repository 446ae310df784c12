"""« Besoin exprimé » during a visit: « Nouvelle demande » opened through its usual launcher and
filled in like a restored draft — channel « Visite », the company, the person met and the
counsellor — so the need is logged with the keyboard as any other."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from guichet.models import Channel
from guichet.services.drafts import IntakeFormDraft
from guichet.services.visits import VisitDetail

if TYPE_CHECKING:
    from guichet.ui.dialogs.intake_dialog import IntakeDialog


def main_window_of(widget: QWidget) -> Any:
    """The main window above ``widget`` (the one that opens inquiries), or ``None``."""
    current: QWidget | None = widget
    while current is not None and not hasattr(current, "open_inquiry"):
        current = current.parentWidget()
    return current


def visit_draft(visit: VisitDetail, now: datetime | None = None) -> IntakeFormDraft:
    return IntakeFormDraft(
        received_at=(now or datetime.now()).replace(second=0, microsecond=0),
        channel=Channel.VISIT.value,
        counsellor_id=visit.counsellor_id,
        organization_id=visit.organization_id,
        organization_label=visit.organization,
        contact_id=visit.contact_id,
        contact_text=visit.contact,
    )


def open_intake_from_visit(widget: QWidget, visit: VisitDetail) -> IntakeDialog | None:
    """Opens the intake for the visit's company; an intake already being typed is only brought
    forward (its input is never replaced)."""
    from guichet.ui.dialogs.intake_draft import restore
    from guichet.ui.dialogs.intake_launcher import open_intake

    window = main_window_of(widget)
    if window is None:
        return None
    dialog = open_intake(window)
    if dialog is None or dialog.is_touched():
        return dialog
    restore(dialog, visit_draft(visit))
    dialog.needs.rows[0].subject_field.setFocus()  # the company and person are known
    return dialog
