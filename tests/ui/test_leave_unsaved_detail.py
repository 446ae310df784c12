"""Choosing another inquiry or resource while the form beside the list holds unsaved input asks
« Enregistrer / Ne pas enregistrer / Annuler » first; « Annuler » keeps the row and the typing."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

import guichet.models as m
from guichet.services.inquiry_detail import inquiry_detail
from guichet.services.resources import ResourceDraft, list_resources, save_resource
from tests.ui.answers import Answers, B

from guichet.ui.context import AppContext
from guichet.ui.pages.inquiries import InquiriesPage
from guichet.ui.pages.resources import ResourcesPage
from guichet.ui.table_model import ROW_ROLE


def _inquiries(qtbot, ctx: AppContext) -> InquiriesPage:
    page = InquiriesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: not page.is_loading())  # the first rows are read on a worker
    return page


def _choose_row(page: InquiriesPage | ResourcesPage, row: int) -> None:
    """What a click or an arrow key does: the row becomes current and selected."""
    view = page.view
    view.selectionModel().setCurrentIndex(
        view.model().index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def _typed_inquiry(qtbot, demo_ctx: AppContext) -> tuple[InquiriesPage, int, int]:
    page = _inquiries(qtbot, demo_ctx)
    _choose_row(page, 0)
    first = page.model.row_at(0)
    second = page.model.row_at(1)
    assert first is not None and second is not None
    assert page.detail.inquiry_id == first.id
    page.detail.edit_form.summary_edit.setPlainText("Rappeler jeudi pour le prêt")
    page.detail.note_edit.setPlainText("Dossier complet reçu")
    return page, first.id, second.id


def test_cancel_keeps_the_inquiry_its_row_and_what_was_typed(
    qtbot, demo_ctx: AppContext, answers: Answers
) -> None:
    page, first, _second = _typed_inquiry(qtbot, demo_ctx)
    answers.answer = B.Cancel
    _choose_row(page, 1)
    qtbot.waitUntil(lambda: bool(answers.asked))
    assert answers.names() == ["unsavedChangesBox"]  # one « Annuler » ends the questions
    assert page.detail.inquiry_id == first
    assert page.view.currentIndex().row() == 0
    assert [i.row() for i in page.view.selectionModel().selectedRows()] == [0]
    assert page.detail.edit_form.summary_edit.toPlainText() == "Rappeler jeudi pour le prêt"
    assert page.detail.note_edit.toPlainText() == "Dossier complet reçu"
    assert inquiry_detail(demo_ctx.db, first).summary != "Rappeler jeudi pour le prêt"


def test_save_records_both_then_shows_the_chosen_inquiry(
    qtbot, demo_ctx: AppContext, answers: Answers
) -> None:
    page, first, second = _typed_inquiry(qtbot, demo_ctx)
    answers.answer = B.Save
    _choose_row(page, 1)
    qtbot.waitUntil(lambda: page.detail.inquiry_id == second)
    assert answers.names() == ["unsavedChangesBox", "unsavedChangesBox"]  # fields, then note
    saved = inquiry_detail(demo_ctx.db, first)
    assert saved.summary == "Rappeler jeudi pour le prêt"
    assert any("Dossier complet reçu" in e.text for e in saved.timeline)
    assert page.model.row_at(page.view.currentIndex().row()).id == second  # type: ignore[union-attr]
    assert page.detail.note_edit.toPlainText() == ""
    assert (
        page.detail.edit_form.summary_edit.toPlainText()
        == inquiry_detail(demo_ctx.db, second).summary
    )


def test_dont_save_drops_the_typing_and_shows_the_chosen_inquiry(
    qtbot, demo_ctx: AppContext, answers: Answers
) -> None:
    page, first, second = _typed_inquiry(qtbot, demo_ctx)
    before = inquiry_detail(demo_ctx.db, first)
    answers.answer = B.Discard
    _choose_row(page, 1)
    qtbot.waitUntil(lambda: page.detail.inquiry_id == second)
    assert len(answers.asked) == 2
    assert page.detail.note_edit.toPlainText() == ""  # the note is not carried to another one
    after = inquiry_detail(demo_ctx.db, first)
    assert (after.summary, len(after.timeline)) == (before.summary, len(before.timeline))


def test_nothing_typed_moves_at_once_without_a_question(
    qtbot, demo_ctx: AppContext, answers: Answers
) -> None:
    page = _inquiries(qtbot, demo_ctx)
    _choose_row(page, 0)
    _choose_row(page, 1)
    second = page.model.row_at(1)
    assert second is not None and page.detail.inquiry_id == second.id
    assert answers.asked == []


def _resources(qtbot, ctx: AppContext) -> tuple[ResourcesPage, list[int]]:
    for title in ("Fiche A — prêt d'honneur", "Fiche B — recrutement"):
        save_resource(ctx.db, ResourceDraft(title=title, kind=m.ResourceKind.SHEET))
    page = ResourcesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    ids = [page.proxy.index(r, 0).data(ROW_ROLE).id for r in range(2)]
    _choose_row(page, 0)
    assert page.current is not None and page.current.id == ids[0]
    page.title_edit.setText("Fiche A — prêt d'honneur 2027")
    return page, ids


def test_cancel_keeps_the_resource_its_row_and_the_typed_title(
    qtbot, ctx: AppContext, answers: Answers
) -> None:
    page, ids = _resources(qtbot, ctx)
    answers.answer = B.Cancel
    _choose_row(page, 1)
    qtbot.waitUntil(lambda: bool(answers.asked))
    assert page.current is not None and page.current.id == ids[0]
    assert page.view.currentIndex().row() == 0
    assert page.title_edit.text() == "Fiche A — prêt d'honneur 2027"
    answers.asked.clear()
    page.new_button.click()  # « Nouvelle ressource » asks the same
    assert answers.names() == ["unsavedChangesBox"]
    assert page.title_edit.text() == "Fiche A — prêt d'honneur 2027"


def test_save_records_the_resource_then_shows_the_chosen_one(
    qtbot, ctx: AppContext, answers: Answers
) -> None:
    page, ids = _resources(qtbot, ctx)
    answers.answer = B.Save
    _choose_row(page, 1)
    qtbot.waitUntil(lambda: page.current is not None and page.current.id == ids[1])
    assert answers.names() == ["unsavedChangesBox"]
    titles = {r.id: r.title for r in list_resources(ctx.db)}
    assert titles[ids[0]] == "Fiche A — prêt d'honneur 2027"
    assert page.title_edit.text() == titles[ids[1]]
    assert page.proxy.index(page.view.currentIndex().row(), 0).data(ROW_ROLE).id == ids[1]


def test_dont_save_shows_the_chosen_resource_and_keeps_the_stored_one(
    qtbot, ctx: AppContext, answers: Answers
) -> None:
    page, ids = _resources(qtbot, ctx)
    answers.answer = B.Discard
    _choose_row(page, 1)
    qtbot.waitUntil(lambda: page.current is not None and page.current.id == ids[1])
    assert {r.id: r.title for r in list_resources(ctx.db)}[ids[0]] == "Fiche A — prêt d'honneur"
