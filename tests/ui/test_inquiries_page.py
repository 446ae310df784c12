"""The inquiries page: lazy table, filters, detail timeline, concurrent edit, outcomes, notes."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QThreadPool
from PySide6.QtWidgets import QDialog

import guichet.models as m
from guichet.models import label
from guichet.services.inquiries import InquiryFilters, count_inquiries, list_inquiries
from guichet.services.inquiry_actions import InquiryEdit, update_inquiry
from guichet.services.inquiry_detail import inquiry_detail

from guichet.ui.context import AppContext
from guichet.ui.dialogs.inform_dialog import InformDialog
from guichet.ui.pages.inquiries import InquiriesPage
from guichet.ui.pages.inquiry_model import InquiryListModel


def _page(qtbot, ctx: AppContext) -> InquiriesPage:
    page = InquiriesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: not page.is_loading())  # the first rows are read on a worker
    return page


def test_model_passes_the_model_tester_while_fetching(qtmodeltester, demo_ctx: AppContext) -> None:
    model = InquiryListModel(page_size=25)
    filters = InquiryFilters()
    model.load(
        lambda sort, desc, offset, limit: list_inquiries(
            demo_ctx.db, filters, sort=sort, descending=desc, offset=offset, limit=limit
        ),
        count_inquiries(demo_ctx.db, filters),
    )
    assert model.rowCount() == 25 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 50
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 25
    names = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert names == sorted(names, key=str.lower)
    qtmodeltester.check(model)
    assert 25 < model.rowCount() <= model.total()


def test_table_loads_lazily_and_filters(qtbot, demo_ctx: AppContext) -> None:
    page = _page(qtbot, demo_ctx)
    total = page.model.total()
    assert total > 200 and page.model.rowCount() == 200
    assert str(total) in page.count_label.text()
    page.status_box.setCurrentIndex(page.status_box.findData(m.InquiryStatus.CLOSED))
    closed = page.model.total()
    assert 0 < closed < total
    assert {page.model.index(r, 7).data() for r in range(page.model.rowCount())} == {"Close"}
    page.status_box.setCurrentIndex(0)
    reference = page.model.index(5, 0).data()
    page.text_edit.setText(reference)
    qtbot.waitUntil(lambda: page.model.total() == 1)
    assert page.model.index(0, 0).data() == reference


def test_mine_filter_uses_the_current_counsellor(qtbot, demo_ctx: AppContext) -> None:
    with demo_ctx.db.unit_of_work() as s:
        counsellor = s.scalars(select(m.Counsellor).order_by(m.Counsellor.id)).first()
        assert counsellor is not None
        mine = s.scalar(
            select(func.count())
            .select_from(m.Inquiry)
            .where(m.Inquiry.counsellor_id == counsellor.id)
        )
    demo_ctx.set_counsellor(counsellor.id)
    page = _page(qtbot, demo_ctx)
    page.mine_box.setChecked(True)
    assert page.model.total() == mine


def _referred_inquiry(ctx: AppContext) -> int:
    with ctx.db.unit_of_work() as s:
        return s.scalars(
            select(m.Inquiry.id).join(m.Need).join(m.Referral).order_by(m.Inquiry.id).limit(1)
        ).one()


def test_detail_shows_the_timeline_and_adds_a_note(qtbot, demo_ctx: AppContext) -> None:
    page = _page(qtbot, demo_ctx)
    inquiry_id = _referred_inquiry(demo_ctx)
    page.detail.show_inquiry(inquiry_id)
    texts = [page.detail.timeline.item(i).text() for i in range(page.detail.timeline.count())]
    assert any("Demande reçue" in t for t in texts) and any("Mise en relation" in t for t in texts)
    page.detail.note_edit.setPlainText("Rappeler le dirigeant jeudi")
    page.detail.note_button.click()
    texts = [page.detail.timeline.item(i).text() for i in range(page.detail.timeline.count())]
    assert any("Rappeler le dirigeant jeudi" in t for t in texts)
    assert page.detail.note_edit.toPlainText() == ""


def test_concurrent_edit_is_shown_and_not_overwritten(
    qtbot, demo_ctx: AppContext, message_boxes: list[str]
) -> None:
    page = _page(qtbot, demo_ctx)
    inquiry_id = page.model.row_at(0).id  # type: ignore[union-attr]
    page.select_inquiry(inquiry_id)
    form = page.detail.edit_form
    theirs = inquiry_detail(demo_ctx.db, inquiry_id)
    update_inquiry(
        demo_ctx.db,
        inquiry_id,
        theirs.version,
        theirs.editable_values(),
        InquiryEdit(
            theirs.received_at,
            m.Channel.MAIL,
            theirs.counsellor_id,
            "Résumé du collègue",
            theirs.consent_to_share,
            theirs.consent_at,
        ),
    )
    form.consent_box.setChecked(not theirs.consent_to_share)
    assert not form.save()
    assert "modifiée par quelqu'un d'autre" in message_boxes[-1]
    assert "Résumé du collègue" in message_boxes[-1] and "Courrier" in message_boxes[-1]
    assert form.summary_edit.toPlainText() == "Résumé du collègue"  # their change is loaded
    assert form.consent_box.isChecked() is not theirs.consent_to_share  # mine is kept
    assert form.save()
    after = inquiry_detail(demo_ctx.db, inquiry_id)
    assert (after.summary, after.channel) == ("Résumé du collègue", m.Channel.MAIL)
    assert after.consent_to_share is not theirs.consent_to_share


def test_inform_records_the_resource_and_closes_the_need(
    qtbot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ctx.db.unit_of_work() as s:
        subject = s.scalars(select(m.Subject).where(m.Subject.name == "Prêt d'honneur")).one()
        s.add(m.Resource(title="Fiche Initiative", theme_id=subject.theme_id))
        inquiry = m.Inquiry(
            reference="D-2026-0001",
            received_at=datetime(2026, 11, 20, 9),
            organization=m.Organization(legal_name="Atelier Sud"),
        )
        inquiry.needs.append(m.Need(subject_id=subject.id))
        s.add(inquiry)
        s.flush()
        inquiry_id = inquiry.id

    def accept_first(dialog: InformDialog) -> int:
        dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(InformDialog, "exec", accept_first)
    page = _page(qtbot, ctx)
    assert page.select_inquiry(inquiry_id)
    button = page.detail.findChild(type(page.detail.note_button), "needInform1")
    assert button is not None
    button.click()
    detail = inquiry_detail(ctx.db, inquiry_id)
    assert [i.title for i in detail.needs[0].information] == ["Fiche Initiative"]
    assert detail.status == m.InquiryStatus.CLOSED and detail.first_action_at is not None
    assert page.model.index(page.model.find(inquiry_id), 7).data() == "Close"


def test_table_and_note_fit_the_desk_screen(qtbot, demo_ctx: AppContext) -> None:
    from PySide6.QtCore import QPoint

    with demo_ctx.db.unit_of_work() as s:
        busy = s.scalar(  # an inquiry with a referral and information given: a tall detail
            select(m.Inquiry.id)
            .join(m.Need, m.Need.inquiry_id == m.Inquiry.id)
            .join(m.Referral, m.Referral.need_id == m.Need.id)
            .join(m.InformationGiven, m.InformationGiven.need_id == m.Need.id)
            .order_by(m.Inquiry.received_at.desc())
            .limit(1)
        )
    assert busy is not None
    page = InquiriesPage(demo_ctx)
    qtbot.addWidget(page)
    page.resize(1160, 730)  # what the page gets in a 1360×820 window
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: not page.is_loading())
    assert page.select_inquiry(busy)
    header = page.view.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(header.count())]
    assert sum(widths) <= page.view.viewport().width()  # no column hidden off to the right
    qtbot.waitUntil(lambda: not page.view.horizontalScrollBar().isVisible())
    reference = page.view.fontMetrics().horizontalAdvance(page.model.index(0, 0).data())
    assert widths[0] >= reference  # short columns keep their whole text
    detail = page.detail
    bottom = detail.note_button.mapTo(detail.viewport(), QPoint(0, detail.note_button.height()))
    assert detail.note_button.isVisible() and 0 < bottom.y() <= detail.viewport().height()
    assert detail.verticalScrollBar().value() == 0


def test_hidden_columns_are_one_right_click_away(qtbot, demo_ctx: AppContext) -> None:
    page = _page(qtbot, demo_ctx)
    assert page.view.isColumnHidden(5) and page.view.isColumnHidden(8)  # channel, delay
    menu = page.columns_menu.menu()
    actions = menu.actions()
    assert [a.text() for a in actions][5] == "Canal" and not actions[5].isChecked()
    actions[5].setChecked(True)
    assert not page.view.isColumnHidden(5) and page.view.columnWidth(5) > 0
    assert page.model.index(0, 5).data() in {label(c) for c in m.Channel}
    page.columns_menu.menu().actions()[0].setChecked(False)
    assert page.view.isColumnHidden(0)


def test_first_rows_load_on_a_worker_and_a_refresh_meanwhile_wins(
    qtbot, demo_ctx: AppContext
) -> None:
    page = InquiriesPage(demo_ctx)
    qtbot.addWidget(page)
    assert page.is_loading() and page.model.rowCount() == 0  # nothing read on the GUI thread
    assert page.count_label.text() == "Chargement…"
    page.status_box.setCurrentIndex(page.status_box.findData(m.InquiryStatus.CLOSED))
    assert not page.is_loading()
    closed = page.model.total()
    QThreadPool.globalInstance().waitForDone()
    QCoreApplication.processEvents()  # the superseded first answer lands: it is dropped
    assert 0 < closed == page.model.total()
    shown = {row.status for r in range(page.model.rowCount()) if (row := page.model.row_at(r))}
    assert shown == {label(m.InquiryStatus.CLOSED)}
