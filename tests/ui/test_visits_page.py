"""The « Visites » page and its two dialogs on the demo data: the list (planned first), planning
a visit with the company type-ahead widget, recording it with the questionnaire, and « Besoin
exprimé » opening « Nouvelle demande » filled in for the company."""

from __future__ import annotations

from datetime import datetime

import pytest

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from guichet.models import Channel, VisitStatus
from guichet.services.visits import VisitService
from tests.conftest import DEMO_NOW

from guichet.ui.context import AppContext
from guichet.ui.dialogs.intake_dialog import IntakeDialog
from guichet.ui.dialogs.intake_draft import restore
from guichet.ui.dialogs.visit_intake import visit_draft
from guichet.ui.dialogs.visit_plan_dialog import VisitPlanDialog
from guichet.ui.dialogs.visit_record_dialog import VisitRecordDialog
from guichet.ui.pages.visits import VisitsPage
from guichet.ui.table_model import ROW_ROLE


@pytest.fixture
def page(qtbot, demo_ctx: AppContext) -> VisitsPage:
    widget = VisitsPage(demo_ctx, now=lambda: DEMO_NOW)
    qtbot.addWidget(widget)
    return widget


def _rows(page: VisitsPage) -> list:
    return [page.proxy.index(r, 0).data(ROW_ROLE) for r in range(page.proxy.rowCount())]


def test_lists_planned_visits_first_then_the_year(page: VisitsPage, qtmodeltester) -> None:
    qtmodeltester.check(page.model)
    rows = _rows(page)
    assert len(rows) >= 25
    planned = [r for r in rows if r.status == VisitStatus.PLANNED]
    assert rows[: len(planned)] == planned
    assert [r.planned_at for r in planned] == sorted(r.planned_at for r in planned)
    assert any(r.risks for r in rows)
    assert page.current is not None and "Visite" not in page.detail_label.text()[:0]
    page.status_box.setCurrentIndex(page.status_box.findData(VisitStatus.DONE))
    qtmodeltester.check(page.model)
    assert {r.status for r in _rows(page)} == {VisitStatus.DONE}
    assert "Effectif aujourd'hui" in page.detail_label.text()
    assert page.record_button.isEnabled() and not page.cancel_button.isEnabled()
    page.status_box.setCurrentIndex(0)
    page.upcoming_box.setChecked(True)
    assert {r.status for r in _rows(page)} == {VisitStatus.PLANNED}


def test_planning_a_visit(qtbot, page: VisitsPage, message_boxes: list[str]) -> None:
    dialog = page.plan_dialog(None)
    assert isinstance(dialog, VisitPlanDialog)
    qtbot.addWidget(dialog)
    dialog.on_buttons_accepted()  # no company yet
    assert message_boxes == ["Choisissez l'entreprise à visiter."]
    target = _rows(page)[0]
    dialog.company.choose(target.organization_id, target.organization)
    assert dialog.contact_box.count() >= 1
    dialog.when_edit.setDateTime(dialog.when_edit.dateTime().addDays(3))
    dialog.partners_list.item(0).setCheckState(dialog.partners_list.item(0).checkState().Checked)
    assert dialog.has_unsaved_changes()
    with qtbot.waitSignal(dialog.visit_saved):
        dialog.on_buttons_accepted()
    saved = dialog.saved
    assert saved is not None and saved.status == VisitStatus.PLANNED and len(saved.partners) == 1
    assert page.current is not None and page.current.id == saved.id  # selected in the list


def test_recording_a_visit_with_the_questionnaire(
    qtbot, page: VisitsPage, message_boxes: list[str]
) -> None:
    planned = next(r for r in _rows(page) if r.status == VisitStatus.PLANNED)
    visit = VisitService(page.ctx.db).get(planned.id)
    dialog = VisitRecordDialog(page.ctx, visit, page)
    qtbot.addWidget(dialog)
    fields = dialog.fields
    assert isinstance(fields["effectif_actuel"], QLineEdit)
    assert isinstance(fields["depart_envisage"], QComboBox)
    assert isinstance(fields["investissements"], QPlainTextEdit)
    dialog.show()
    qtbot.waitExposed(dialog)
    for widget in fields.values():  # named by their question, for a screen reader
        assert widget.accessibleName(), widget.objectName()
    assert fields["effectif_actuel"].accessibleName().startswith("Effectif aujourd'hui")
    dialog.on_buttons_accepted()
    assert message_boxes == ["La réponse à « Effectif aujourd'hui » est obligatoire."]
    assert dialog.focusWidget() is fields["effectif_actuel"]
    fields["effectif_actuel"].setText("35")
    locaux = fields["locaux"]
    assert isinstance(locaux, QComboBox)
    locaux.setCurrentIndex(locaux.findData("locataire"))
    depart = fields["depart_envisage"]
    assert isinstance(depart, QComboBox)
    depart.setCurrentIndex(depart.findData("oui"))
    with qtbot.waitSignal(dialog.visit_saved):
        dialog.on_buttons_accepted()
    assert dialog.saved is not None and dialog.saved.status == VisitStatus.DONE
    assert dialog.saved.risks == ("Départ envisagé",)


