"""The resources page (create, attach, open) and the taxonomy tab of the settings."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from PySide6.QtWidgets import QInputDialog, QMessageBox

import guichet.models as m
from guichet.services.resources import list_resources

from guichet.ui.context import AppContext
from guichet.ui.dialogs.settings import SettingsDialog
from guichet.ui.dialogs.taxonomy_tab import TaxonomyTab
from guichet.ui.pages.resources import ResourcesPage


def test_resource_created_with_a_file_that_opens_again(
    qtbot, ctx: AppContext, tmp_path: Path, message_boxes: list[str]
) -> None:
    page = ResourcesPage(ctx)
    qtbot.addWidget(page)
    page.title_edit.setText("Fiche Initiative Caux Seine")
    page.theme_box.setCurrentIndex(1)
    page.url_edit.setText("www.initiative.fr")
    page.save_button.click()
    assert "https://" in message_boxes[-1] and list_resources(ctx.db) == []
    page.url_edit.setText("https://www.initiative.fr")
    page.save_button.click()
    (saved,) = list_resources(ctx.db)
    assert saved.theme and page.current is not None and page.current.id == saved.id
    source = tmp_path / "fiche.pdf"
    source.write_bytes(b"%PDF-1.4 fiche")
    page.attach(source)
    assert page.file_label.text() == "fiche.pdf" and page.open_button.isEnabled()
    exported = page.export_file()
    assert exported is not None and exported.read_bytes() == b"%PDF-1.4 fiche"
    page.on_detach_button_clicked()
    assert list_resources(ctx.db)[0].file_name == ""


def test_taxonomy_tab_refuses_deleting_a_used_subject_and_offers_deactivation(
    qtbot, ctx: AppContext, monkeypatch
) -> None:
    with ctx.db.unit_of_work() as s:
        subject = s.scalars(select(m.Subject).where(m.Subject.name == "Prêt d'honneur")).one()
        inquiry = m.Inquiry(reference="D-2026-0001", received_at=subject.created_at)
        inquiry.needs.append(m.Need(subject_id=subject.id))
        s.add(inquiry)
        subject_id = subject.id
    asked: list[str] = []

    def answer_yes(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    tab = TaxonomyTab(ctx)
    qtbot.addWidget(tab)
    tab.reload(("subject", subject_id))
    tab.delete_button.click()
    assert asked and "ne peut pas être supprimé" in asked[0]
    with ctx.db.unit_of_work() as s:
        found = s.get(m.Subject, subject_id)
        assert found is not None and not found.active
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Hydrogène vert", True))
    tab.add_subject_button.click()
    with ctx.db.unit_of_work() as s:
        assert (
            s.scalars(select(m.Subject).where(m.Subject.name == "Hydrogène vert")).one().theme_id
            == found.theme_id
        )


def test_settings_dialog_has_the_taxonomy_tab(qtbot, ctx: AppContext) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "Thématiques" in titles
    assert dialog.findChild(TaxonomyTab, "taxonomyTab").tree.topLevelItemCount() >= 10  # type: ignore[union-attr]


def test_an_opened_attachment_has_a_windows_name_and_its_folder_goes_at_exit(
    qtbot, ctx: AppContext
) -> None:
    from guichet.services.resources import ResourceDraft, attach_file, save_resource
    from guichet.services.scratch import remove_scratch_folders

    created = save_resource(ctx.db, ResourceDraft(title="Fiche", url="https://exemple.fr"))
    attach_file(ctx.db, created.id, "fiche.pdf", b"%PDF-1.4")
    with ctx.db.unit_of_work() as s:  # a name stored by an older version, never cleaned
        resource = s.get(m.Resource, created.id)
        assert resource is not None
        resource.file_name = "C:\\docs\\Nul.pdf"
    page = ResourcesPage(ctx)
    qtbot.addWidget(page)
    page.refresh(select_id=created.id)
    exported = page.export_file()
    assert exported is not None and exported.name == "_Nul.pdf"
    assert exported.parent.name.startswith("guichet-ressource-")
    assert exported.parent in remove_scratch_folders()
    assert not exported.parent.exists()


def test_tab_leaves_an_empty_valid_until_field(qtbot, ctx: AppContext) -> None:
    """« Valable jusqu'au » showing « sans limite » gives Tab back to the form (a date edit
    kept it for its sections and the keyboard could not get past it)."""
    from PySide6.QtCore import Qt

    page = ResourcesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.valid_edit.text() == "sans limite"
    page.valid_edit.setFocus()
    qtbot.waitUntil(page.valid_edit.hasFocus)
    qtbot.keyClick(page.valid_edit, Qt.Key.Key_Tab)
    assert page.focusWidget() is page.active_box
