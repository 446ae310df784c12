"""The Historique tab and the global audit view, and what a conseiller's window disables:
keyboard, off-GUI-thread loads, the model tester, the export logged."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction

import guichet.models as m
from guichet.db import Database
from guichet.models import AuditAction
from guichet.services.demo.accounts import demo_account
from guichet.services.organizations import OrganizationData, OrganizationService
from tests.ui.windows import active_window

from guichet.ui.context import AppContext
from guichet.ui.dialogs.audit_dialog import AuditDialog
from guichet.ui.pages.directory import DirectoryPage
from guichet.ui.permission_gate import permissions_changed
from guichet.ui.widgets.history_view import HistoryView


def _renamed_organisation(db: Database) -> int:
    service = OrganizationService(db)
    created = service.create(OrganizationData(legal_name="Atelier Caux"))
    service.update(
        created.organization_id,
        OrganizationData(legal_name="Atelier Caux et fils"),
        version=created.version,
    )
    return created.organization_id


def test_the_history_model_passes_the_model_tester(
    qtbot, qtmodeltester, demo_ctx: AppContext
) -> None:
    org = _renamed_organisation(demo_ctx.db)
    view = HistoryView(demo_ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded):
        view.show_for("organization", org)
    qtmodeltester.check(view.model)
    texts = [
        [view.proxy.index(r, c).data() for c in range(view.proxy.columnCount())]
        for r in range(view.proxy.rowCount())
    ]
    assert texts[0][1:] == [
        "JV",
        "Raison sociale : Atelier Caux → Atelier Caux et fils",
    ]
    assert texts[-1][2] == "Création — Organisation"


def test_the_directory_shows_an_organisations_history_in_its_tab(
    qtbot, demo_ctx: AppContext
) -> None:
    org = _renamed_organisation(demo_ctx.db)
    page = DirectoryPage(demo_ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    search = page.search_tab
    search.show_organization(org)
    tabs = search.history_tabs
    tabs.tabBar().setFocus()
    with qtbot.waitSignal(tabs.history.loaded):
        qtbot.keyClick(tabs.tabBar(), Qt.Key.Key_Right)  # to « Historique », by keyboard
    assert tabs.tabText(1) == "Historique"
    assert tabs.history.model.rowCount() == 2
    assert tabs.history.model.rows()[0].new == "Atelier Caux et fils"


def test_the_global_view_filters_and_exports_and_the_export_is_logged(
    qtbot, demo_ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _renamed_organisation(demo_ctx.db)
    dialog = AuditDialog(demo_ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.search_button.isEnabled() and dialog.model.rowCount() > 0)
    dialog.action_box.setFocus()
    dialog.action_box.setCurrentIndex(dialog.action_box.findData(AuditAction.UPDATE))
    dialog.entity_box.setCurrentIndex(dialog.entity_box.findData("organization"))
    qtbot.keyClick(dialog.search_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.search_button.isEnabled())
    rows = dialog.model.rows()
    assert rows and {(r.action, r.entity) for r in rows} == {("Modification", "Organisation")}
    target = tmp_path / "historique.csv"
    monkeypatch.setattr(
        "guichet.ui.dialogs.audit_dialog.save_file_name",
        lambda *_args: (str(target), "CSV pour Excel (*.csv)"),
    )
    qtbot.keyClick(dialog.export_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "exportée(s)" in dialog.count_label.text())
    assert target.read_text(encoding="utf-8-sig").count("\n") == len(rows) + 1
    with demo_ctx.db.unit_of_work(write=False) as s:
        logged = s.scalars(
            select(m.AuditEntry.new_value).where(m.AuditEntry.action == AuditAction.EXPORT)
        ).all()
    assert logged == [f"Historique → historique.csv ({len(rows)} lignes)"]


def test_a_conseillers_window_disables_what_the_role_cannot_do_and_says_why(
    qtbot, demo_ctx: AppContext, qsettings: QSettings
) -> None:
    window = active_window(qtbot, demo_ctx, qsettings)
    window.show_page("directory")
    page = window.page("directory")
    assert isinstance(page, DirectoryPage)
    delete = page.search_tab.panel.delete_button
    audit = window.findChild(QAction, "auditAction")
    restore = window.findChild(QAction, "restoreAction")
    assert isinstance(audit, QAction) and isinstance(restore, QAction)
    assert audit.isEnabled() and restore.isEnabled()
    demo_ctx.set_counsellor(demo_account(demo_ctx.db, "SD"))  # as after a sign-in
    permissions_changed()
    assert not audit.isEnabled() and not restore.isEnabled() and not delete.isEnabled()
    assert delete.toolTip() == (
        "Votre rôle (conseiller) ne permet pas de supprimer des fiches : "
        "demandez à un responsable ou un administrateur."
    )
    assert "restaurer une sauvegarde" in restore.toolTip()
    assert not page.duplicates_tab.merge_button.isEnabled()
    demo_ctx.set_counsellor(demo_account(demo_ctx.db, "CL"))  # a responsable
    permissions_changed()
    assert audit.isEnabled() and restore.isEnabled() and delete.isEnabled()
    assert page.duplicates_tab.merge_button.isEnabled()


def test_a_contacts_dialog_has_its_history_tab_and_opening_it_is_logged_when_asked(
    qtbot, demo_ctx: AppContext
) -> None:
    from guichet.services.contacts import ContactData, ContactService
    from guichet.services.settings import SettingsService

    from guichet.ui.dialogs.contact_dialog import ContactDialog

    db = demo_ctx.db
    org = OrganizationService(db).create(OrganizationData(legal_name="Atelier Caux"))
    service = ContactService(db)
    contact = service.create(org.organization_id, ContactData(first_name="Anne", last_name="Morel"))
    SettingsService(db).update({"audit.log_reads": True})
    dialog = ContactDialog(demo_ctx, org.organization_id, service.get(contact.id))
    qtbot.addWidget(dialog)
    tabs = dialog.history_tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Coordonnées", "Historique"]
    assert dialog.edits["last_name"].text() == "Morel"  # the form still in the first tab
    with qtbot.waitSignal(tabs.history.loaded):
        tabs.setCurrentIndex(1)
    assert [r.change for r in tabs.history.model.rows()] == ["Création — Contact"]
    with db.unit_of_work(write=False) as s:
        reads = s.execute(
            select(m.AuditEntry.counsellor_id, m.AuditEntry.entity, m.AuditEntry.record_id).where(
                m.AuditEntry.action == AuditAction.READ
            )
        ).all()
    assert [tuple(r) for r in reads] == [(db.counsellor_id, "contact", contact.id)]


def test_opening_an_inquiry_logs_the_reading_once_and_its_tab_shows_its_status_changes(
    qtbot, demo_ctx: AppContext
) -> None:
    from guichet.services.settings import SettingsService

    from guichet.ui.pages.inquiries import InquiriesPage

    db = demo_ctx.db
    with db.unit_of_work() as s:
        inquiry = s.scalars(select(m.Inquiry).order_by(m.Inquiry.id.desc())).first()
        assert inquiry is not None
        inquiry.status = m.InquiryStatus.CLOSED
        inquiry_id = inquiry.id
    SettingsService(db).update({"audit.log_reads": True})
    page = InquiriesPage(demo_ctx)
    qtbot.addWidget(page)
    page.show()
    page.open_inquiry(inquiry_id)
    page.open_inquiry(inquiry_id)  # reloaded after an action: no second reading
    tabs = page.history_tabs
    with qtbot.waitSignal(tabs.history.loaded):
        tabs.setCurrentWidget(tabs.history)
    assert any(
        r.change.startswith("Statut : ") and r.change.endswith("→ Close")
        for r in tabs.history.model.rows()
    )
    with db.unit_of_work(write=False) as s:
        reads = s.scalars(
            select(m.AuditEntry.record_id).where(
                m.AuditEntry.action == AuditAction.READ, m.AuditEntry.entity == "inquiry"
            )
        ).all()
    assert reads == [inquiry_id]
