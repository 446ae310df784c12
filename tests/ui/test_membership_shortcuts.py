"""« Proposer l'adhésion… » where a membership is born: a meeting attendee (Réunions), a
recorded visit (Visites), an opportunity's winners (Opportunités) — « Adhérer… » opens with the
origin prefilled; an organisation already adhérent is told so."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QThreadPool

import guichet.models as m
from guichet.services.memberships import MembershipService, Origin
from tests.services.origin_setup import build_history

from guichet.ui.context import AppContext
from guichet.ui.dialogs.membership_dialog import JoinDialog
from guichet.ui.pages.meetings import MeetingsPage
from guichet.ui.pages.opportunities import OpportunitiesPage
from guichet.ui.pages.visits import VisitsPage

K = m.MembershipOrigin


@pytest.fixture(autouse=True)
def no_task_left() -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone(10_000)  # no search left running on the database


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[JoinDialog]:
    """« Adhérer… » does not block: it is saved as prefilled, and collected here."""
    shown: list[JoinDialog] = []

    def fake_exec(dialog: JoinDialog) -> int:
        shown.append(dialog)
        dialog.on_buttons_accepted()
        return dialog.result()

    monkeypatch.setattr(JoinDialog, "exec", fake_exec)
    return shown


def test_a_meeting_attendee_joins_brought_by_the_meeting(
    qtbot: QtBot, ctx: AppContext, dialogs: list[JoinDialog], message_boxes: list[str]
) -> None:
    h = build_history(ctx.db)
    ctx.set_counsellor(h["counsellor"])
    page = MeetingsPage(ctx)
    qtbot.addWidget(page)
    page.select_meeting(h["meeting"])
    panel = page.detail.registrations
    assert panel.model.rowCount() == 1  # Durand, present
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    assert panel.join_button.isEnabled()
    assert "Proposer l'adhésion" in panel.join_button.accessibleName()
    qtbot.keyClick(panel.join_button, Qt.Key.Key_Space)
    [dialog] = dialogs
    assert dialog.origin() == Origin(K.MEETING, h["meeting"], h["counsellor"])
    assert dialog.network_box.currentData() == h["network"]
    assert dialog.saved is not None and dialog.saved.origin_kind == K.MEETING
    qtbot.keyClick(panel.join_button, Qt.Key.Key_Space)  # now a member: said, no dialog
    assert len(dialogs) == 1
    assert message_boxes == ["Alpha Usinage est déjà adhérent de Sotraban."]


def test_a_recorded_visit_proposes_membership_a_planned_one_does_not(
    qtbot: QtBot, ctx: AppContext, dialogs: list[JoinDialog]
) -> None:
    h = build_history(ctx.db)
    page = VisitsPage(ctx, now=lambda: datetime(2026, 12, 5, 9))
    qtbot.addWidget(page)
    page.open_visit(h["visit"])
    assert page.current is not None and page.current.id == h["visit"]
    assert page.join_button.isEnabled()
    page.join_button.click()
    [dialog] = dialogs
    assert dialog.origin() == Origin(K.VISIT, h["visit"], h["counsellor"])
    assert dialog.origin_box.currentText() == "Visite du 4 mars 2026 (Claire Martin)"
    rows = MembershipService(ctx.db).for_organization(h["org"])
    assert [(r.origin_kind, r.origin_id) for r in rows] == [(K.VISIT, h["visit"])]
    planned = next(r.id for r in page.model.rows() if r.status == m.VisitStatus.PLANNED)
    page.open_visit(planned)
    assert not page.join_button.isEnabled()


def test_the_winners_of_an_opportunity_are_offered_membership(
    qtbot: QtBot, ctx: AppContext, dialogs: list[JoinDialog], message_boxes: list[str]
) -> None:
    h = build_history(ctx.db)
    MembershipService(ctx.db).join(h["other"], h["network"], on=datetime(2026, 7, 1).date())
    page = OpportunitiesPage(ctx)
    qtbot.addWidget(page)
    page.select(h["won"])
    button = page.detail.winners_button
    assert button.isEnabled()
    actions = button.menu().actions()
    assert [a.text() for a in actions] == ["Alpha Usinage", "Beta Forge — déjà adhérent"]
    actions[1].trigger()
    assert message_boxes == ["Beta Forge est déjà adhérent de Sotraban."] and not dialogs
    actions[0].trigger()
    [dialog] = dialogs
    assert dialog.origin() == Origin(K.OPPORTUNITY, h["won"], None)
    assert dialog.saved is not None and dialog.saved.origin_label.startswith("Opportunité : ")
    page.select(h["relayed"])  # only relayed: nobody won it
    assert not button.isEnabled()
