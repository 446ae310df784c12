"""Screenshot scenes of the desk intake: the form filled in, and the inquiries page."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from PySide6.QtWidgets import QApplication, QWidget

from guichet.models import InformationGiven, Inquiry, InquiryNote, Need, Referral
from guichet.services.inquiry_actions import add_note
from guichet.services.intake_context import subject_choices
from tools.screenshots.demo_clock import DEMO_NOW

from guichet.ui.dialogs.intake_dialog import IntakeDialog
from guichet.ui.main_window import MainWindow
from guichet.ui.widgets.qt_dates import to_qdatetime


def _recent_company(window: MainWindow) -> tuple[int, str, int]:
    """A company with several inquiries, the latest within three weeks, and its subject."""
    assert window.ctx is not None
    with window.ctx.db.unit_of_work() as s:
        latest = s.scalar(select(func.max(Inquiry.received_at)))
        assert latest is not None
        counts = (
            select(Inquiry.organization_id, func.count().label("n"))
            .where(Inquiry.organization_id.is_not(None))
            .group_by(Inquiry.organization_id)
            .subquery()
        )
        row = s.execute(
            select(Inquiry.organization_id, Need.subject_id)
            .join(Need, Need.inquiry_id == Inquiry.id)
            .join(counts, counts.c.organization_id == Inquiry.organization_id)
            .where(Inquiry.received_at >= latest - timedelta(days=14), counts.c.n >= 3)
            .order_by(counts.c.n.desc(), Inquiry.received_at.desc())
            .limit(1)
        ).first()
        assert row is not None
        org_id, subject_id = int(row[0] or 0), int(row[1])
        inquiry = s.scalars(select(Inquiry).where(Inquiry.organization_id == org_id)).first()
        assert inquiry is not None and inquiry.organization is not None
        return org_id, inquiry.organization.display_name, subject_id


def intake_filled(window: MainWindow) -> QWidget:
    assert window.ctx is not None
    org_id, name, subject_id = _recent_company(window)
    dialog = IntakeDialog(window.ctx, window)
    dialog.confirm_abandon = False
    dialog.show()
    dialog.received_edit.setDateTime(to_qdatetime(DEMO_NOW))
    dialog.company.choose(org_id, name)
    dialog.contact.search.line.setText("Claire Martin")
    dialog.contact.on_search_picked("new")
    dialog.contact.phone.setText("02 35 38 12 34")
    dialog.contact.email.setText("claire.martin@exemple.fr")
    dialog.contact.role.setText("Responsable de production")
    choices = {c.id: c for c in subject_choices(window.ctx.db)}
    first = dialog.needs.rows[0]
    first.on_subject_field_picked(choices[subject_id])
    first.description.setPlainText(
        "Relance sa demande du mois : souhaite rencontrer un spécialiste avant fin décembre."
    )
    if first.resources.count():
        first.resources.item(0).setCheckState(first.resources.item(0).checkState().Checked)
    second = dialog.needs.add_need()
    other = next(c for c in choices.values() if c.name == "Recrutement")
    second.on_subject_field_picked(other)
    second.description.setPlainText("Recruter deux tourneurs sur commande numérique d'ici mars.")
    dialog.consent_box.setChecked(True)
    dialog.refresh_warnings()
    QApplication.processEvents()
    return dialog


def inquiries_detail(window: MainWindow) -> QWidget:
    assert window.ctx is not None
    db = window.ctx.db
    with db.unit_of_work() as s:
        inquiry_id = s.scalar(
            select(Inquiry.id)
            .join(Need, Need.inquiry_id == Inquiry.id)
            .join(Referral, Referral.need_id == Need.id)
            .join(InformationGiven, InformationGiven.need_id == Need.id)
            .order_by(Inquiry.received_at.desc())
            .limit(1)
        )
        has_note = s.scalar(
            select(func.count())
            .select_from(InquiryNote)
            .where(InquiryNote.inquiry_id == inquiry_id)
        )
    assert inquiry_id is not None
    if not has_note:
        add_note(
            db,
            inquiry_id,
            "Rappeler le dirigeant après le comité d'engagement.",
            author_id=None,
            at=DEMO_NOW,
        )
    window.show_page("inquiries")
    page = window.page("inquiries")
    page.open_inquiry(inquiry_id)  # type: ignore[attr-defined]
    return window


def intake_sirene(window: MainWindow) -> QWidget:
    """The company type-ahead: directory hits, then a SIRENE establishment to add."""
    import time

    from tools.screenshots.directory_scenes import _demo_sirene_row

    assert window.ctx is not None
    _demo_sirene_row(window)
    dialog = IntakeDialog(window.ctx, window)
    dialog.confirm_abandon = False
    dialog.show()
    dialog.received_edit.setDateTime(to_qdatetime(DEMO_NOW))
    text = "mécanique de préc"
    dialog.company.search.line.setText(text)
    dialog.company.on_search_text_edited(text)
    deadline = time.monotonic() + 10
    while dialog.company._sirene[0] != text and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    QApplication.processEvents()
    return dialog
