"""Scenes of personal data: the « Données personnelles » page, the card's rights actions on a
contact, the Paramètres tab, and the notice, register and export summary as printed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from guichet.db import Database
from guichet.letters.record_document import render_record_document
from guichet.models import Contact, Inquiry
from guichet.services.personal_data.documents import build_register, notice_pdf, register_document
from guichet.services.personal_data.person_data import person_data
from guichet.services.personal_data.rights import summary_document
from guichet.services.settings import SettingsService

from guichet.ui.main_window import MainWindow

PDFTOPPM = ("pdftoppm", "-png", "-r")


def _wait(done: object, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:  # type: ignore[operator]
        QApplication.processEvents()
        time.sleep(0.01)


def personal_data(window: MainWindow) -> QWidget:
    window.show_page("personal_data")
    page = window.page("personal_data")
    page.refresh()  # type: ignore[attr-defined]
    _wait(lambda: page.task is None and page.listed is not None)  # type: ignore[attr-defined]
    page.contacts_view.selectRow(0)  # type: ignore[attr-defined]
    page.contacts_view.setFocus()  # type: ignore[attr-defined]
    return window


def _card_with_contact(window: MainWindow) -> QWidget:
    from tools.screenshots import directory_scenes

    directory_scenes.directory_search(window)
    panel = window.page("directory").search_tab.panel  # type: ignore[attr-defined]
    button = panel.findChild(QWidget, "contactRightsButton")
    panel.ensureWidgetVisible(button)
    button.setFocus()
    return button


def contact_rights(window: MainWindow) -> QWidget:
    _card_with_contact(window)
    return window


def contact_rights_menu(window: MainWindow) -> QWidget:
    button = _card_with_contact(window)
    menu = button.menu()  # type: ignore[attr-defined]
    menu.popup(button.mapToGlobal(button.rect().bottomLeft()))
    menu.setActiveAction(menu.actions()[0])
    return menu


def rgpd_settings(window: MainWindow) -> QWidget:
    from guichet.ui.dialogs.settings import SettingsDialog

    assert window.ctx is not None
    dialog = SettingsDialog(window.ctx, window)
    dialog.tabs.setCurrentWidget(dialog.rgpd_tab)
    dialog.show()
    return dialog


def _person_with_inquiries(db: Database) -> int:
    with db.unit_of_work(write=False) as s:
        found = s.scalar(
            select(Inquiry.contact_id).where(Inquiry.contact_id.is_not(None)).order_by(Inquiry.id)
        )
        return int(found or s.scalar(select(Contact.id)) or 0)


def write_rgpd_images(db: Database, out: Path, *, dpi: int = 60) -> list[Path]:
    """``mentions_information.png``, ``registre_traitements.png``, ``synthese_donnees.png``."""
    if shutil.which("pdftoppm") is None:
        print("pdftoppm absent (paquet poppler-utils) : images RGPD non générées")
        return []
    QThreadPool.globalInstance().waitForDone(10_000)
    values = SettingsService(db).all()
    now = datetime.now()
    with db.unit_of_work(write=False) as session:
        data, _letters = person_data(session, _person_with_inquiries(db))
    pdfs = {
        "mentions_information": notice_pdf(db),
        "registre_traitements": render_record_document(
            register_document(build_register(db), values, now)
        ).pdf,
        "synthese_donnees": render_record_document(summary_document(data, values, now)).pdf,
    }
    written = []
    with tempfile.TemporaryDirectory() as work:
        for name, pdf in pdfs.items():
            source = Path(work) / f"{name}.pdf"
            source.write_bytes(pdf)
            target = out / name
            subprocess.run(
                [
                    *PDFTOPPM,
                    str(dpi),
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(source),
                    str(target),
                ],
                check=True,
            )
            written.append(target.with_suffix(".png"))
    return written
