"""Signing in and « Changer de conseiller » (Ctrl+L), keyboard only: the window stays locked
until a counsellor signs in, its forms keep what was typed, and what is written afterwards is
stamped with the counsellor who signed in."""

from __future__ import annotations

from sqlalchemy import select

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

import guichet.models as m
from guichet.db import Database
from guichet.models import Role
from guichet.services import passwords
from guichet.services.organizations import OrganizationData, OrganizationService
from guichet.services.settings import SettingsService
from tests.ui.windows import active_window

from guichet.ui.context import AppContext
from guichet.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def _accounts(db: Database) -> dict[str, int]:
    with db.unit_of_work() as s:
        people = {
            "AD": m.Counsellor(
                name="Alice Durand",
                initials="AD",
                role=Role.ADMINISTRATEUR,
                password_hash=passwords.make_hash("secret-admin"),
            ),
            "CO": m.Counsellor(
                name="Bruno Conseil",
                initials="CO",
                role=Role.CONSEILLER,
                password_hash=passwords.make_hash("secret-conseil"),
            ),
        }
        s.add_all(people.values())
        s.flush()
        ids = {k: c.id for k, c in people.items()}
    db.counsellor_id = ids["AD"]
    SettingsService(db).update({"accounts.password_required": True})
    db.counsellor_id = None
    return ids


def _type(qtbot, widget, text: str) -> None:
    qtbot.keyClicks(widget, text)


def _sign_in(qtbot, window: MainWindow, moves_down: int, password: str) -> None:
    panel = window.guard.panel
    assert panel is not None
    box = panel.counsellor_box
    assert QApplication.focusWidget() in (box, panel.password_edit)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    for _ in range(moves_down):
        qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.password_edit
    _type(qtbot, panel.password_edit, password)
    qtbot.keyClick(panel.password_edit, Qt.Key.Key_Return)


def test_the_window_opens_locked_and_a_wrong_password_is_said_in_french(
    qtbot, db: Database, paths, qsettings: QSettings
) -> None:
    ids = _accounts(db)
    ctx = AppContext(db=db, paths=paths)
    window = active_window(qtbot, ctx, qsettings)
    panel = window.guard.panel
    assert window.guard.locked and panel is not None
    assert window.frame.currentWidget() is panel and not window.splitter.isVisible()
    assert not window.menuBar().isEnabled()
    assert panel.password_edit.isVisible()
    # « Alice Durand » comes first by name, « Bruno Conseil » second
    _sign_in(qtbot, window, 1, "pas-le-bon")
    assert window.guard.locked
    assert panel.error_label.text() == "Mot de passe incorrect."
    assert panel.password_edit.text() == ""
    assert QApplication.focusWidget() is panel.password_edit
    _type(qtbot, panel.password_edit, "secret-conseil")
    qtbot.keyClick(panel.password_edit, Qt.Key.Key_Return)
    assert not window.guard.locked and window.splitter.isVisible()
    assert window.menuBar().isEnabled()
    assert ctx.db.counsellor_id == ids["CO"]
    assert window.counsellor_label.text() == "Bruno Conseil (CO) — Conseiller"
    with db.unit_of_work(write=False) as s:
        assert s.get(m.Counsellor, ids["CO"]).last_sign_in is not None


def test_ctrl_l_locks_keeps_the_forms_and_the_next_counsellor_signs_the_writes(
    qtbot, db: Database, paths, qsettings: QSettings
) -> None:
    ids = _accounts(db)
    ctx = AppContext(db=db, paths=paths, counsellor_id=ids["CO"])  # already signed in
    window = active_window(qtbot, ctx, qsettings)
    assert not window.guard.locked
    window.show_page("directory")
    page = window.stack.currentWidget()
    assert page is not None
    search = page.findChild(QLineEdit)
    assert search is not None
    search.setFocus()
    _type(qtbot, search, "Lefebvre")
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    assert window.guard.locked and not window.splitter.isVisible()
    assert window.counsellor_label.text() == "personne (fenêtre verrouillée)"
    window.close()  # refused: the forms behind the lock belong to someone
    assert window.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)  # the pages' keys sleep too
    assert window.current_page_key() == "directory"
    _sign_in(qtbot, window, 0, "secret-admin")
    assert not window.guard.locked
    assert search.text() == "Lefebvre"  # the form kept what was typed
    assert QApplication.focusWidget() is search
    assert ctx.db.counsellor_id == ids["AD"]
    org = OrganizationService(ctx.db).create(OrganizationData(legal_name="Usinage Lefebvre"))
    with db.unit_of_work(write=False) as s:
        who = s.scalars(
            select(m.AuditEntry.counsellor_id).where(
                m.AuditEntry.entity == "organization", m.AuditEntry.record_id == org.organization_id
            )
        ).all()
    assert who and set(who) == {ids["AD"]}


def test_the_account_of_the_operating_system_user_opens_without_a_question(
    qtbot, demo_db: Database, paths, qsettings: QSettings, monkeypatch
) -> None:
    monkeypatch.setattr("guichet.services.accounts.os_user", lambda: "sophie")
    with demo_db.unit_of_work() as s:
        sophie = s.scalar(select(m.Counsellor).where(m.Counsellor.initials == "SD"))
        assert sophie is not None
        sophie.os_user = "sophie"
        sophie_id = sophie.id
    demo_db.counsellor_id = None
    ctx = AppContext(db=demo_db, paths=paths)
    window = active_window(qtbot, ctx, qsettings)
    assert not window.guard.locked
    assert ctx.db.counsellor_id == sophie_id
    assert window.counsellor_label.text() == "Sophie Delamare (SD) — Conseiller"
