"""The « Réunions » page on the demo: list, detail, registrations with the keyboard, walk-ins,
« Besoin exprimé » opening the intake prefilled."""

from __future__ import annotations

from datetime import datetime

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from guichet.models import Channel, RegistrationStatus
from guichet.services.meetings import get_meeting
from tests.conftest import DEMO_NOW

from guichet.ui.context import AppContext
from guichet.ui.dialogs.intake_dialog import IntakeDialog
from guichet.ui.pages.meetings import MeetingsPage


@pytest.fixture
def page(qtbot: QtBot, demo_ctx: AppContext) -> MeetingsPage:
    widget = MeetingsPage(demo_ctx)
    widget.now = lambda: DEMO_NOW
    widget.refresh()
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    return widget


def _open(page: MeetingsPage, prefix: str) -> int:
    rows = page.model.rows()
    row = next(r for r in rows if r.title.startswith(prefix))
    page.select_meeting(row.id)
    assert page.detail.meeting_id == row.id
    return row.id


def test_the_list_puts_upcoming_meetings_first_and_passes_the_model_tester(
    page: MeetingsPage, qtmodeltester: object
) -> None:
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    rows = page.model.rows()
    upcoming = [r.start_at >= DEMO_NOW for r in rows]
    assert upcoming == sorted(upcoming, reverse=True) and upcoming[0]
    assert page.detail.meeting_id in {r.id for r in rows}  # one is always shown
    page.status_box.setCurrentIndex(page.status_box.findText("Annulée"))
    assert [r.status_label for r in page.model.rows()] == ["Annulée"]


def test_attendance_is_ticked_with_the_keyboard_and_a_walk_in_added(
    page: MeetingsPage, qtbot: QtBot, demo_ctx: AppContext
) -> None:
    meeting_id = _open(page, "Petit-déjeuner : la commande publique")
    panel = page.detail.registrations
    qtmodeltester_rows = panel.model.rows()
    assert qtmodeltester_rows
    view = panel.view
    view.setFocus()
    first = qtmodeltester_rows[0]
    view.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    statuses = {
        r.registration_id: r.status for r in get_meeting(demo_ctx.db, meeting_id).registrations
    }
    assert statuses[first.registration_id] == RegistrationStatus.PRESENT
    assert "présent" in panel.last_message
    # Alt+V, the name, Entrée: a new person, present.
    qtbot.keyClick(panel, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert panel.walk_in_search.line.hasFocus()
    qtbot.keyClicks(panel.walk_in_search.line, "Mme Ines Zerbib")
    qtbot.keyClick(panel.walk_in_search.line, Qt.Key.Key_Return)
    walk_ins = [r for r in get_meeting(demo_ctx.db, meeting_id).registrations if r.walk_in]
    assert [(r.name, r.status) for r in walk_ins] == [
        ("Mme Ines Zerbib", RegistrationStatus.PRESENT)
    ]
    assert "1 sur place" in page.detail.counts_label.text()


def test_a_registrant_is_added_by_type_ahead(
    page: MeetingsPage, qtbot: QtBot, demo_ctx: AppContext
) -> None:
    meeting_id = _open(page, "Réunion d'information : les aides régionales 2027")
    panel = page.detail.registrations
    before = len(get_meeting(demo_ctx.db, meeting_id).registrations)
    person = next(p for p in panel._people() if p.name.isascii())
    qtbot.keyClicks(panel.add_search.line, person.name)
    assert panel.add_search.suggestion_count() >= 2  # the person, and « + Nouvelle personne »
    qtbot.keyClick(panel.add_search.line, Qt.Key.Key_Return)
    after = get_meeting(demo_ctx.db, meeting_id).registrations
    assert len(after) == before + 1
    assert any(r.contact_id == person.id for r in after)


def test_besoin_exprime_opens_the_intake_prefilled(page: MeetingsPage, qtbot: QtBot) -> None:
    _open(page, "Hydrogène")
    panel = page.detail.registrations
    present = next(
        i
        for i, r in enumerate(panel.model.rows())
        if r.status == RegistrationStatus.PRESENT and r.organization_id
    )
    registrant = panel.model.rows()[present]
    panel.view.setCurrentIndex(panel.model.index(present, 0))
    panel.need_button.click()
    dialogs = [w for w in page.findChildren(IntakeDialog)]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    dialog.confirm_abandon = False
    draft_channel = dialog.channel_box.currentData()
    assert draft_channel == Channel.MEETING
    assert dialog.company.organization_id == registrant.organization_id
    assert dialog.contact.contact_id() == registrant.contact_id
    assert dialog.meeting_id == page.detail.meeting_id
    assert dialog.received_at() <= datetime.now()
    assert "Hydrogène" in dialog.windowTitle()
    dialog.close()
    assert page.detail.inquiries_model.rowCount() >= 3
