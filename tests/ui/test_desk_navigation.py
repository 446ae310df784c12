"""The seams between pages: « Mettre en relation… » from an inquiry (and its consent), rows that
lead to their inquiry, and pages that reload when they come back after a change."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPushButton

import guichet.models as m
from guichet.services.inquiry_detail import inquiry_detail
from guichet.services.referrals import ReferralChoice, ReferralService
from tests.services.referral_setup import build_scene
from tests.ui.windows import shown_window

from guichet.ui.context import AppContext
from guichet.ui.dialogs.referral_dialog import ReferralDialog
from guichet.ui.pages.home import HomePage
from guichet.ui.pages.inquiries import InquiriesPage


def _page(qtbot, ctx: AppContext) -> InquiriesPage:
    page = InquiriesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The suggestion dialog does not block: the needs it was opened for are collected."""
    needs: list[int] = []

    def fake_exec(dialog: ReferralDialog) -> int:
        needs.append(dialog.need_id)
        return 0

    monkeypatch.setattr(ReferralDialog, "exec", fake_exec)
    return needs


def _answer_consent(monkeypatch: pytest.MonkeyPatch, button: str | None) -> list[str]:
    """The consent question is answered by clicking ``button`` (its objectName), or Annuler."""
    asked: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        asked.append(box.text())
        chosen = box.findChild(QPushButton, button) if button else None
        (chosen or box.buttons()[-1]).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return asked


def test_refer_opens_the_suggestions_for_that_need(
    qtbot, ctx: AppContext, opened: list[int]
) -> None:
    scene = build_scene(ctx.db)
    page = _page(qtbot, ctx)
    page.open_inquiry(scene.inquiry_id)
    box = page.detail.need_box(1)
    assert box is not None and not box.refer.isHidden()
    box.refer.click()
    assert opened == [scene.need_id]


