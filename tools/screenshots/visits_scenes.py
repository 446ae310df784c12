"""Scenes of company visits: the « Visites » page, the planning and record forms, the
questionnaire in Paramètres, « Entreprises à risque » on Accueil, and the brief PDF as a PNG."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from guichet.db import Database
from guichet.models import VisitStatus
from guichet.services.visit_brief import render_brief
from guichet.services.visits import VisitService
from tools.screenshots.demo_clock import DEMO_NOW

from guichet.ui.main_window import MainWindow


def _page(window: MainWindow) -> Any:
    window.show_page("visits")
    page: Any = window.page("visits")
    page.now = lambda: DEMO_NOW
    page.refresh()
    return page


def visits_page(window: MainWindow) -> QWidget:
    """The list, a visit that raised risk signals selected."""
    page = _page(window)
    assert window.ctx is not None
    risky = VisitService(window.ctx.db).risk_companies()
    if risky:
        page.select_visit(risky[0].visit_id)
    return window


def visit_plan(window: MainWindow) -> QWidget:
    """« Planifier une visite », the company picked, a partner coming along."""
    page = _page(window)
    assert window.ctx is not None
    row = next(r for r in VisitService(window.ctx.db).visits() if r.status == VisitStatus.PLANNED)
    dialog = page.plan_dialog(None)
    dialog.company.choose(row.organization_id, row.organization)
    if dialog.contact_box.count() > 1:
        dialog.contact_box.setCurrentIndex(1)
    dialog.partners_list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.notes_edit.setPlainText("Présenter le cluster et le prêt d'honneur.")
    dialog.show()
    return dialog


def visit_record(window: MainWindow) -> QWidget:
    """The record form of a done visit, its answers shown."""
    page = _page(window)
    assert window.ctx is not None
    risky = VisitService(window.ctx.db).risk_companies()
    page.select_visit(risky[0].visit_id if risky else None)
    dialog = page.on_record_button_clicked()
    assert dialog is not None
    return dialog


def visit_settings(window: MainWindow) -> QWidget:
    from guichet.ui.dialogs.settings import SettingsDialog

    assert window.ctx is not None
    dialog = SettingsDialog(window.ctx, window)
    dialog.tabs.setCurrentWidget(dialog.visits_tab)
    dialog.visits_tab.list.setCurrentRow(4)  # « Fin du bail »: a choice that raises a signal
    dialog.show()
    return dialog


def home_risks(window: MainWindow) -> QWidget:
    window.show_page("home")
    home = window.page("home")
    home.now = lambda: DEMO_NOW  # type: ignore[attr-defined]
    home.refresh()  # type: ignore[attr-defined]
    home.referral_tabs.setCurrentWidget(home.risk_view)  # type: ignore[attr-defined]
    return window


def write_brief_image(db: Database, out: Path, *, dpi: int = 70) -> list[Path]:
    """``fiche_visite.png``: the brief of the first planned visit, as printed."""
    if shutil.which("pdftoppm") is None:
        print("pdftoppm absent (paquet poppler-utils) : image de la fiche de visite non générée")
        return []
    rows = VisitService(db).visits(upcoming_only=True, now=DEMO_NOW)
    if not rows:
        return []
    pdf = render_brief(db, rows[0].id, now=DEMO_NOW).pdf
    target = out / "fiche_visite"
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "fiche.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(source), str(target)],
            check=True,
        )
    return [target.with_suffix(".png")]
