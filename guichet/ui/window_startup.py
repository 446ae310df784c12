"""The main window's start: what it attaches once built, its database and what works on it.

The window is built without a database (:class:`guichet.ui.main_window.MainWindow`); here are
its status bar with the session (the counsellor signed in, the lock), the geometry, splitter and
page remembered from the last session (:func:`remember_state` writes them back on close), then
:func:`open_database` and :func:`attach`: a server's round trips off the GUI thread, the live
updates, the session started, the permission gates of the menus, the offline desk; and, back in
the event loop, the intake left unsaved by the last session and, at the application's start,
the anonymisation proposal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QFrame, QLabel

from guichet.errors import GuichetError

from guichet.ui.account_actions import gate_window_actions
from guichet.ui.context import AppContext
from guichet.ui.feedback import show_error
from guichet.ui.screen_fit import fit_to_screen, keep_on_screen
from guichet.ui.session_guard import SessionGuard
from guichet.ui.tasks import run_task

if TYPE_CHECKING:
    from guichet.db import Database

    from guichet.ui.main_window import MainWindow

#: the window's size at the reference font, when none is remembered (bounded by the screen)
DEFAULT_SIZE = QSize(1280, 800)


def build_status_bar(window: MainWindow, location: str) -> None:
    """The database (or the offline copy) and the counsellor signed in, with the session."""
    status = window.statusBar()
    window.counsellor_label = QLabel(window.tr("Aucun conseiller"))
    window.counsellor_label.setObjectName("counsellorLabel")
    window.counsellor_label.setAccessibleName(window.tr("Conseiller connecté"))
    window.counsellor_label.setToolTip(window.tr("Changer de conseiller : Ctrl+L"))
    window.db_label = QLabel(location.replace("sqlite:///", ""))
    window.db_label.setObjectName("databaseLabel")
    # permanent (right side): a temporary message never covers the database's name
    status.addPermanentWidget(window.db_label)
    separator = QFrame()
    separator.setFrameShape(QFrame.Shape.VLine)
    separator.setFrameShadow(QFrame.Shadow.Sunken)
    status.addPermanentWidget(separator)
    status.addPermanentWidget(QLabel(window.tr("Conseiller :")))
    status.addPermanentWidget(window.counsellor_label)
    window.guard = SessionGuard(window, window.frame, window.counsellor_label)


def restore_state(window: MainWindow) -> None:
    """The geometry, splitter and page of the last session (a default size the first time)."""
    settings, specs = window.settings, window.specs
    geometry = settings.value("main_window/geometry")
    if geometry is None or not window.restoreGeometry(geometry):
        fit_to_screen(window, DEFAULT_SIZE)
    else:  # remembered on a larger screen, or before a larger scaling
        keep_on_screen(window)
    splitter = settings.value("main_window/splitter")
    if splitter is not None:
        window.splitter.restoreState(splitter)
    else:
        window.splitter.setSizes([window.navigation.maximumWidth(), window.width()])
    last = str(settings.value("main_window/page", specs[0].key))
    window.show_page(last if any(s.key == last for s in specs) else specs[0].key)


def remember_state(window: MainWindow) -> None:
    """What :func:`restore_state` reads at the next start (the window closes)."""
    window.settings.setValue("main_window/geometry", window.saveGeometry())
    window.settings.setValue("main_window/splitter", window.splitter.saveState())
    window.settings.setValue("main_window/page", window.current_page_key())
    window.settings.sync()


def open_database(window: MainWindow, opener: Callable[[], Database]) -> None:
    """Opens the database off the GUI thread, then attaches it."""
    window.statusBar().showMessage(window.tr("Ouverture de la base de données…"))
    run_task(
        lambda _control: opener(),
        on_success=lambda db: database_opened(window, db),
        on_error=lambda exc: database_failed(window, exc),
        parent=window,
    )


def database_opened(window: MainWindow, db: Database) -> None:
    assert window.paths is not None
    window.statusBar().clearMessage()
    window.attach(AppContext(db=db, paths=window.paths))
    if db.created:
        message = window.tr("Nouvelle base créée : %1").replace("%1", str(db.path or db.url))
        window.statusBar().showMessage(message)


def database_failed(window: MainWindow, exc: BaseException) -> None:
    window.statusBar().clearMessage()
    if isinstance(exc, GuichetError):
        window.loading_label.setText(exc.message)
        show_error(window, exc)
    else:
        window.loading_label.setText(window.tr("La base de données n'a pas pu être ouverte."))
        sys.excepthook(type(exc), exc, exc.__traceback__)  # logged, shown as unexpected
    window.database_failed.emit()


def attach(window: MainWindow, ctx: AppContext) -> None:
    """Gives ``ctx`` to the window and hooks in what works on its database."""
    from guichet.ui import off_thread_io
    from guichet.ui.live_updates import WindowLiveUpdates

    off_thread_io.install(ctx.db)  # a server's round trips never freeze the window
    window.ctx = ctx
    window.live_updates = WindowLiveUpdates(window)  # a colleague's save, the server's state
    window.settings_action.setEnabled(True)
    window.guard.start()
    gate_window_actions(window)
    window.on_navigation_current_row_changed(window.navigation.currentRow())
    from guichet.ui.offline_desk import install_offline_desk  # imports the database layer

    install_offline_desk(window)  # the local copy of a server's directory, the outbox
    window.database_attached.emit()
    QTimer.singleShot(0, window, lambda: offer_intake_draft(window))
    if window.propose_at_start:
        QTimer.singleShot(0, window, lambda: propose_anonymisation(window))


def offer_intake_draft(window: MainWindow) -> None:
    """An intake left unsaved by the last session (closed, killed, crashed) is offered back."""
    from guichet.ui.dialogs.intake_draft import offer_draft

    offer_draft(window)


def propose_anonymisation(window: MainWindow) -> None:
    """Once a month, to a responsable: anonymise what is past retention."""
    from guichet.ui.personal_data_prompt import propose_anonymisation as propose

    propose(window)