def test_without_consent_the_reason_is_given_and_nothing_opens(
    qtbot, ctx: AppContext, opened: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    scene = build_scene(ctx.db, consent=False)
    page = _page(qtbot, ctx)
    page.open_inquiry(scene.inquiry_id)
    asked = _answer_consent(monkeypatch, None)
    box = page.detail.need_box(1)
    assert box is not None
    box.refer.click()
    assert asked and "accord" in asked[0] and "mise en relation" in asked[0]
    assert opened == []
    assert not inquiry_detail(ctx.db, scene.inquiry_id).consent_to_share


def test_consent_recorded_on_the_spot_then_the_suggestions_open(
    qtbot, ctx: AppContext, opened: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    scene = build_scene(ctx.db, consent=False)
    page = _page(qtbot, ctx)
    page.open_inquiry(scene.inquiry_id)
    _answer_consent(monkeypatch, "recordConsentButton")
    box = page.detail.need_box(1)
    assert box is not None
    before = datetime.now().replace(microsecond=0)
    box.refer.click()
    detail = inquiry_detail(ctx.db, scene.inquiry_id)
    assert detail.consent_to_share and detail.consent_at is not None
    assert detail.consent_at >= before
    assert opened == [scene.need_id]
    assert page.detail.edit_form.consent_box.isChecked()


def test_referrals_made_meanwhile_appear_after_the_dialog(
    qtbot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    scene = build_scene(ctx.db)
    page = _page(qtbot, ctx)
    page.open_inquiry(scene.inquiry_id)

    def create(dialog: ReferralDialog) -> int:
        dialog.model.set_checked(0, True)
        dialog.create_button.click()
        return int(dialog.result())

    monkeypatch.setattr(ReferralDialog, "exec", create)
    box = page.detail.need_box(1)
    assert box is not None
    box.refer.click()
    timeline = [page.detail.timeline.item(i).text() for i in range(page.detail.timeline.count())]
    assert any("avec Initiative Seine-Maritime : Proposée" in line for line in timeline)
    box = page.detail.need_box(1)
    assert box is not None and "Mis en relation" in box.title()
    row = page.model.row_at(page.view.currentIndex().row())
    assert row is not None and row.id == scene.inquiry_id and row.status == "Close"


def test_reloading_the_same_inquiry_keeps_unsaved_typing(qtbot, ctx: AppContext) -> None:
    scene = build_scene(ctx.db)
    page = _page(qtbot, ctx)
    page.open_inquiry(scene.inquiry_id)
    page.detail.edit_form.summary_edit.setPlainText("Rappeler jeudi")
    page.refresh()
    assert page.detail.edit_form.summary_edit.toPlainText() == "Rappeler jeudi"
    with ctx.db.unit_of_work() as s:
        other = m.Inquiry(reference="D-2026-0043", received_at=datetime(2026, 11, 3, 9, 0))
        other.needs.append(m.Need(subject_id=scene.subject_id))
        s.add(other)
        s.flush()
        other_id = other.id
    page.open_inquiry(other_id)
    assert page.detail.edit_form.summary_edit.toPlainText() == ""


def test_an_inquiry_beyond_the_fetched_rows_still_opens(qtbot, demo_ctx: AppContext) -> None:
    page = _page(qtbot, demo_ctx)
    page.model.page_size = 2  # the list fetches at most a few pages while looking for it
    with demo_ctx.db.unit_of_work() as s:
        oldest = s.scalars(select(m.Inquiry.id).order_by(m.Inquiry.received_at)).first()
    assert oldest is not None
    page.status_box.setCurrentIndex(1)
    page.open_inquiry(oldest)
    assert page.status_box.currentIndex() == 0  # filters that could hide it are cleared
    assert page.detail.inquiry_id == oldest
    assert not page.view.selectionModel().hasSelection()


def test_home_rows_lead_to_their_inquiry(qtbot, ctx: AppContext) -> None:
    scene = build_scene(ctx.db)
    rows = ReferralService(ctx.db).create(scene.need_id, [ReferralChoice(scene.partner_id)])
    page = HomePage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.inquiry_tabs.setCurrentIndex(1)
    for view, model in (
        (page.latest_view, page.latest_model),
        (page.referrals_view, page.referrals_model),
    ):
        view.parentWidget().parentWidget().setCurrentWidget(view)  # type: ignore[union-attr]
        assert model.rowCount() == 1
        view.setFocus()
        view.setCurrentIndex(model.index(0, 0))
        with qtbot.waitSignal(page.inquiry_requested) as requested:
            QTest.keyClick(view, Qt.Key.Key_Return)
        assert requested.args == [scene.inquiry_id]
    assert rows[0].inquiry_id == scene.inquiry_id


def test_a_referral_received_opens_its_inquiry_from_the_directory(
    qtbot, ctx: AppContext, qsettings: QSettings
) -> None:
    scene = build_scene(ctx.db)
    ReferralService(ctx.db).create(scene.need_id, [ReferralChoice(scene.partner_id)])
    window = shown_window(qtbot, ctx, qsettings)
    window.show_page("directory")
    directory = window.pages["directory"]
    directory.show_organization(scene.partner_id)  # type: ignore[attr-defined]
    view = directory.search_tab.panel.referrals_view  # type: ignore[attr-defined]
    assert view.model().rowCount() == 1
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert window.current_page_key() == "inquiries"
    assert window.pages["inquiries"].detail.inquiry_id == scene.inquiry_id  # type: ignore[attr-defined]


def test_pages_reload_when_shown_after_a_change_and_only_then(
    qtbot, ctx: AppContext, qsettings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = shown_window(qtbot, ctx, qsettings)
    window.show_page("home")
    home = window.pages["home"]
    assert isinstance(home, HomePage) and home.latest_model.rowCount() == 0
    reloads: list[str] = []
    original = HomePage.refresh

    def counted(page: HomePage) -> None:
        reloads.append("home")
        original(page)

    monkeypatch.setattr(HomePage, "refresh", counted)
    window.show_page("followups")
    window.show_page("home")
    assert reloads == []  # nothing saved meanwhile: no reload
    window.show_page("inquiries")
    scene = build_scene(ctx.db)  # saved by another page, dialog or colleague's import
    window.show_page("home")
    assert reloads == ["home"]
    assert [r.id for r in home.latest_model.rows()] == [scene.inquiry_id]
    window.show_page("inquiries")
    window.show_page("home")
    assert reloads == ["home"]
