"""Fichier › Rapport d'activité… : the period picked, the report written off the GUI thread and
previewed (PDF) or saved as a workbook; a cancel leaves no file; bad dates are told in French."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QDate

from guichet.services.figures import Period
from guichet.services.figures.period import CUSTOM

from guichet.ui.context import AppContext
from guichet.ui.dialogs import report_dialog
from guichet.ui.dialogs.report_dialog import ReportDialog, last_whole_quarter


def _dialog(qtbot: Any, ctx: AppContext, target: Path) -> ReportDialog:
    dialog = ReportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(target))
    return dialog


def test_the_last_whole_quarter_is_proposed(qtbot: Any, ctx: AppContext) -> None:
    assert last_whole_quarter(date(2026, 11, 20)) == Period.of_quarter(2026, 3)
    assert last_whole_quarter(date(2026, 2, 3)) == Period.of_quarter(2025, 4)
    dialog = ReportDialog(ctx)
    qtbot.addWidget(dialog)
    period = last_whole_quarter(date.today())
    assert dialog.period_picker.period() == period
    assert dialog.path_edit.text().endswith(f"Rapport d'activité - {period.label}.pdf")
    dialog.period_picker.set_period(Period.of_month(2026, 2))
    assert dialog.path_edit.text().endswith("Rapport d'activité - février 2026.pdf")


def test_wrong_dates_are_told_and_nothing_is_written(
    qtbot: Any, ctx: AppContext, tmp_path: Path, message_boxes: list[str]
) -> None:
    dialog = _dialog(qtbot, ctx, tmp_path / "rapport.pdf")
    picker = dialog.period_picker
    picker.kind_box.setCurrentIndex(picker.kind_box.findData(CUSTOM))
    picker.start_edit.setDate(QDate(2026, 5, 1))
    picker.end_edit.setDate(QDate(2026, 4, 1))
    dialog.generate_button.click()
    assert message_boxes and "précède sa date de début" in message_boxes[0]
    assert dialog.task is None and not (tmp_path / "rapport.pdf").exists()


def test_pdf_is_written_then_previewed(qtbot: Any, demo_ctx: AppContext, tmp_path: Path) -> None:
    target = tmp_path / "rapport.pdf"
    dialog = _dialog(qtbot, demo_ctx, target)
    dialog.generate_button.click()
    assert not dialog.generate_button.isEnabled() and dialog.cancel_button.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=60000)
    assert "Rapport enregistré" in dialog.status.text(), dialog.status.text()
    assert target.read_bytes().startswith(b"%PDF")
    assert dialog.view.document().pageCount() == dialog.written.pages >= 5  # type: ignore[union-attr]
    assert dialog.generate_button.isEnabled() and not dialog.cancel_button.isVisibleTo(dialog)


def test_workbook_is_written(qtbot: Any, demo_ctx: AppContext, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, demo_ctx, tmp_path / "rapport.pdf")
    dialog.xlsx_radio.setChecked(True)
    assert dialog.path_edit.text() == str(tmp_path / "rapport.xlsx")
    dialog.generate_button.click()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=60000)
    assert "Classeur enregistré" in dialog.status.text(), dialog.status.text()
    assert (tmp_path / "rapport.xlsx").is_file()


def test_cancel_leaves_no_file(
    qtbot: Any, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = threading.Event()

    def slow(_db: object, _period: object, path: Path, *, progress: Any) -> None:
        started.set()
        for _ in range(2000):  # until the cancel is seen (at most 20 s)
            progress(0, 1)
            threading.Event().wait(0.01)
        path.write_bytes(b"not cancelled")

    monkeypatch.setattr(report_dialog, "write_report", slow)
    target = tmp_path / "rapport.pdf"
    dialog = _dialog(qtbot, ctx, target)
    dialog.generate_button.click()
    qtbot.waitUntil(started.is_set, timeout=10000)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10000)
    assert "annulée" in dialog.status.text()
    assert not target.exists()


def test_bad_destination_is_told_in_french(qtbot: Any, ctx: AppContext, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, ctx, tmp_path / "rapport.odt")
    dialog.generate_button.click()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10000)
    assert ".pdf ou .xlsx" in dialog.status.text()
    assert dialog.generate_button.isEnabled()
