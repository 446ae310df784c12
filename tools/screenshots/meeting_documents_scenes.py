"""``make screenshots`` renders a meeting's sign-in sheet and badge sheet to PNG (poppler's
``pdftoppm``), from the demo meeting with the most registrants, so the documentation shows what
the desk prints on the day. Run alone: ``python -m tools.screenshots.meeting_documents_scenes``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QWidget

from guichet.db import Database
from guichet.services.meeting_files import MeetingFiles
from guichet.services.meetings import list_meetings
from tools.screenshots.demo_clock import DEMO_NOW

from guichet.ui.main_window import MainWindow


def busiest_meeting(db: Database, now: datetime = DEMO_NOW) -> int | None:
    """The demo meeting with the most people registered (the hydrogen meeting)."""
    rows = list_meetings(db, now=now)
    if not rows:
        return None
    return max(rows, key=lambda row: (row.counts.registered, row.counts.present, -row.id)).id


PDFTOPPM = ("pdftoppm", "-png", "-f", "1", "-l", "1", "-singlefile")


def _png(pdf: bytes, target: Path, dpi: int) -> Path:
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "document.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [*PDFTOPPM, "-r", str(dpi), str(source), str(target)],
            check=True,
        )
    return target.with_suffix(".png")


def write_meeting_document_images(db: Database, out: Path, *, dpi: int = 70) -> list[Path]:
    """``emargement.png`` and ``badges.png`` (first pages)."""
    if shutil.which("pdftoppm") is None:
        print("pdftoppm absent (paquet poppler-utils) : images des réunions non générées")
        return []
    meeting_id = busiest_meeting(db)
    if meeting_id is None:
        print("Aucune réunion dans la base de démonstration : images des réunions non générées")
        return []
    files = MeetingFiles(db)
    return [
        _png(files.sign_in_sheet(meeting_id).data, out / "emargement", dpi),
        _png(files.badges(meeting_id).data, out / "badges", dpi),
    ]


def invitations_dialog(window: MainWindow) -> QWidget:
    """The invitations of the next meeting, a letter to every invitee, previewed in their
    window (the print run, the .ics and the e-mail drafts)."""
    from PySide6.QtWidgets import QApplication

    from guichet.ui.dialogs.meeting_documents_dialog import MeetingDocumentDialog

    assert window.ctx is not None
    upcoming = [r for r in list_meetings(window.ctx.db, now=DEMO_NOW) if r.start_at >= DEMO_NOW]
    meeting_id = max(upcoming[:2], key=lambda r: r.counts.invited).id
    dialog = MeetingDocumentDialog(window.ctx, meeting_id, "invitations", window)
    dialog.everyone_box.setChecked(True)
    dialog.show()
    deadline = time.monotonic() + 60
    while dialog.made is None and time.monotonic() < deadline:  # the letters, laid out
        QApplication.processEvents()
        time.sleep(0.02)
    return dialog


def main(argv: list[str] | None = None) -> int:
    from guichet.services.bootstrap import open_database
    from guichet.services.demo import generate_demo

    parser = argparse.ArgumentParser(description="Feuille d'émargement et badges en PNG")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="guichet-meeting-images-"))
    db = open_database(f"sqlite:///{work / 'demo.sqlite3'}", create=True)
    generate_demo(db, now=DEMO_NOW)
    for path in write_meeting_document_images(db, args.out):
        print(path)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
