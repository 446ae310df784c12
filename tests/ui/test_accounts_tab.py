"""Paramètres › Comptes: the administrateur creates an account, sets its password, maps an
operating-system user; a responsable sees the tab but cannot act (buttons off, the reason)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from guichet.models import Role
from guichet.services.accounts import sign_in, start_state
from guichet.services.demo.accounts import demo_account

from guichet.ui.context import AppContext
from guichet.ui.dialogs.settings_accounts import AccountsSettingsTab
from guichet.ui.permission_gate import permissions_changed


def test_the_administrateur_creates_an_account_with_a_password_by_keyboard(
    qtbot, demo_ctx: AppContext
) -> None:
    tab = AccountsSettingsTab(demo_ctx)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.keyClick(tab.new_button, Qt.Key.Key_Space)
    assert tab.name_edit.hasFocus() or tab.name_edit.text() == ""
    qtbot.keyClicks(tab.name_edit, "Paul Roux")
    qtbot.keyClicks(tab.initials_edit, "pr")
    tab.role_box.setCurrentIndex(tab.role_box.findData(Role.RESPONSABLE))
    qtbot.keyClicks(tab.os_user_edit, "paul")
    qtbot.keyClicks(tab.password_edit, "motdepasse-paul")
    qtbot.keyClick(tab.save_button, Qt.Key.Key_Space)
    account = tab.current()
    assert account is not None
    assert (account.initials, account.role, account.os_user, account.has_password) == (
        "PR",
        Role.RESPONSABLE,
        "paul",
        True,
    )
    assert "Paul Roux (PR) — Responsable — session « paul » — mot de passe" in (
        tab.account_list.currentItem().text()
    )
    assert sign_in(demo_ctx.db, account.id, "motdepasse-paul").id == account.id
    assert start_state(demo_ctx.db, "paul").mapped_id == account.id


def test_a_responsable_sees_the_accounts_but_cannot_change_them(
    qtbot, demo_ctx: AppContext
) -> None:
    demo_ctx.set_counsellor(demo_account(demo_ctx.db, "CL"))
    permissions_changed()
    tab = AccountsSettingsTab(demo_ctx)
    qtbot.addWidget(tab)
    assert tab.account_list.count() == 3
    for button in (tab.new_button, tab.save_button, tab.password_button):
        assert not button.isEnabled()
        assert "gérer les comptes des conseillers" in button.toolTip()
