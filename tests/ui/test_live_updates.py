"""A colleague's save (another Database on the same file or server) shows by itself: the page
on screen reloads, keeps its selection and what is typed; a form whose record changed shows it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import guichet.models as m
from guichet.db import Database
from guichet.services.intake import IntakeDraft, NeedDraft, create_inquiry
from tests.services.intake_helpers import NOW, make_company, subject_ids
from tests.ui.windows import shown_window

from guichet.ui.context import AppContext
from guichet.ui.main_window import MainWindow
from guichet.ui.pages.inquiries import InquiriesPage


def _inquiry(db: Database, summary: str) -> int:
    created = create_inquiry(
        db,
        IntakeDraft(
            received_at=NOW,
            needs=(NeedDraft(subject_ids(db, 1)[0], "besoin"),),
            organization_id=make_company(db),
            summary=summary,
        ),
        now=NOW,
    )
    return created.id


@pytest.fixture
def team(portable_db: Database, paths) -> Iterator[tuple[AppContext, Database]]:
    """This window's context and a colleague's handle on the same database."""
    colleague = Database(portable_db.url)
    yield AppContext(db=portable_db, paths=paths), colleague
    colleague.dispose()


def _colleague_sets_summary(colleague: Database, inquiry_id: int, summary: str) -> None:
    with colleague.unit_of_work() as s:
        inquiry = s.get(m.Inquiry, inquiry_id)
        assert inquiry is not None
        inquiry.summary = summary


def _inquiries(qtbot, window: MainWindow, inquiry_id: int) -> InquiriesPage:
    window.open_inquiry(inquiry_id)
    page = window.page("inquiries")
    assert isinstance(page, InquiriesPage)
    qtbot.waitUntil(lambda: page.detail.inquiry_id == inquiry_id)
    return page


def test_the_shown_inquiry_follows_a_colleague_save_and_stays_selected(
    qtbot, team, qsettings
) -> None:
    ctx, colleague = team
    first = _inquiry(ctx.db, "Reprise d'un atelier")
    second = _inquiry(ctx.db, "Recrutement")
    window = shown_window(qtbot, ctx, qsettings)
    page = _inquiries(qtbot, window, first)
    qtbot.wait(700)  # the watcher has its starting point
    _colleague_sets_summary(colleague, first, "Reprise d'un atelier de tôlerie")
    summary = page.detail.edit_form.summary_edit
    qtbot.waitUntil(
        lambda: summary.toPlainText() == "Reprise d'un atelier de tôlerie", timeout=5000
    )
    assert page.detail.inquiry_id == first
    selected = page.model.row_at(page.view.currentIndex().row())
    assert selected is not None and selected.id == first
    assert not page.detail.edit_form.changed_banner.isVisibleTo(page)  # nothing typed: no news
    assert second != first


def test_a_form_being_typed_keeps_its_input_and_shows_the_change(
    qtbot, team, qsettings, message_boxes
) -> None:
    ctx, colleague = team
    first = _inquiry(ctx.db, "Reprise d'un atelier")
    window = shown_window(qtbot, ctx, qsettings)
    page = _inquiries(qtbot, window, first)
    form = page.detail.edit_form
    form.summary_edit.setPlainText("Ma note en cours")
    qtbot.wait(700)
    with colleague.unit_of_work() as s:
        inquiry = s.get(m.Inquiry, first)
        assert inquiry is not None
        inquiry.channel = m.Channel.PHONE
    qtbot.waitUntil(lambda: form.changed_banner.isVisibleTo(page), timeout=5000)
    assert form.summary_edit.toPlainText() == "Ma note en cours"
    assert form.channel_box.currentData() == m.Channel.PHONE  # their change, in a field left alone
    assert "channel" in form.changed_banner.text()
    assert form.save()  # the save goes through: what was typed, over their new version
    assert not form.changed_banner.isVisibleTo(page)


def test_home_counts_a_colleague_inquiry_and_other_pages_reload_when_shown(
    qtbot, team, qsettings
) -> None:
    ctx, colleague = team
    _inquiry(ctx.db, "Reprise d'un atelier")
    window = shown_window(qtbot, ctx, qsettings)
    window.show_page("inquiries")
    window.show_page("home")
    home = window.page("home")
    card = home.cards["open_inquiries"].value  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: card.text() == "1")
    qtbot.wait(700)
    _inquiry(colleague, "Recrutement")
    qtbot.waitUntil(lambda: card.text() == "2", timeout=5000)
    assert window.page_writes["inquiries"] != ctx.db.writes  # reloads when it comes back
    window.show_page("inquiries")
    inquiries = window.page("inquiries")
    assert isinstance(inquiries, InquiriesPage)
    qtbot.waitUntil(lambda: inquiries.model.rowCount() == 2)