def test_a_need_heard_during_a_visit_opens_the_intake_prefilled(qtbot, page: VisitsPage) -> None:
    row = next(r for r in _rows(page) if r.status == VisitStatus.DONE)
    visit = VisitService(page.ctx.db).get(row.id)
    intake = IntakeDialog(page.ctx)
    qtbot.addWidget(intake)
    intake.confirm_abandon = False
    restore(intake, visit_draft(visit, datetime(2026, 11, 20, 11, 0)))
    assert intake.channel_box.currentData() == Channel.VISIT
    assert intake.company.organization_id == visit.organization_id
    if visit.contact_id is not None:
        assert intake.contact.contact_id() == visit.contact_id
    intake.draft_keeper.discard()


def test_besoin_exprime_from_the_record_form(qtbot, demo_ctx: AppContext, qsettings) -> None:
    from tests.ui.windows import shown_window

    window = shown_window(qtbot, demo_ctx, qsettings)
    window.show_page("visits")
    page = window.page("visits")
    assert isinstance(page, VisitsPage)
    record = page.on_record_button_clicked()
    assert isinstance(record, VisitRecordDialog)
    record.need_button.click()
    intake = window.intake_dialog  # type: ignore[attr-defined]
    assert isinstance(intake, IntakeDialog)
    intake.confirm_abandon = False
    assert intake.channel_box.currentData() == Channel.VISIT
    assert intake.company.organization_id == record.visit.organization_id
    assert intake.focusWidget().objectName() == "needSubject1Line"  # the need comes next
    intake.close()
    record.close()


def test_risk_signals_on_accueil_and_on_the_card(
    qtbot, demo_ctx: AppContext, qtmodeltester
) -> None:
    from guichet.ui.pages.home import HomePage
    from guichet.ui.pages.organization_panel import OrganizationPanel

    home = HomePage(demo_ctx, now=lambda: DEMO_NOW)
    qtbot.addWidget(home)
    risky = VisitService(demo_ctx.db).risk_companies()
    assert len(risky) >= 3
    qtmodeltester.check(home.risk_view.model_rows)
    assert home.risk_view.model_rows.rowCount() == len(risky)
    assert home.referral_tabs.tabText(2) == f"Entreprises à risque ({len(risky)})"

    panel = OrganizationPanel(demo_ctx)
    qtbot.addWidget(panel)
    panel.show_organization(risky[0].organization_id)
    assert panel.risk_flag.isVisibleTo(panel)
    assert risky[0].signals[0] in panel.risk_flag.text()
    calm = next(
        r.organization_id
        for r in VisitService(demo_ctx.db).visits()
        if r.organization_id not in {x.organization_id for x in risky}
    )
    panel.show_organization(calm)
    assert not panel.risk_flag.isVisibleTo(panel)


def test_answers_typed_are_not_dropped_by_escape(qtbot, page: VisitsPage, answers) -> None:
    from PySide6.QtWidgets import QMessageBox

    planned = next(r for r in _rows(page) if r.status == VisitStatus.PLANNED)
    dialog = VisitRecordDialog(page.ctx, VisitService(page.ctx.db).get(planned.id), page)
    qtbot.addWidget(dialog)
    dialog.show()
    field = dialog.fields["effectif_actuel"]
    assert isinstance(field, QLineEdit)
    field.setText("12")
    answers.answer = QMessageBox.StandardButton.Cancel
    dialog.reject()
    assert dialog.isVisible() and field.text() == "12"  # « Annuler »: stays, typing kept
    assert answers.names() == ["unsavedChangesBox"]
    answers.answer = QMessageBox.StandardButton.Discard
    dialog.reject()
    assert not dialog.isVisible()
    assert VisitService(page.ctx.db).get(planned.id).status == VisitStatus.PLANNED
