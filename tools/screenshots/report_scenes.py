"""The activity report: its dialog with the PDF previewed, and pages of the PDF itself
(``pdftoppm``), so the documentation shows what the board receives."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from PySide6.QtWidgets import QApplication, QWidget

from guichet.db import Database
from guichet.letters.report_pdf import render_activity_report
from guichet.services.activity_report import build_report
from guichet.services.figures import Period
from tools.screenshots.demo_clock import DEMO_NOW

from guichet.ui.dialogs.report_dialog import ReportDialog
from guichet.ui.main_window import MainWindow

#: pages shown in the README, found by a title they carry: headline and réactivité, the
#: inquiries by channel and theme, the map
PAGES = {
    "rapport-page1": "Chiffres clés",
    "rapport-demandes": "Demandes par mois et par canal",
    "rapport-carte": "Demandes par commune du territoire",
}


def _page_with(pdf: bytes, title: str) -> int:
    reader = PdfReader(io.BytesIO(pdf))
    for number, page in enumerate(reader.pages, start=1):
        if title in (page.extract_text() or ""):
            return number
    return 1


def report_dialog(window: MainWindow) -> QWidget:
    assert window.ctx is not None
    dialog = ReportDialog(window.ctx, window)
    dialog.period_picker.set_period(Period.of_quarter(DEMO_NOW.year, 3))
    folder = Path(tempfile.mkdtemp(prefix="guichet-rapport-"))
    dialog.path_edit.setText(str(folder / "Rapport d'activité - 3e trimestre 2026.pdf"))
    dialog.show()
    dialog.generate_button.click()
    deadline = time.monotonic() + 60
    while dialog.task is not None and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)
    return dialog


def write_report_images(db: Database, out: Path, *, dpi: int = 70) -> list[Path]:
    """The year's report as of the demo's day: a few pages as PNG."""
    if shutil.which("pdftoppm") is None:
        print("pdftoppm absent (paquet poppler-utils) : pages du rapport non générées")
        return []
    document = build_report(db, Period.of_year(DEMO_NOW.year), now=DEMO_NOW)
    rendered = render_activity_report(document)
    written = []
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "rapport.pdf"
        source.write_bytes(rendered.pdf)
        for name, title in PAGES.items():
            page = _page_with(rendered.pdf, title)
            target = out / name
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                 "-singlefile", str(source), str(target)],
                check=True,
            )  # fmt: skip
            written.append(target.with_suffix(".png"))
    return written
