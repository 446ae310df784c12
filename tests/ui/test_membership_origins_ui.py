"""« Adhérer… » picks the origin from the organisation's history (keyboard, names, unsaved
input, prefilled), and an origin shown on the card or in the Réseau gains opens its page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel

import guichet.models as m
from guichet.services.memberships import MembershipService, Origin
from tests.services.origin_setup import build_history
from tests.ui.windows import shown_window

from guichet.ui.context import AppContext
from guichet.ui.dialogs.membership_dialog import JoinDialog
from guichet.ui.pages.network import NetworkPage

K = m.MembershipOrigin


@pytest.fixture(autouse=True)
def no_task_left() -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone(10_000)  # no search left running on the database


TODAY = date(2026, 12, 5)


def test_the_origin_is_picked_from_the_history_with_the_keyboard(
    qtbot: QtBot, ctx: AppContext
) -> None:
    h = build_history(ctx.db)
    dialog = JoinDialog(ctx, h["org"], "Alpha Usinage", today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.origin_box
    buddies = [w for w in dialog.findChildren(QLabel) if w.buddy() is box]
    assert [b.text() for b in buddies] == ["&Origine (ce qui l'a amenée)"]
    assert box.itemText(0) == "Non renseignée"
    assert box.itemText(1) == "Réunion du 9 novembre 2026 : Hydrogène : la filière se structure"
    assert box.itemText(6) == "Demande D-2026-0123 du 12 janvier 2026 : Recruter deux soudeurs"
    assert not dialog.has_unsaved_changes()
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Down)
    QTest.keyClick(box, Qt.Key.Key_Down)  # the opportunity won in a groupement
    assert dialog.has_unsaved_changes()
    assert dialog.origin() == Origin(K.OPPORTUNITY, h["won"])
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Space)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.saved is not None
    assert (dialog.saved.origin_kind, dialog.saved.origin_id) == (K.OPPORTUNITY, h["won"])
    assert dialog.saved.origin_label == "Opportunité : Tuyauterie de l'électrolyseur"


def test_a_prefilled_origin_is_selected_and_is_no_unsaved_input(
    qtbot: QtBot, ctx: AppContext
) -> None:
    h = build_history(ctx.db)
    dialog = JoinDialog(
        ctx,
        h["org"],
        "Alpha Usinage",
        today=TODAY,
        origin=Origin(K.VISIT, h["visit"], h["counsellor"]),
        network_id=h["network"],
    )
    qtbot.addWidget(dialog)
    assert dialog.origin_box.currentText() == "Visite du 4 mars 2026 (Claire Martin)"
    assert dialog.origin() == Origin(K.VISIT, h["visit"], h["counsellor"])
    assert not dialog.has_unsaved_changes()
    # an origin outside the listed history (a meeting of another organisation) is added on top
    other = JoinDialog(ctx, h["other"], "Beta Forge", origin=Origin(K.MEETING, h["meeting"]))
    qtbot.addWidget(other)
    assert other.origin_box.currentIndex() == 1
    assert other.origin_box.currentText().startswith("Réunion du 9 novembre 2026")


def test_an_origin_on_the_card_opens_its_meeting(
    qtbot: QtBot, ctx: AppContext, qsettings: QSettings
) -> None:
    h = build_history(ctx.db)
    MembershipService(ctx.db).join(
        h["org"], h["network"], on=date(2026, 11, 20), origin=Origin(K.MEETING, h["meeting"])
    )
    window = shown_window(qtbot, ctx, qsettings)
    window.show_page("directory")
    directory = window.pages["directory"]
    directory.show_organization(h["org"])  # type: ignore[attr-defined]
    listing = directory.search_tab.panel.memberships.list  # type: ignore[attr-defined]
    assert "Réunion du 9 novembre 2026 : Hydrogène" in listing.item(0).text()
    listing.setFocus()
    listing.setCurrentRow(0)
    QTest.keyClick(listing, Qt.Key.Key_Return)
    assert window.current_page_key() == "meetings"
    meetings = window.pages["meetings"]
    assert meetings.detail.meeting_id == h["meeting"]  # type: ignore[attr-defined]


def test_a_gain_of_the_year_opens_its_visit(
    qtbot: QtBot, ctx: AppContext, qsettings: QSettings
) -> None:
    h = build_history(ctx.db)
    MembershipService(ctx.db).join(
        h["org"], h["network"], on=date(2026, 4, 1), origin=Origin(K.VISIT, h["visit"])
    )
    window = shown_window(qtbot, ctx, qsettings)
    window.show_page("network")
    page = window.pages["network"]
    assert isinstance(page, NetworkPage)
    view = page.gains_view
    index = view.model().index(0, 2)
    assert index.data() == "Visite du 4 mars 2026 (Claire Martin)"
    with qtbot.waitSignal(page.record_requested) as signal:
        view.activated.emit(index)
    assert signal.args == ["visits", h["visit"]]
    assert window.current_page_key() == "visits"
    visits = window.pages["visits"]
    assert visits.current is not None and visits.current.id == h["visit"]  # type: ignore[attr-defined]
