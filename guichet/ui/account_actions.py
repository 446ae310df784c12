"""The window's account actions (Fichier menu) and the gates of its role-bound actions.

« Changer de conseiller » (Ctrl+L) locks the window until a counsellor signs in;
« Historique des modifications » opens the global audit view (a responsable's). Once the
database is attached, :func:`gate_window_actions` disables what the signed-in counsellor's role
cannot do, the tooltip saying why (the services refuse anyway).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from guichet.ui.icons import icon

if TYPE_CHECKING:
    from guichet.ui.main_window import MainWindow

#: The window's actions a role may lack, by object name (Permission member names: the
#: database layer is imported only once the database is open).
GATED_ACTIONS = {
    "restoreAction": "RESTORE",
    "settingsAction": "SETTINGS",
    "auditAction": "AUDIT_VIEW",
}


def add_account_actions(window: MainWindow) -> None:
    window.lock_action = QAction(window.tr("Changer de &conseiller…"), window)
    window.lock_action.setObjectName("lockAction")
    window.lock_action.setIcon(icon("lock", window))
    window.lock_action.setShortcut(QKeySequence("Ctrl+L"))
    window.lock_action.triggered.connect(lambda: window.guard.lock())
    window.lock_action.setEnabled(False)
    window.file_menu.addAction(window.lock_action)
    audit = QAction(window.tr("&Historique des modifications…"), window)
    audit.setObjectName("auditAction")
    audit.setIcon(icon("history", window))
    audit.triggered.connect(lambda: open_audit(window))
    audit.setEnabled(False)
    window.file_menu.addAction(audit)
    window.file_menu.setToolTipsVisible(True)  # a disabled action says why


def open_audit(window: MainWindow) -> None:
    from guichet.ui.dialogs.audit_dialog import AuditDialog

    if window.ctx is not None:
        AuditDialog(window.ctx, window).exec()


def gate_window_actions(window: MainWindow) -> None:
    """Once the database is attached: the lock and the audit view become usable, and each
    role-bound action follows the signed-in counsellor's role."""
    from guichet.services.permissions import Permission

    from guichet.ui.permission_gate import gate

    assert window.ctx is not None
    for name in ("lockAction", "auditAction"):
        action = window.findChild(QAction, name)
        if action is not None:
            action.setEnabled(True)
    for name, permission in GATED_ACTIONS.items():
        action = window.findChild(QAction, name)
        if action is not None:
            gate(action, window.ctx, Permission[permission])
