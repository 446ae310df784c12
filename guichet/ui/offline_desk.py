"""The window's side of the desk away from its server (:mod:`guichet.services.offline_copy`).

Connected to a team server, it refreshes the local copy of the directory off the GUI thread,
shortly after the start and then every ``offline.refresh_minutes``. Opened on the local copy
(the server did not answer at start), it dates the copy in the window and the status bar,
sends new inquiries to the outbox, probes the server every few seconds off the GUI thread, and
when the server answers offers « Envoyer les N demandes en attente »: the server database is
reopened, the outbox sent (one transaction per inquiry) and the result listed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QToolBar

from guichet.services.offline_copy import (
    DEFAULT_REFRESH_MINUTES,
    dated_title,
    offline_info,
    refresh_copy,
    server_reachable,
    server_url,
)
from guichet.services.outbox import Outbox, SendResult, outbox_path

from guichet.ui.context import AppContext
from guichet.ui.feedback import show_task_error
from guichet.ui.tasks import Task, run_task

if TYPE_CHECKING:
    from guichet.db import Database

    from guichet.ui.dialogs.intake_dialog import IntakeDialog
    from guichet.ui.main_window import MainWindow

log = logging.getLogger(__name__)

PROBE_MS = 10_000
FIRST_REFRESH_MS = 15_000


class OfflineDesk(QObject):
    """One per attached database; replaced when the window attaches another."""

    def __init__(self, window: MainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.url = server_url(ctx.db)
        self.outbox = Outbox(outbox_path(ctx.paths.data_dir, self.url))
        self.info = offline_info(ctx.db)
        self.task: Task | None = None
        self.timer = QTimer(self)
        self.title = window.windowTitle()  # given back when the copy is left
        if self.info is not None:
            self._start_offline()
        elif ctx.db.dialect == "postgresql":
            self._start_refreshing()

    def stop(self) -> None:
        self.timer.stop()
        action = getattr(self, "outbox_action", None)
        if action is not None:
            self.window.file_menu.removeAction(action)
            action.deleteLater()
        if self.info is not None:
            self.window.removeToolBar(self.bar)
            self.bar.deleteLater()
            self.window.setWindowTitle(self.title)
            self.window.db_label.setText(self.location)
        self.deleteLater()

    # -- connected: keep the local copy fresh ----------------------------------------------------
    def _start_refreshing(self) -> None:
        from guichet.services.settings import SettingsService

        try:
            minutes = int(SettingsService(self.ctx.db).get("offline.refresh_minutes"))
        except Exception:
            minutes = DEFAULT_REFRESH_MINUTES
        self.timer.setInterval(max(minutes, 1) * 60_000)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        QTimer.singleShot(FIRST_REFRESH_MS, self, self.refresh)

    def refresh(self) -> None:
        if self.task is not None:
            return
        db, folder = self.ctx.db, self.ctx.paths.data_dir
        self.task = run_task(
            lambda _control: refresh_copy(db, folder),
            on_success=lambda _info: self._done(),
            on_error=self._refresh_failed,
            parent=self,
        )

    def _done(self) -> None:
        self.task = None

    def _refresh_failed(self, exc: BaseException) -> None:
        self.task = None
        log.warning("Copie locale de l'annuaire non rafraîchie : %s", exc)

    # -- offline: the copy, the outbox, the probe ------------------------------------------------
    def _start_offline(self) -> None:
        assert self.info is not None
        window = self.window
        dated = dated_title(self.info)
        window.setWindowTitle(window.tr("Guichet — %1 (hors ligne)").replace("%1", dated))
        self.banner = QLabel(
            window.tr(
                "Hors ligne — %1 · lecture seule · les nouvelles demandes sont gardées et "
                "seront envoyées au retour du serveur"
            ).replace("%1", dated)
        )
        self.banner.setObjectName("offlineBanner")
        self.banner.setWordWrap(True)
        self.banner.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.banner.setStyleSheet(
            "QLabel { font-weight: bold; color: palette(highlighted-text);"
            " background: palette(highlight); padding: 4px 8px; }"
        )
        self.send_button = QPushButton()
        self.send_button.setObjectName("sendOutboxButton")
        self.send_button.clicked.connect(self.go_online)
        self.bar = QToolBar(window.tr("Hors ligne"), window)
        self.bar.setObjectName("offlineBar")
        self.bar.setAccessibleName(window.tr("Hors ligne"))
        self.bar.setMovable(False)
        self.bar.setFloatable(False)
        self.bar.addWidget(self.banner)
        self.send_action = self.bar.addWidget(self.send_button)
        self.send_action.setVisible(False)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        self.location = window.db_label.text()
        window.db_label.setText(window.tr("Copie locale de l'annuaire"))
        self.outbox_action = QAction(window.tr("Demandes en &attente d'envoi…"), window)
        self.outbox_action.setObjectName("outboxAction")
        self.outbox_action.triggered.connect(self.show_outbox)
        window.file_menu.insertAction(window.settings_action, self.outbox_action)
        self.timer.setInterval(PROBE_MS)
        self.timer.timeout.connect(self.probe)
        self.timer.start()
        self.update_count()

    def show_outbox(self) -> None:
        from guichet.ui.offline_outbox import OutboxDialog

        OutboxDialog(self.outbox, self.window).exec()
        self.update_count()

    def pending(self) -> int:
        return self.outbox.pending_count()

    def update_count(self) -> None:
        count = self.pending()
        if count:
            text = self.window.tr("Envoyer les %n demandes en attente", "", count)
            text = text.replace("%n", str(count))
            if count == 1:
                text = self.window.tr("Envoyer la demande en attente")
        else:
            text = self.window.tr("Revenir sur le serveur")
        self.send_button.setText(text)
        self.send_button.setAccessibleName(text)

    def probe(self) -> None:
        if self.task is not None:
            return
        url = self.url
        self.task = run_task(
            lambda _control: server_reachable(url),
            on_success=self._probed,
            on_error=lambda _exc: self._done(),
            parent=self,
        )

    def _probed(self, reachable: bool) -> None:
        self.task = None
        if reachable and not self.send_action.isVisible():
            self.update_count()
            self.send_action.setVisible(True)
            self.window.statusBar().showMessage(self.window.tr("Serveur de nouveau joignable."))

    def go_online(self) -> None:
        """Reopen the server database, send the outbox, attach the server to the window."""
        if self.task is not None:
            return
        self.timer.stop()
        self.send_button.setEnabled(False)
        self.window.statusBar().showMessage(self.window.tr("Envoi des demandes en attente…"))
        url, paths, outbox = self.url, self.ctx.paths, self.outbox

        def work(_control: object) -> tuple[Database, SendResult]:
            from guichet.services.bootstrap import open_database

            db = open_database(url, backup_dir=paths.backup_dir)
            try:
                return db, outbox.send(db)
            except BaseException:
                db.dispose()
                raise

        self.task = run_task(work, on_success=self._online, on_error=self._failed, parent=self)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.send_button.setEnabled(True)
        self.timer.start()
        self.window.statusBar().clearMessage()
        show_task_error(self.window, exc)

    def _online(self, answer: tuple[Database, SendResult]) -> None:
        from guichet.ui.offline_outbox import show_send_result

        db, result = answer
        self.task = None
        window, old = self.window, self.ctx.db
        counsellor = self.ctx.counsellor_id
        for key, page in list(window.pages.items()):  # built on the copy: rebuilt on the server
            window.stack.removeWidget(page)
            page.deleteLater()
            del window.pages[key]
        window.page_writes.clear()
        ctx = AppContext(db=db, paths=self.ctx.paths)
        ctx.set_counsellor(counsellor)
        window.attach(ctx)  # replaces this controller
        old.dispose()
        window.statusBar().showMessage(window.tr("Connecté au serveur."))
        show_send_result(window, result)


def install_offline_desk(window: MainWindow) -> None:
    """Called when the window attaches a database (one line in ``MainWindow.attach``)."""
    previous = getattr(window, "offline_desk", None)
    if previous is not None:
        previous.stop()
    assert window.ctx is not None
    window.offline_desk = OfflineDesk(window, window.ctx)  # type: ignore[attr-defined]


def keep_in_outbox(dialog: IntakeDialog) -> None:
    """The intake form's save without the server: the inquiry goes to the outbox.

    Raises:
        ValidationError: what the form must correct (nothing kept).
    """
    from guichet.ui.offline_outbox import draft_label

    ctx = dialog.ctx
    draft = dialog.draft()
    outbox = Outbox(outbox_path(ctx.paths.data_dir, server_url(ctx.db)))
    outbox.add(draft, draft_label(ctx.db, draft))
    dialog.confirm_abandon = False
    dialog.accept()
    window = dialog.parent()
    desk = getattr(window, "offline_desk", None)
    if isinstance(desk, OfflineDesk):
        desk.update_count()
        desk.window.statusBar().showMessage(
            desk.window.tr(
                "Demande gardée hors ligne : elle sera envoyée au retour du serveur (%1 en attente)."
            ).replace("%1", str(outbox.pending_count()))
        )
