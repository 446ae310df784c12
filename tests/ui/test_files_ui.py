"""The import wizard end to end, the preview model, exports, backups and restore from the menu."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWizard

from guichet.importers.plan import ImportAction, ImportPlan, PlannedRow
from guichet.models import Base, Membership, Organization, OrganizationKind
from guichet.services.exports import ExportKind

from guichet.ui import file_actions
from guichet.ui.context import AppContext
from guichet.ui.dialogs.import_preview_model import ImportPreviewModel
from guichet.ui.dialogs.import_wizard import ImportWizard
from guichet.ui.export_button import ExportButton
from guichet.ui.main_window import MainWindow


def member_file(tmp_path: Path) -> Path:
    path = tmp_path / "membres.csv"
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Raison sociale", "SIRET", "Code postal", "Ville", "Téléphone"])
        writer.writerow(
            ["Usinage Lefèbvre", "732 829 320 00074", "76170", "Lillebonne", "02 35 12 34 56"]
        )
        writer.writerow(["Soudure Caux", "", "76210", "Bolbec", ""])
        writer.writerow(['=HYPERLINK("x")', "", "", "", ""])
    return path


def organizations(ctx: AppContext) -> int:
    with ctx.db.unit_of_work() as s:
        return s.scalar(select(func.count()).select_from(Organization)) or 0


def test_wizard_maps_previews_imports_and_reports(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.file_page.path_edit.setText(str(member_file(tmp_path)))
    wizard.file_page.kind_box.setCurrentIndex(1)
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    assert wizard.mapping_page.mapping() == ("legal_name", "siret", "postal_code", "city", "phone")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.plan is not None, timeout=10000)
    assert "À créer : 2" in wizard.preview_page.summary.text()
    assert "rejetées : 1" in wizard.preview_page.summary.text()
    wizard.preview_page.filter_box.setCurrentIndex(
        wizard.preview_page.filter_box.findData(ImportAction.REJECT)
    )
    assert wizard.preview_page.proxy.rowCount() == 1
    assert organizations(ctx) == 0  # nothing written before the last step
    wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=10000) as imported:
        pass
    assert imported.args == [2]
    assert organizations(ctx) == 3  # the two members and the network they join
    with ctx.db.unit_of_work() as s:
        kinds = set(s.scalars(select(Organization.kind)))
        joined = s.scalar(select(func.count()).select_from(Membership))
    assert kinds == {OrganizationKind.MEMBER, OrganizationKind.NETWORK}
    assert joined == 2
    assert wizard.run_page.save_button.isEnabled()
    report = tmp_path / "rapport.csv"
    original = QFileDialog.getSaveFileName
    QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(report), ""))  # type: ignore[method-assign]
    try:
        wizard.run_page.save_button.click()
    finally:
        QFileDialog.getSaveFileName = original  # type: ignore[method-assign]
    assert "formule" in report.read_text(encoding="utf-8-sig")


def test_a_refused_file_keeps_the_wizard_on_its_first_page(
    qtbot,
    ctx: AppContext,
    tmp_path: Path,
    message_boxes: list[str],
) -> None:
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(binary))
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert "binaire" in message_boxes[0]


def test_cancelling_the_import_writes_nothing(
    qtbot,
    ctx: AppContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import guichet.importers.commit as commit

    original = commit.write_plan

    def slow_write(*args, **kwargs):
        check = kwargs["check"]
        for _ in range(500):
            check()
            __import__("time").sleep(0.01)
        return original(*args, **kwargs)

    monkeypatch.setattr("guichet.services.imports.write_plan", slow_write)
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(member_file(tmp_path)))
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.plan is not None, timeout=10000)
    wizard.next()
    assert wizard.run_page.running
    assert not wizard.button(QWizard.WizardButton.CancelButton).isEnabled()
    wizard.run_page.cancel_button.click()
    qtbot.waitUntil(lambda: not wizard.run_page.running, timeout=10000)
    assert "rien n'a été enregistré" in wizard.run_page.status.text()
    assert organizations(ctx) == 0


def test_preview_model_passes_the_model_tester(qtmodeltester) -> None:
    model = ImportPreviewModel(lambda text: text)
    rows = [
        PlannedRow(
            line=2,
            action=ImportAction.CREATE,
            name="A",
            siret="73282932000074",
            city="X",
            reason="",
        ),
        PlannedRow(
            line=3, action=ImportAction.REJECT, name="", siret="", city="", reason="formule"
        ),
    ]
    model.set_rows(ImportPlan(rows=rows, kind=OrganizationKind.COMPANY).rows)
    qtmodeltester.check(model)
    assert model.data(model.index(0, 3)) == "732 829 320 00074"
    assert model.data(model.index(1, 1)) == "Rejeter"


def test_file_menu_has_the_file_actions_and_close_makes_a_backup(
    qtbot,
    ctx: AppContext,
    qsettings: QSettings,
) -> None:
    window = MainWindow(qsettings, ctx=ctx)
    qtbot.addWidget(window)
    names = [a.objectName() for a in window.file_menu.actions()]
    for name in (
        "importAction",
        "sireneImportAction",
        "exportAction",
        "backupAction",
        "restoreAction",
    ):
        assert name in names
    assert names.index("restoreAction") < names.index("settingsAction")
    from guichet.services.settings import SettingsService

    SettingsService(ctx.db).update({"agency.city": "Bolbec"})  # a day's work wrote something
    window.close()
    assert list(ctx.paths.backup_dir.glob("auto-*.sqlite3"))


def test_closing_after_writing_nothing_makes_no_backup(
    qtbot,
    ctx: AppContext,
    qsettings: QSettings,
) -> None:
    window = MainWindow(qsettings, ctx=ctx)
    qtbot.addWidget(window)
    window.close()
    assert not list(ctx.paths.backup_dir.glob("auto-*.sqlite3"))


def test_export_button_exports_the_rows_shown(
    qtbot,
    demo_ctx: AppContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[str],
) -> None:
    with demo_ctx.db.unit_of_work() as s:
        shown = list(s.scalars(select(Organization.id).limit(3)))
    target = tmp_path / "annuaire"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Classeur Excel (*.xlsx)")
    )
    button = ExportButton(demo_ctx, ExportKind.ORGANIZATIONS, lambda: shown)
    qtbot.addWidget(button)
    with qtbot.waitSignal(button.exported, timeout=10_000):
        button.click()
    from openpyxl import load_workbook

    sheet = load_workbook(target.with_suffix(".xlsx")).active
    assert sheet is not None and sheet.max_row == 4
    assert "3 ligne(s)" in message_boxes[0]


def _unreferenced() -> str:
    """SQL condition: organizations no restricting foreign key points to (referrals, inquiries,
    routing rules, opportunities…: whatever tables the schema has)."""
    refs = sorted(
        (fk.parent.table.name, fk.parent.name)
        for table in Base.metadata.tables.values()
        for fk in table.foreign_keys
        if fk.column.table.name == "organization"
        and (fk.ondelete or "").upper() not in ("CASCADE", "SET NULL")
    )
    return " AND ".join(f"id NOT IN (SELECT {c} FROM {t} WHERE {c} IS NOT NULL)" for t, c in refs)


def test_backup_then_restore_from_the_menu(
    qtbot,
    demo_ctx: AppContext,
    qsettings: QSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[str],
) -> None:
    window = MainWindow(qsettings, ctx=demo_ctx)
    qtbot.addWidget(window)
    target = tmp_path / "copie.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert file_actions.backup(window) == target
    before = organizations(demo_ctx)
    with demo_ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(f"DELETE FROM organization WHERE {_unreferenced()}")
    assert organizations(demo_ctx) < before
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))

    def answer(box: QMessageBox) -> int:
        if box.objectName() == "restoreConfirmBox":
            return QMessageBox.StandardButton.Yes
        message_boxes.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert file_actions.restore(window) is not None
    assert organizations(demo_ctx) == before
    assert "maintenant affichées" in message_boxes[-1]
    assert window.current_page_key() in window.pages
