"""Who is signed in to the window, and the lock (« Changer de conseiller », Ctrl+L).

At start (:meth:`SessionGuard.start`): the counsellor the context already has (a test, a
window opened for one person), else the account mapped to the operating-system user or the
one last signed in on this computer — both only where no password is required —, else, while
accounts are off, the first active counsellor (as Guichet always did); otherwise the window
stays locked on the sign-in form. Locking hides the pages (their forms keep what was typed),
disables the menus and their keys until a counsellor signs in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QWidget

if TYPE_CHECKING:  # the database layer is imported once the database is open, not before
    from guichet.services.accounts import AccountInfo, StartState

    from guichet.ui.main_window import MainWindow
    from guichet.ui.sign_in import SignInPanel

REMEMBERED_KEY = "counsellor_id"


class SessionGuard(QObject):
    def __init__(self, window: MainWindow, frame: QStackedWidget, status: QLabel) -> None:
        super().__init__(window)
        self.window, self.frame, self.status = window, frame, status
        self.panel: SignInPanel | None = None
        self.locked = False
        self.has_signed_in = False
        self.saved_shortcuts: dict[QAction, list[QKeySequence]] = {}
        self.saved_focus: QWidget | None = None
        self.account_name = ""

    # -- start --------------------------------------------------------------------------------
    def start(self) -> None:
        from guichet.services.accounts import start_state

        ctx = self.window.ctx
        assert ctx is not None
        state = start_state(ctx.db)
        chosen = self._opening_account(state, ctx.counsellor_id)
        if chosen is not None or (not state.enabled and not state.password_required):
            self._enter(chosen, state)
        else:
            self.lock(state)

    def _opening_account(self, state: StartState, current: int | None) -> int | None:
        active = {a.id for a in state.accounts}
        if current is not None and current in active:
            return current
        if state.opens_directly is not None:
            return state.opens_directly
        remembered = self.window.settings.value(REMEMBERED_KEY, None)
        if not state.password_required and remembered is not None:
            try:
                remembered_id = int(str(remembered))
            except ValueError:
                remembered_id = -1
            if remembered_id in active:
                return remembered_id
        if not state.enabled and not state.password_required and state.accounts:
            return state.accounts[0].id
        return None

    def _enter(self, counsellor_id: int | None, state: StartState) -> None:
        account = next((a for a in state.accounts if a.id == counsellor_id), None)
        self._set_counsellor(account)

    # -- lock ---------------------------------------------------------------------------------
    def lock(self, state: StartState | None = None) -> None:
        from guichet.services.accounts import start_state

        from guichet.ui.sign_in import SignInPanel

        ctx = self.window.ctx
        if ctx is None or self.locked:
            return
        if self.panel is None:
            self.panel = SignInPanel(ctx)
            self.panel.signed_in.connect(self.on_panel_signed_in)
            self.frame.addWidget(self.panel)
        focused = QApplication.focusWidget()
        self.saved_focus = focused if focused and self.window.isAncestorOf(focused) else None
        self.locked = True
        self.panel.load(
            state or start_state(ctx.db), locked=self.has_signed_in, preselect=ctx.counsellor_id
        )
        self.frame.setCurrentWidget(self.panel)
        self.window.menuBar().setEnabled(False)
        for action in self.window.findChildren(QAction):
            if action.shortcuts():
                self.saved_shortcuts[action] = action.shortcuts()
                action.setShortcuts([])
        self.status.setText(self.tr("personne (fenêtre verrouillée)"))
        self.panel.focus_first()

    def unlock(self) -> None:
        self.locked = False
        self.frame.setCurrentIndex(0)
        self.window.menuBar().setEnabled(True)
        for action, keys in self.saved_shortcuts.items():
            action.setShortcuts(keys)
        self.saved_shortcuts.clear()
        if self.saved_focus is not None:
            self.saved_focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.saved_focus = None

    def on_panel_signed_in(self, account: AccountInfo) -> None:
        self._set_counsellor(account)
        self.unlock()
        self.window.refresh_current_page()

    # -- who ----------------------------------------------------------------------------------
    def _set_counsellor(self, account: AccountInfo | None) -> None:
        from guichet.ui.permission_gate import permissions_changed

        ctx = self.window.ctx
        assert ctx is not None
        ctx.set_counsellor(account.id if account else None)
        if account is not None:
            self.has_signed_in = True
            self.window.settings.setValue(REMEMBERED_KEY, account.id)
        self.show_who(account)
        permissions_changed()

    def show_who(self, account: AccountInfo | None) -> None:
        from guichet.models.enums import label

        if account is None:
            self.account_name = ""
            self.status.setText(self.tr("Aucun conseiller"))
            return
        role = f" — {label(account.role)}" if account.role else ""
        self.account_name = account.label
        self.status.setText(f"{account.label}{role}")

    def refresh(self) -> None:
        """The signed-in account's name or role may have changed (Paramètres)."""
        from guichet.services.accounts import start_state

        from guichet.ui.permission_gate import permissions_changed

        ctx = self.window.ctx
        if ctx is None or self.locked:
            return
        state = start_state(ctx.db)
        account = next((a for a in state.accounts if a.id == ctx.counsellor_id), None)
        self.show_who(account)
        permissions_changed()
