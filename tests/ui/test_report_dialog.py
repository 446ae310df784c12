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
from guichet.services.figures.period import CUSTOM, MONTH

from guichet.ui.context import AppContext
from guichet.ui.dialogs import report_dialog
from guichet.ui.dialogs.report_dialog import ReportDialog
from guichet.ui.dialogs.report_period import ReportPeriodForm


def _dialog(qtbot: Any, ctx: AppContext, target: Path) -> ReportDialog:
    dialog = ReportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(target))
    return dialog


def test_period_picker_proposes_the_last_whole_quarter(qtbot: Any) -> None:
    form = ReportPeriodForm(date(2026, 11, 20))
    qtbot.addWidget(form)
    assert form.period() == Period.of_quarter(2026, 3)
    assert "2e trimestre 2025" not in form.summary.text()
    assert "3e trimestre 2025" in form.summary.text()
    assert form.form.isRowVisible(form.quarter_box) and not form.form.isRowVisible(form.month_box)
    form.kind_box.setCurrentIndex(form.kind_box.findData(MONTH))
    form.month_box.setCurrentIndex(1)
    assert form.period() == Period.of_month(2026, 2)
    assert form.form.isRowVisible(form.month_box) and not form.form.isRowVisible(form.start_edit)
    form.kind_box.setCurrentIndex(form.kind_box.findData(CUSTOM))
    form.start_edit.setDate(QDate(2026, 5, 1))
    form.end_edit.setDate(QDate(2026, 4, 1))
    assert "précède sa date de début" in form.summary.text()
    assert not form.form.isRowVisible(form.year_box)
    assert ReportPeriodForm(date(2026, 2, 3)).period() == Period.of_quarter(2025, 4)


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
