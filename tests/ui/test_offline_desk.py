"""The window opened on the local copy of a server's directory: dated, read-only, the intake
kept in the outbox, then sent when the server is back — with the keyboard alone."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

import guichet.models as m
from guichet.config import AppPaths
from guichet.db import Database
from guichet.services.offline_copy import offline_info, open_copy, refresh_copy
from guichet.services.outbox import Outbox, outbox_path
from tests.ui.keyboard import Keyboard
from tests.ui.windows import active_window

from guichet.ui.context import AppContext
from guichet.ui.dialogs.intake_dialog import IntakeDialog
from guichet.ui.offline_desk import OfflineDesk
from guichet.ui.offline_outbox import OutboxDialog

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def _no_blocking_boxes(message_boxes: list[str]) -> list[str]:
    return message_boxes


def _offline_window(qtbot, db: Database, paths: AppPaths, qsettings: QSettings):
    with db.unit_of_work() as s:
        s.add(m.Organization(legal_name="Hydrogène Lefebvre", city="Lillebonne"))
    refresh_copy(db, paths.data_dir)
    copy, _info = open_copy(paths.data_dir, db.url)
    window = active_window(qtbot, AppContext(db=copy, paths=paths), qsettings)
    desk = window.offline_desk  # type: ignore[attr-defined]
    assert isinstance(desk, OfflineDesk)
    return window, desk


def test_offline_intake_goes_to_the_outbox_then_is_sent_once(
    qtbot, db: Database, paths: AppPaths, qsettings: QSettings, message_boxes: list[str]
) -> None:
    window, desk = _offline_window(qtbot, db, paths, qsettings)
    title = desk.title
    assert "Annuaire du" in window.windowTitle() and "hors ligne" in window.windowTitle()
    banner = window.findChild(type(desk.banner), "offlineBanner")
    assert banner is not None and "lecture seule" in banner.text()
    assert not desk.send_button.isVisible()
    keys = Keyboard()
    window.navigation.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.navigation)
    keys.press(K.Key_N, CTRL)
    dialog = window.intake_dialog
    assert isinstance(dialog, IntakeDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.company.search.line)
    keys.search("hyd")  # the same SQLite search, on the copy
    keys.press(K.Key_Return)
    assert dialog.company.organization_id is not None
    keys.write("Claire Martin")
    keys.press(K.Key_Return)
    keys.press(K.Key_Tab)
    keys.press(K.Key_Tab)
    keys.press(K.Key_Tab)
    keys.search("pre")
    keys.press(K.Key_Return)
    keys.write("Reprise d'un atelier")
    keys.press(K.Key_S, CTRL)
    assert not dialog.isVisible() and dialog.saved is None
    outbox = Outbox(outbox_path(paths.data_dir, db.url))
    (item,) = outbox.items()
    assert item.label == "Hydrogène Lefebvre"
    assert "gardée hors ligne" in window.statusBar().currentMessage()
    with db.unit_of_work(write=False) as s:
        assert s.scalars(select(m.Inquiry)).all() == []

    desk._probed(True)  # the probe found the server again
    qtbot.waitUntil(desk.send_button.isVisible)
    assert desk.send_button.text() == "Envoyer la demande en attente"
    assert desk.send_button.accessibleName() == desk.send_button.text()
    window.activateWindow()
    desk.send_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is desk.send_button)
    keys.press(K.Key_Space)
    qtbot.waitUntil(lambda: window.ctx is not None and offline_info(window.ctx.db) is None)
    assert window.ctx is not None
    try:
        qtbot.waitUntil(lambda: any("envoyée" in text for text in message_boxes))
        with db.unit_of_work(write=False) as s:
            inquiry = s.scalars(select(m.Inquiry)).one()
            assert inquiry.offline_key == item.key
        assert inquiry.reference in message_boxes[-1]
        assert outbox.pending_count() == 0
        assert "hors ligne" not in window.windowTitle()
        qtbot.waitUntil(lambda: window.findChild(type(desk.banner), "offlineBanner") is None)
        assert window.windowTitle() == title
    finally:
        window.ctx.db.dispose()


def test_the_outbox_dialog_lists_and_gives_up_with_the_keyboard(
    qtbot, db: Database, paths: AppPaths, qsettings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from guichet.services.intake import IntakeDraft, NeedDraft

    window, desk = _offline_window(qtbot, db, paths, qsettings)
    with db.unit_of_work(write=False) as s:
        org = s.scalars(select(m.Organization.id)).one()
        subject = s.scalars(select(m.Subject.id).order_by(m.Subject.id)).first()
    assert subject is not None
    from datetime import datetime

    desk.outbox.add(
        IntakeDraft(datetime.now(), (NeedDraft(subject),), organization_id=org),
        "Hydrogène Lefebvre",
    )
    dialog = OutboxDialog(desk.outbox, window)
    qtbot.addWidget(dialog)
    assert dialog.list.accessibleName() == "Demandes en attente"
    assert dialog.list.count() == 1 and "Hydrogène Lefebvre" in dialog.list.item(0).text()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    dialog.discard_button.click()
    assert desk.outbox.items() == []
    assert not dialog.discard_button.isEnabled()


def test_a_status_message_never_covers_the_copy_label(
    qtbot, db: Database, paths: AppPaths, qsettings: QSettings
) -> None:
    window, desk = _offline_window(qtbot, db, paths, qsettings)
    status, label = window.statusBar(), window.db_label
    desk._probed(True)  # « Serveur de nouveau joignable. »
    message = status.currentMessage()
    assert message == "Serveur de nouveau joignable."
    assert label.isVisible() and label.text() == "Copie locale de l'annuaire"
    drawn = status.fontMetrics().boundingRect(message)  # drawn from the bar's left edge
    assert label.mapTo(status, label.rect().topLeft()).x() > drawn.width()
