"""Screenshot scenes of the desk away from its server (``make screenshots``): the window opened
on the local copy of the directory, dated, with the server back and two inquiries waiting; the
« Demandes en attente d'envoi » dialog."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from guichet.models import Organization, Subject
from guichet.services.intake import IntakeDraft, NeedDraft, NewContact
from guichet.services.offline_copy import open_copy, refresh_copy
from tools.screenshots.demo_clock import DEMO_NOW

from guichet.ui.context import AppContext
from guichet.ui.offline_desk import OfflineDesk
from guichet.ui.offline_outbox import OutboxDialog

if TYPE_CHECKING:
    from guichet.ui.main_window import MainWindow

_OFFLINE: list[MainWindow] = []


def _offline_window(window: MainWindow) -> MainWindow:
    """A second window, on the local copy of the demo directory made at DEMO_NOW."""
    from guichet.ui.main_window import MainWindow

    if _OFFLINE:
        return _OFFLINE[0]
    assert window.ctx is not None
    paths = window.ctx.paths
    db = window.ctx.db
    refresh_copy(db, paths.data_dir, now=DEMO_NOW - timedelta(hours=16, minutes=8))
    copy, _info = open_copy(paths.data_dir, db.url)
    settings = QSettings(str(paths.data_dir / "hors-ligne.ini"), QSettings.Format.IniFormat)
    offline = MainWindow(settings, ctx=AppContext(db=copy, paths=paths), location=copy.url)
    desk = offline.offline_desk  # type: ignore[attr-defined]
    assert isinstance(desk, OfflineDesk)
    desk.timer.stop()  # no probing during the captures
    with copy.unit_of_work(write=False) as s:
        org = s.scalars(
            select(Organization)
            .where(Organization.legal_name.like("Ateliers%"))
            .order_by(Organization.legal_name)
        ).first()
        subjects = list(s.scalars(select(Subject.id).order_by(Subject.id).limit(2)))
    assert org is not None
    desk.outbox.add(
        IntakeDraft(
            DEMO_NOW - timedelta(hours=2),
            (NeedDraft(subjects[0], "Reprise"),),
            organization_id=org.id,
        ),
        org.legal_name,
        now=DEMO_NOW,
    )
    desk.outbox.add(
        IntakeDraft(
            DEMO_NOW - timedelta(hours=1),
            (NeedDraft(subjects[1], "Création d'une micro-entreprise"),),
            new_contact=NewContact("Durand", "Léa", phone="06 12 34 56 78"),
        ),
        "Léa Durand",
        now=DEMO_NOW,
    )
    desk._probed(True)  # the server answers again: « Envoyer les 2 demandes en attente »
    offline.show()
    offline.show_page("directory")
    _OFFLINE.append(offline)
    return offline


def offline_window(window: MainWindow) -> QWidget:
    offline = _offline_window(window)
    offline.setGeometry(window.geometry())
    return offline


def outbox(window: MainWindow) -> QWidget:
    offline = _offline_window(window)
    desk = offline.offline_desk  # type: ignore[attr-defined]
    dialog = OutboxDialog(desk.outbox, offline)
    dialog.show()
    return dialog
