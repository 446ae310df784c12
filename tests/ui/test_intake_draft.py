"""An intake in progress is kept as a draft and offered back at the next start."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from PySide6.QtCore import QDate, QSettings, Qt

import guichet.models as m
from guichet.db import Database
from guichet.models import Channel
from guichet.services.drafts import DraftFile
from guichet.services.intake_context import subject_choices
from tests.ui.answers import Answers, B
from tests.ui.windows import shown_window

from guichet.ui.context import AppContext
from guichet.ui.dialogs.intake_dialog import IntakeDialog
from guichet.ui.dialogs.intake_draft import AUTOSAVE_MS, draft_file
from guichet.ui.dialogs.intake_launcher import open_intake
from guichet.ui.main_window import MainWindow
from guichet.ui.widgets.qt_dates import to_qdatetime


def _company_with_contact(db: Database) -> tuple[int, int]:
    with db.unit_of_work() as s:
        org = m.Organization(legal_name="Hydrogène Lefebvre", city="Lillebonne")
        contact = m.Contact(first_name="Paul", last_name="Lefebvre", role="Gérant")
        org.contacts.append(contact)
        s.add(org)
        s.flush()
        return org.id, contact.id


def _open(qtbot, window: MainWindow) -> IntakeDialog:
    dialog = open_intake(window)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _tick(dialog: IntakeDialog) -> None:
    """The autosave timer fires (as it does every few seconds)."""
    assert dialog.draft_keeper.timer.isActive()
    dialog.draft_keeper.timer.timeout.emit()


def _type_walk_in(dialog: IntakeDialog) -> None:
    """A project holder without a company record: typed name, a new contact, two needs."""
    dialog.received_edit.setDateTime(to_qdatetime(datetime(2026, 12, 5, 9, 14)))
    dialog.channel_box.setCurrentIndex(dialog.channel_box.findData(Channel.PHONE))
    dialog.company.search.line.setText("Tôlerie des Falaises")
    dialog.contact.search.set_text("Marc Vasseur")
    dialog.contact.on_search_picked("new")
    dialog.contact.phone.setText("02 35 28 00 11")
    dialog.contact.email.setText("marc@tolerie.fr")
    choices = subject_choices(dialog.ctx.db)
    first = dialog.needs.rows[0]
    first.on_subject_field_picked(choices[0])
    first.description.setPlainText("Un prêt pour une presse plieuse")
    second = dialog.needs.add_need(focus=False)
    second.subject_field.set_text("recrut")  # typed, not yet picked
    second.description.setPlainText("Deux soudeurs")
    dialog.consent_box.setChecked(True)
    dialog.consent_date.setDate(QDate(2026, 12, 4))


def _restart(qtbot, ctx: AppContext, answers: Answers) -> MainWindow:
    """A new main window on the same data folder and database, as at the next start."""
    window = shown_window(qtbot, AppContext(db=ctx.db, paths=ctx.paths), QSettings())
    qtbot.waitUntil(lambda: "draftOfferBox" in answers.names())
    return window


def test_the_draft_is_written_by_the_timer_only_when_something_changed(
    qtbot, ctx: AppContext, qsettings: QSettings, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[object] = []
    write = DraftFile.write

    def counted(file: DraftFile, draft: object) -> None:
        writes.append(draft)
        write(file, draft)  # type: ignore[arg-type]

    monkeypatch.setattr(DraftFile, "write", counted)
    window = shown_window(qtbot, ctx, qsettings)
    dialog = _open(qtbot, window)
    assert dialog.draft_keeper.timer.interval() == AUTOSAVE_MS
    _tick(dialog)
    assert writes == [] and not draft_file(ctx).path.exists()  # nothing typed, no draft
    _type_walk_in(dialog)
    _tick(dialog)
    _tick(dialog)
    assert len(writes) == 1 and draft_file(ctx).path.exists()
    dialog.needs.rows[0].description.setPlainText("Un prêt pour deux presses")
    _tick(dialog)
    assert len(writes) == 2
    stored = draft_file(ctx).read()
    assert stored is not None and stored.needs[0].description == "Un prêt pour deux presses"


def test_after_a_crash_the_next_start_offers_the_walk_in_back_field_by_field(
    qtbot, ctx: AppContext, qsettings: QSettings, answers: Answers
) -> None:
    first = shown_window(qtbot, ctx, qsettings)
    typed = _open(qtbot, first)
    _type_walk_in(typed)
    _tick(typed)
    # The app dies here (no close, no question); the next start finds the draft.
    answers.answer = B.Yes
    window = _restart(qtbot, ctx, answers)
    offer = dict(answers.asked)["draftOfferBox"]
    assert "Tôlerie des Falaises" in offer and "05/12/2026" in offer
    qtbot.waitUntil(lambda: getattr(window, "intake_dialog", None) is not None)
    dialog = window.intake_dialog  # type: ignore[attr-defined]
    assert dialog is not typed
    assert dialog.received_at() == datetime(2026, 12, 5, 9, 14)
    assert dialog.channel_box.currentData() == Channel.PHONE
    assert dialog.company.search.text() == "Tôlerie des Falaises"
    assert dialog.contact.is_new()
    assert (dialog.contact.first_name.text(), dialog.contact.last_name.text()) == (
        "Marc",
        "Vasseur",
    )
    assert dialog.contact.phone.text() == "02 35 28 00 11"
    assert dialog.contact.email.text() == "marc@tolerie.fr"
    rows = dialog.needs.rows
    assert len(rows) == 2
    assert rows[0].subject == subject_choices(ctx.db)[0]
    assert rows[0].description.toPlainText() == "Un prêt pour une presse plieuse"
    assert rows[1].subject is None and rows[1].subject_field.text() == "recrut"
    assert rows[1].description.toPlainText() == "Deux soudeurs"
    assert dialog.consent_box.isChecked()
    assert dialog.consent_date.date().toPython() == date(2026, 12, 4)
    for form in (typed, dialog):  # nothing left to ask about when the test ends
        form.confirm_abandon = False


def test_a_chosen_company_contact_and_resources_come_back(
    qtbot, ctx: AppContext, qsettings: QSettings, answers: Answers
) -> None:
    org_id, contact_id = _company_with_contact(ctx.db)
    choice = subject_choices(ctx.db)[0]
    with ctx.db.unit_of_work() as s:
        sheet = m.Resource(title="Fiche prêt d'honneur", theme_id=choice.theme_id)
        s.add(sheet)
        s.flush()
        sheet_id = sheet.id
    first = shown_window(qtbot, ctx, qsettings)
    typed = _open(qtbot, first)
    typed.company.choose(org_id, "Hydrogène Lefebvre — Lillebonne")
    picked = next(c for c in typed.contact.contacts if c.id == contact_id)
    typed.contact.on_search_picked(picked)
    typed.needs.rows[0].on_subject_field_picked(choice)
    typed.needs.rows[0].resources.item(0).setCheckState(Qt.CheckState.Checked)
    _tick(typed)
    typed.confirm_abandon = False
    answers.answer = B.Yes
    window = _restart(qtbot, ctx, answers)
    qtbot.waitUntil(lambda: getattr(window, "intake_dialog", None) is not None)
    dialog = window.intake_dialog  # type: ignore[attr-defined]
    assert dialog.company.organization_id == org_id
    assert "Hydrogène Lefebvre" in dialog.company.chosen_label.text()
    assert dialog.contact.contact_id() == contact_id
    resources = dialog.needs.rows[0].resources
    assert resources.item(0).data(Qt.ItemDataRole.UserRole) == sheet_id
    assert resources.item(0).checkState() == Qt.CheckState.Checked
    assert dialog.draft().organization_id == org_id  # ready to save as it was
    dialog.confirm_abandon = False


def test_saving_the_inquiry_removes_its_draft(
    qtbot, ctx: AppContext, qsettings: QSettings, answers: Answers
) -> None:
    org_id, _contact_id = _company_with_contact(ctx.db)
    window = shown_window(qtbot, ctx, qsettings)
    dialog = _open(qtbot, window)
    dialog.company.choose(org_id, "Hydrogène Lefebvre")
    dialog.needs.rows[0].on_subject_field_picked(subject_choices(ctx.db)[0])
    _tick(dialog)
    assert draft_file(ctx).path.exists()
    assert dialog.save() is not None
    assert not draft_file(ctx).path.exists()
    with ctx.db.unit_of_work() as s:
        assert s.scalars(select(m.Inquiry.organization_id)).all() == [org_id]


def test_abandoning_on_purpose_removes_the_draft(
    qtbot, ctx: AppContext, qsettings: QSettings, answers: Answers
) -> None:
    window = shown_window(qtbot, ctx, qsettings)
    dialog = _open(qtbot, window)
    dialog.company.search.line.setText("Tôlerie des Falaises")
    _tick(dialog)
    answers.answer = B.No  # « Abandonner cette demande ? » — Non: kept
    dialog.reject()
    assert dialog.isVisible() and draft_file(ctx).path.exists()
    answers.answer = B.Yes
    dialog.reject()
    assert not draft_file(ctx).path.exists()


def test_a_draft_refused_at_start_is_removed(
    qtbot, ctx: AppContext, qsettings: QSettings, answers: Answers
) -> None:
    first = shown_window(qtbot, ctx, qsettings)
    typed = _open(qtbot, first)
    typed.company.search.line.setText("Tôlerie des Falaises")
    _tick(typed)
    typed.confirm_abandon = False
    answers.answer = B.Discard
    window = _restart(qtbot, ctx, answers)
    assert getattr(window, "intake_dialog", None) is None
    assert not draft_file(ctx).path.exists()


def test_an_intake_closed_untouched_leaves_another_draft_alone(
    qtbot, ctx: AppContext, qsettings: QSettings, answers: Answers
) -> None:
    window = shown_window(qtbot, ctx, qsettings)
    dialog = _open(qtbot, window)
    other = draft_file(ctx)  # e.g. written meanwhile by a second Guichet on the same base
    other.path.parent.mkdir(parents=True, exist_ok=True)
    other.path.write_text("{}", encoding="utf-8")
    dialog.reject()  # nothing typed: closes without a question
    assert answers.asked == []
    assert other.path.read_text(encoding="utf-8") == "{}"


def test_a_company_halfway_created_and_a_new_contact_come_back_field_by_field(
    qtbot, ctx: AppContext, qsettings: QSettings, answers: Answers
) -> None:
    first = shown_window(qtbot, ctx, qsettings)
    typed = _open(qtbot, first)
    company = typed.company
    company.search.line.setText("Tôlerie des Falaises")
    company.on_search_picked("create")  # « + Créer l'entreprise … »
    panel = company.panel
    assert panel.isVisible()
    panel.name_edit.setText("Tôlerie des Falaises SAS")
    panel.siret_edit.setText("732 829 320 00074")
    panel.street_edit.setText("12 rue des Falaises")
    panel.postal_edit.setText("76400")
    communes = [panel.commune_box.itemText(i) for i in range(panel.commune_box.count())]
    assert len(communes) > 1  # the test must pick one that is not the first proposed
    panel.commune_box.setCurrentIndex(1)
    panel.on_naf_field_picked("25.62B")
    typed.contact.search.set_text("Marc Vasseur")
    typed.contact.on_search_picked("new")
    typed.contact.civility.setCurrentIndex(typed.contact.civility.findData("M."))
    typed.contact.phone.setText("02 35 28 00 11")
    typed.contact.email.setText("marc@tolerie.fr")
    typed.contact.role.setText("Gérant")
    _tick(typed)
    typed.confirm_abandon = False
    answers.answer = B.Yes
    window = _restart(qtbot, ctx, answers)
    assert "Tôlerie des Falaises SAS" in dict(answers.asked)["draftOfferBox"]
    qtbot.waitUntil(lambda: getattr(window, "intake_dialog", None) is not None)
    dialog = window.intake_dialog  # type: ignore[attr-defined]
    panel = dialog.company.panel
    assert panel.isVisible() and not dialog.company.search.isVisible()
    assert dialog.company.organization_id is None
    assert panel.name_edit.text() == "Tôlerie des Falaises SAS"
    assert panel.siret_edit.text() == "732 829 320 00074"
    assert not panel.without_siret.isChecked()
    assert panel.street_edit.text() == "12 rue des Falaises"
    assert panel.postal_edit.text() == "76400"
    assert panel.commune_box.currentText() == communes[1]
    assert panel.draft().commune_insee  # a listed commune, not free text
    assert panel.naf_code == "25.62B" and panel.naf_label.text()
    contact = dialog.contact
    assert contact.is_new()
    assert contact.civility.currentData() == "M."
    assert (contact.first_name.text(), contact.last_name.text()) == ("Marc", "Vasseur")
    assert contact.phone.text() == "02 35 28 00 11"
    assert contact.email.text() == "marc@tolerie.fr"
    assert contact.role.text() == "Gérant"
    dialog.confirm_abandon = False


def test_a_company_without_siret_and_a_typed_naf_come_back(
    qtbot, ctx: AppContext, qsettings: QSettings, answers: Answers
) -> None:
    first = shown_window(qtbot, ctx, qsettings)
    typed = _open(qtbot, first)
    typed.company.search.line.setText("Projet Dubosc")
    typed.company.on_search_picked("without_siret")
    panel = typed.company.panel
    assert panel.without_siret.isChecked()
    panel.postal_edit.setText("76400")
    panel.commune_box.setEditText("Hameau des Loges")  # typed, not in the list
    panel.naf_field.set_text("usinag")  # typed, not picked
    _tick(typed)
    typed.confirm_abandon = False
    answers.answer = B.Yes
    window = _restart(qtbot, ctx, answers)
    qtbot.waitUntil(lambda: getattr(window, "intake_dialog", None) is not None)
    panel = window.intake_dialog.company.panel  # type: ignore[attr-defined]
    assert panel.isVisible()
    assert panel.name_edit.text() == "Projet Dubosc"
    assert panel.without_siret.isChecked() and not panel.siret_edit.isEnabled()
    assert panel.street_edit.text() == ""
    assert panel.commune_box.currentText() == "Hameau des Loges"
    assert panel.naf_code == "" and panel.naf_field.text() == "usinag"
    window.intake_dialog.confirm_abandon = False  # type: ignore[attr-defined]
