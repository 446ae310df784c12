"""Closing the app never loses what is typed: every open form with unsaved input is asked about,
and « Annuler » (or a save refused) keeps the app and the form open with the input intact."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from PySide6.QtCore import QSettings

import guichet.models as m
from guichet.services.followups import due_referrals
from guichet.services.intake import IntakeDraft, NeedDraft, create_inquiry
from guichet.services.intake_context import subject_choices
from guichet.services.referrals import ReferralService
from guichet.services.resources import list_resources
from tests.services.intake_helpers import NOW, make_company, subject_ids
from tests.ui.answers import Answers, B
from tests.ui.windows import shown_window

from guichet.ui.context import AppContext
from guichet.ui.dialogs.contact_dialog import ContactDialog
from guichet.ui.dialogs.follow_up_dialog import FollowUpDialog
from guichet.ui.dialogs.intake_dialog import IntakeDialog
from guichet.ui.dialogs.intake_launcher import open_intake
from guichet.ui.dialogs.organization_dialog import OrganizationDialog
from guichet.ui.dialogs.referral_status_dialog import ReferralStatusDialog
from guichet.ui.dialogs.settings import SettingsDialog
from guichet.ui.main_window import MainWindow


def _intake_typed(qtbot, window: MainWindow) -> IntakeDialog:
    """Ctrl+N, a company typed, a need picked with its description."""
    dialog = open_intake(window)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.company.search.line, "Tolerie des Falaises")
    row = dialog.needs.rows[0]
    row.on_subject_field_picked(subject_choices(window.ctx.db)[0])  # type: ignore[union-attr]
    row.description.setPlainText("Une presse plieuse à financer")
    return dialog


def _inquiry_count(ctx: AppContext) -> int:
    with ctx.db.unit_of_work() as s:
        return int(s.scalar(select(func.count()).select_from(m.Inquiry)) or 0)


def test_annuler_keeps_the_app_and_the_intake_open_with_its_input(
    qtbot, ctx: AppContext, qsettings: QSettings, answers: Answers
) -> None:
    window = shown_window(qtbot, ctx, qsettings)
    dialog = _intake_typed(qtbot, window)
    window.activateWindow()  # the counsellor clicked the main window, then Alt+F4
    answers.answer = B.Cancel
    assert not window.close()
    assert answers.names() == ["unsavedChangesBox"]
    assert window.isVisible() and dialog.isVisible()
    assert dialog.company.search.text() == "Tolerie des Falaises"
    assert dialog.needs.rows[0].description.toPlainText() == "Une presse plieuse à financer"
    assert _inquiry_count(ctx) == 0
    answers.answer = B.Discard  # so that the test's window closes


def test_enregistrer_saves_the_intake_then_closes(
    qtbot, ctx: AppContext, qsettings: QSettings, answers: Answers
) -> None:
    window = shown_window(qtbot, ctx, qsettings)
    dialog = _intake_typed(qtbot, window)
    dialog.company.search.set_text("")
    dialog.company.on_search_picked("without_siret")
    dialog.company.panel.name_edit.setText("Projet de création Martin")
    assert dialog.company.panel.create_company() is not None
    answers.answer = B.Save
    assert window.close()
    assert _inquiry_count(ctx) == 1
    assert not window.isVisible()


def test_a_refused_save_keeps_the_app_open(
    qtbot, ctx: AppContext, qsettings: QSettings, answers: Answers
) -> None:
    window = shown_window(qtbot, ctx, qsettings)
    dialog = _intake_typed(qtbot, window)  # no company chosen: the service refuses it
    answers.answer = B.Save
    assert not window.close()
    assert window.isVisible() and dialog.isVisible()
    assert len(answers.asked) == 2  # the question, then the French reason of the refusal
    assert dialog.company.search.text() == "Tolerie des Falaises"
    answers.answer = B.Discard  # so that the test's window closes


def test_ne_pas_enregistrer_closes_without_asking_again(
    qtbot, ctx: AppContext, qsettings: QSettings, answers: Answers
) -> None:
    window = shown_window(qtbot, ctx, qsettings)
    dialog = _intake_typed(qtbot, window)
    answers.answer = B.Discard
    assert window.close()
    assert not dialog.has_unsaved_changes()
    dialog.close()  # Qt closing the dialog after the window: no « Abandonner ? » now
    assert answers.names() == ["unsavedChangesBox"]
    assert _inquiry_count(ctx) == 0


def test_nothing_typed_closes_without_a_question(
    qtbot, ctx: AppContext, qsettings: QSettings, answers: Answers
) -> None:
    window = shown_window(qtbot, ctx, qsettings)
    open_intake(window)
    organization = OrganizationDialog(ctx, None, window)
    organization.show()
    assert window.close()
    assert answers.asked == []


def test_every_open_form_is_asked_about_before_closing(
    qtbot, ctx: AppContext, qsettings: QSettings, answers: Answers
) -> None:
    organization_id = make_company(ctx.db, "Forges de Bolbec")
    window = shown_window(qtbot, ctx, qsettings)
    organization = OrganizationDialog(ctx, None, window)
    organization.edits["legal_name"].setText("Chaudronnerie Leroux")
    organization.show()
    contact = ContactDialog(ctx, organization_id, None, window)
    contact.edits["last_name"].setText("Vasseur")
    contact.show()
    settings = SettingsDialog(ctx, window)
    settings.agency_edits["agency.name"].setText("CCI Caux Seine")
    settings.show()
    answers.answer = B.Cancel
    assert not window.close()
    assert len(answers.asked) == 1  # the first « Annuler » stops there
    assert window.isVisible()
    answers.asked.clear()
    answers.answer = B.Discard
    assert window.close()
    texts = " ".join(text for _name, text in answers.asked)
    assert len(answers.asked) == 3
    assert "Nouvelle organisation" in texts and "Nouveau contact" in texts
    assert "Paramètres" in texts


def test_enregistrer_saves_each_form_dialog(
    qtbot, ctx: AppContext, qsettings: QSettings, answers: Answers
) -> None:
    window = shown_window(qtbot, ctx, qsettings)
    organization = OrganizationDialog(ctx, None, window)
    organization.edits["legal_name"].setText("Chaudronnerie Leroux")
    organization.show()
    answers.answer = B.Save
    assert window.close()
    with ctx.db.unit_of_work() as s:
        names = s.scalars(select(m.Organization.legal_name)).all()
    assert names == ["Chaudronnerie Leroux"]


def _inquiry(ctx: AppContext) -> int:
    return create_inquiry(
        ctx.db,
        IntakeDraft(
            received_at=NOW,
            needs=(NeedDraft(subject_ids(ctx.db, 1)[0], "Un prêt"),),
            organization_id=make_company(ctx.db),
        ),
    ).id


def test_the_inquiry_detail_form_is_shown_and_asked_about(
    qtbot, ctx: AppContext, qsettings: QSettings, answers: Answers
) -> None:
    inquiry_id = _inquiry(ctx)
    window = shown_window(qtbot, ctx, qsettings)
    window.open_inquiry(inquiry_id)
    form = window.page("inquiries").detail.edit_form  # type: ignore[attr-defined]
    form.summary_edit.setPlainText("Rappel prévu jeudi")
    window.show_page("home")
    answers.answer = B.Cancel
    assert not window.close()
    assert window.current_page_key() == "inquiries"  # brought on screen to be seen
    assert form.summary_edit.toPlainText() == "Rappel prévu jeudi"
    answers.answer = B.Save
    assert window.close()
    with ctx.db.unit_of_work() as s:
        assert s.get(m.Inquiry, inquiry_id).summary == "Rappel prévu jeudi"  # type: ignore[union-attr]


def test_a_note_typed_but_not_added_is_asked_about(
    qtbot, ctx: AppContext, qsettings: QSettings, answers: Answers
) -> None:
    inquiry_id = _inquiry(ctx)
    window = shown_window(qtbot, ctx, qsettings)
    window.open_inquiry(inquiry_id)
    panel = window.page("inquiries").detail  # type: ignore[attr-defined]
    panel.note_edit.setPlainText("Rappeler le dirigeant jeudi")
    answers.answer = B.Cancel
    assert not window.close()
    assert panel.note_edit.toPlainText() == "Rappeler le dirigeant jeudi"
    answers.answer = B.Save
    assert window.close()
    with ctx.db.unit_of_work() as s:
        assert s.scalars(select(m.InquiryNote.text)).all() == ["Rappeler le dirigeant jeudi"]


def test_a_resource_being_edited_is_asked_about(
    qtbot, ctx: AppContext, qsettings: QSettings, answers: Answers
) -> None:
    window = shown_window(qtbot, ctx, qsettings)
    window.show_page("resources")
    page = window.page("resources")
    assert not page.has_unsaved_changes()  # type: ignore[attr-defined]  # nothing typed yet
    page.title_edit.setText("Fiche Initiative Caux Seine")  # type: ignore[attr-defined]
    page.theme_box.setCurrentIndex(1)  # type: ignore[attr-defined]
    answers.answer = B.Save
    assert window.close()
    assert [r.title for r in list_resources(ctx.db)] == ["Fiche Initiative Caux Seine"]


def test_a_follow_up_note_and_a_status_reason_are_asked_about(
    qtbot, demo_ctx: AppContext, qsettings: QSettings, answers: Answers
) -> None:
    row = due_referrals(demo_ctx.db, date(2026, 11, 20))[0].referral
    before = len(ReferralService(demo_ctx.db).events(row.id))
    window = shown_window(qtbot, demo_ctx, qsettings)
    dialog = FollowUpDialog(demo_ctx, row, "call", window)
    dialog.show()
    dialog.note_edit.setPlainText("Message laissé à l'accueil")
    status = ReferralStatusDialog(demo_ctx, row, window)
    status.show()
    status.note_edit.setPlainText("Le partenaire ne traite pas ce secteur")
    answers.answer = B.Cancel
    assert not window.close()
    assert dialog.isVisible() and status.isVisible()
    answers.answer = B.Discard
    assert window.close()
    assert answers.names() == ["unsavedChangesBox"] * 3
    assert len(ReferralService(demo_ctx.db).events(row.id)) == before
