"""At start, once a month, a responsable is offered the anonymisation without being blocked."""

from __future__ import annotations

from datetime import datetime

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QMessageBox

import guichet.models as m
from guichet.services.settings import SettingsService

from guichet.ui.context import AppContext
from guichet.ui.main_window import MainWindow
from guichet.ui.personal_data_prompt import propose_anonymisation


def _responsable_with_old_contact(ctx: AppContext) -> None:
    with ctx.db.unit_of_work() as s:
        boss = m.Counsellor(name="Nadia Responsable", initials="NRZ", role=m.Role.RESPONSABLE)
        s.add(boss)
        s.add(m.Contact(last_name="Ancien", created_at=datetime(2015, 1, 1, 9, 0)))
        s.flush()
        ctx.db.counsellor_id = boss.id


def test_the_proposal_opens_the_page_and_is_remembered(
    qtbot: QtBot, ctx: AppContext, qsettings: QSettings
) -> None:
    _responsable_with_old_contact(ctx)
    window = MainWindow(qsettings, ctx=ctx)
    qtbot.addWidget(window)
    assert not window.propose_at_start  # only the application's start proposes it
    propose_anonymisation(window)  # what the start does once the database is attached
    box: QMessageBox | None = None

    def shown() -> bool:
        nonlocal box
        box = window.findChild(QMessageBox, "anonymiseProposal")
        return box is not None and box.isVisible()

    qtbot.waitUntil(shown, timeout=10_000)
    assert box is not None and not box.isModal()
    assert SettingsService(ctx.db).get("rgpd.last_proposal") == f"{datetime.now():%Y-%m}"
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: window.current_page_key() == "personal_data", timeout=10_000)
    task = propose_anonymisation(window)  # the same month: not again
    assert task is not None
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)
    visible = [b for b in window.findChildren(QMessageBox, "anonymiseProposal") if b.isVisible()]
    assert visible == []
    QThreadPool.globalInstance().waitForDone(10_000)
