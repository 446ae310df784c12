"""Scenes of accounts and the audit trail: the sign-in form (the window locked, a password
asked), an organisation's « Historique » tab after edits by two counsellors, and the global
« Historique des modifications » view of a responsable.

The sign-in scene leaves the window locked; the next scene of this module signs back in.
"""

from __future__ import annotations

import time
from dataclasses import replace

from PySide6.QtWidgets import QApplication, QWidget

from guichet.services.demo.accounts import demo_account
from guichet.services.organizations import OrganizationService
from guichet.services.settings import SettingsService
from tools.screenshots import directory_scenes

from guichet.ui.dialogs.audit_dialog import AuditDialog
from guichet.ui.main_window import MainWindow

PASSWORD_KEY = "accounts.password_required"


def _wait(condition: object, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
        QApplication.processEvents()
        time.sleep(0.01)


def _unlocked(window: MainWindow) -> None:
    """Signs the demo's administratrice back in if the sign-in scene left the window locked."""
    assert window.ctx is not None
    SettingsService(window.ctx.db).update({PASSWORD_KEY: False})
    if window.guard.locked and window.guard.panel is not None:
        panel = window.guard.panel
        panel.password_edit.clear()
        panel.counsellor_box.setCurrentIndex(
            panel.counsellor_box.findData(demo_account(window.ctx.db, "JV"))
        )
        panel.on_sign_in_button_clicked()


def sign_in(window: MainWindow) -> QWidget:
    """« Changer de conseiller » (Ctrl+L) where a password is required: the window locked."""
    assert window.ctx is not None
    window.show_page("directory")
    SettingsService(window.ctx.db).update({PASSWORD_KEY: True})
    window.guard.lock()
    panel = window.guard.panel
    assert panel is not None
    panel.counsellor_box.setCurrentIndex(
        panel.counsellor_box.findData(demo_account(window.ctx.db, "SD"))
    )
    panel.password_edit.setText("motdepasse")
    panel._show_error(panel.tr("Mot de passe incorrect."))
    return window


def organisation_history(window: MainWindow) -> QWidget:
    """An organisation's Historique tab: edits by a conseillère and a responsable."""
    assert window.ctx is not None
    db = window.ctx.db
    _unlocked(window)
    directory_scenes.directory_search(window)
    page = window.page("directory")
    panel = page.search_tab.panel  # type: ignore[attr-defined]
    _wait(lambda: panel.detail is not None)
    org_id = panel.detail.id
    service = OrganizationService(db)
    signed_in = db.counsellor_id
    if not window.property("history_edits_made"):
        window.setProperty("history_edits_made", True)
        for initials in ("SD", "CL"):
            db.counsellor_id = demo_account(db, initials)
            detail = service.get(org_id)
            data = (
                replace(detail.data, phone="+33235381200")
                if initials == "SD"
                else replace(detail.data, description="Usinage de précision, tournage CN.")
            )
            service.update(org_id, data, version=detail.version)
        db.counsellor_id = signed_in
    panel.show_organization(org_id)
    tabs = page.search_tab.history_tabs  # type: ignore[attr-defined]
    tabs.setCurrentWidget(tabs.history)
    _wait(lambda: tabs.history.model.rowCount() > 0)
    return window


def global_history(window: MainWindow) -> QWidget:
    """The global view (a responsable's; the demo's administratrice has it too), the
    organisations' changes."""
    assert window.ctx is not None
    _unlocked(window)
    dialog = AuditDialog(window.ctx, window)
    dialog.entity_box.setCurrentIndex(dialog.entity_box.findData("organization"))
    dialog.show()
    dialog.load()
    _wait(lambda: dialog.search_button.isEnabled() and dialog.model.rowCount() > 0)
    return dialog
