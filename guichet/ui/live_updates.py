"""Live updates: a colleague's save shows on this window's pages within a second.

:class:`LiveUpdates` runs a :class:`guichet.db.changes.ChangeWatcher` for the window's database
and forwards what it sees to the GUI thread. The page on screen reloads at once, keeping its
selection and scroll position (:func:`guichet.ui.view_state.keep_view_state`); the other pages
reload when they come back on screen. A page takes part in one of three ways (see
docs/DEVELOPING.md):

- nothing: its ``refresh()`` (F5) is called on any change (not while one of its forms holds
  unsaved input: then when it comes back on screen);
- ``live_tables = frozenset({"inquiry", …})``: only a change to one of these tables reloads it;
- ``refresh_if_changed(tables)``: it decides (``tables`` is ``None`` when unknown: SQLite, or
  after a reconnection).

The status bar says when the server stops answering (« Connexion au serveur perdue — nouvelle
tentative… ») and when it is back; the watcher retries by itself.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from guichet.db.changes import ChangeWatcher, Tables

from guichet.ui.off_thread_io import io_busy
from guichet.ui.permission_gate import permissions_changed
from guichet.ui.theme import set_themed_style
from guichet.ui.unsaved import UnsavedWork
from guichet.ui.view_state import keep_view_state

if TYPE_CHECKING:
    from guichet.db import Database

    from guichet.ui.main_window import MainWindow

STALE = -1  # a page's remembered write count that never matches: it reloads when shown


def concerns(page: QWidget, tables: Tables) -> bool:
    watched = getattr(page, "live_tables", None)
    return tables is None or watched is None or bool(tables & watched)


def holds_input(page: QWidget) -> bool:
    return any(
        isinstance(w, UnsavedWork) and w.has_unsaved_changes()
        for w in (page, *page.findChildren(QWidget))
    )


def refresh_page(page: QWidget, tables: Tables) -> bool:
    """Reloads ``page`` for a change to ``tables``, keeping what the counsellor looks at;
    False when it did not (a form of the page holds unsaved input: it reloads later)."""
    hook = getattr(page, "refresh_if_changed", None)
    if callable(hook):
        hook(tables)
        return True
    refresh = getattr(page, "refresh", None)
    if not callable(refresh) or not concerns(page, tables):
        return True
    if holds_input(page):
        return False
    keep_view_state(page)
    refresh()
    return True


class LiveUpdates(QObject):
    """Forwards the watcher's reports (from its thread) as signals on the GUI thread."""

    changed = Signal(object)  # Tables
    connection_changed = Signal(bool)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watcher = ChangeWatcher(db, self._forward_change, self._forward_connection)
        db.on_dispose.append(self.watcher.stop)

    def start(self) -> None:
        self.watcher.start()

    def stop(self) -> None:
        self.watcher.stop()

    def _forward_change(self, tables: Tables) -> None:
        with contextlib.suppress(RuntimeError):  # the window is gone
            self.changed.emit(tables)

    def _forward_connection(self, ok: bool) -> None:
        with contextlib.suppress(RuntimeError):
            self.connection_changed.emit(ok)


class WindowLiveUpdates(QObject):
    """Live updates of the main window: reloads its pages, shows the server's state."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        assert window.ctx is not None
        self.window = window
        self.label = QLabel()
        self.label.setObjectName("connectionLabel")
        set_themed_style(self.label, "color: $error; font-weight: bold;")
        self.label.hide()
        window.statusBar().addWidget(self.label)
        self.updates = LiveUpdates(window.ctx.db, self)
        self.updates.changed.connect(self.on_changed)
        self.updates.connection_changed.connect(self.on_connection_changed)
        self.updates.start()
        window.destroyed.connect(self.updates.watcher.stop)

    def on_changed(self, tables: Tables) -> None:
        if io_busy():  # the GUI thread waits for a statement: reload once it has its answer
            QTimer.singleShot(50, self, lambda: self.on_changed(tables))
            return
        window = self.window
        current = window.current_page_key()
        for key, page in window.pages.items():
            if key != current and concerns(page, tables):
                window.page_writes[key] = STALE
        shown = window.pages.get(current)
        if shown is not None and not refresh_page(shown, tables):
            window.page_writes[current] = STALE

    def on_connection_changed(self, ok: bool) -> None:
        if ok:
            self.label.hide()
            self.window.statusBar().showMessage(self.tr("Connexion au serveur rétablie."), 5000)
            permissions_changed()  # gates refused while the server was away read again
        else:
            self.label.setText(self.tr("Connexion au serveur perdue — nouvelle tentative…"))
            self.label.show()
