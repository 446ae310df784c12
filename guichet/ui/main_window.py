"""The main window: left navigation, the pages, menus (its start-up: guichet.ui.window_startup)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QStyle,
    QWidget,
)

from guichet.assets import find_resource
from guichet.config import AppPaths

from guichet.ui import window_startup
from guichet.ui.appearance import scale_font
from guichet.ui.context import AppContext
from guichet.ui.file_actions import backup_on_close
from guichet.ui.icons import tinted_svg_icon
from guichet.ui.keys import install_desk_keys
from guichet.ui.pages.registry import PageSpec, page_specs
from guichet.ui.screen_fit import font_scaled
from guichet.ui.search_box import focus_page
from guichet.ui.theme import is_dark, set_themed_style
from guichet.ui.unsaved import may_close
from guichet.ui.window_menus import build_menus

if TYPE_CHECKING:
    from guichet.db import Database

    from guichet.ui.live_updates import WindowLiveUpdates
    from guichet.ui.session_guard import SessionGuard

NAVIGATION_WIDTH = 184  # at the reference font (guichet.ui.screen_fit); it follows the zoom
NAVIGATION_ROW_HEIGHT = 40  # at the reference font too
NAVIGATION_MIN_WIDTH = 56
NAVIGATION_STYLE = """
QListWidget#navigation {
    background: palette(alternate-base);
    border: none;
    border-right: 1px solid palette(mid);
    outline: none;
    padding-top: 8px;
}
QListWidget#navigation::item {
    color: palette(window-text);
    padding: 9px 10px;
    margin: 1px 6px;
    border-radius: 5px;
}
QListWidget#navigation::item:hover { background: palette(midlight); }
QListWidget#navigation::item:selected {
    background: $selection;
    color: palette(highlighted-text);
}
"""


def window_title(location: str, paths: AppPaths | None) -> str:
    """« Guichet — guichet unique des entreprises », or « Guichet — <base> » when the database
    is not the default one (a password in a server URL is not shown)."""
    default = f"sqlite:///{paths.default_db_path}" if paths is not None else ""
    if not location or location == default:
        return QCoreApplication.translate("MainWindow", "Guichet — guichet unique des entreprises")
    shown = re.sub(r"//([^:/@]+):[^@]*@", r"//\1@", location.replace("sqlite:///", ""))
    return QCoreApplication.translate("MainWindow", "Guichet — %1").replace("%1", shown)


def navigation_icon(window: QWidget, key: str) -> QIcon:
    """The page's icon from ``resources/icons/<key>.svg``, else a standard Qt icon."""
    path = find_resource("icons", f"{key}.svg")
    if path is not None and is_dark():  # drawn for a light window: redrawn in the text colours
        palette = window.palette()
        return tinted_svg_icon(
            path,
            {
                QIcon.Mode.Normal: palette.color(QPalette.ColorRole.WindowText),
                QIcon.Mode.Selected: palette.color(QPalette.ColorRole.HighlightedText),
            },
        )
    if path is not None:
        return QIcon(str(path))
    return window.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)


#: The method of each page that selects one of its records (MainWindow.open_record).
RECORD_OPENERS = {
    "inquiries": "open_inquiry",
    "meetings": "select_meeting",
    "visits": "open_visit",
    "opportunities": "select",
}


class MainWindow(QMainWindow):
    """The window opens before its database: :meth:`attach` (or :meth:`open_database`) gives it
    the context, and pages are built only then, on first display."""

    page_shown = Signal(str)
    database_attached = Signal()
    #: The application's start (not a window built by a test or a tool) proposes, once a
    #: month, the anonymisation of what is past retention to a responsable.
    propose_at_start = False
    #: The database could not be opened (after the dialog that says why).
    database_failed = Signal()
    # built by guichet.ui.window_menus.build_menus
    file_menu: QMenu
    view_menu: QMenu
    new_inquiry_action: QAction
    settings_action: QAction
    lock_action: QAction
    # built by guichet.ui.window_startup: the status bar, the session, the live updates
    db_label: QLabel
    counsellor_label: QLabel
    guard: SessionGuard
    live_updates: WindowLiveUpdates

    def __init__(
        self,
        settings: QSettings,
        *,
        ctx: AppContext | None = None,
        paths: AppPaths | None = None,
        location: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_desk_keys(app)
        self.ctx: AppContext | None = None
        self.paths = paths or (ctx.paths if ctx else None)
        self.settings = settings
        self.setObjectName("mainWindow")
        self.setWindowTitle(window_title(location or (ctx.db.url if ctx else ""), self.paths))
        self.specs: list[PageSpec] = page_specs()
        self.pages: dict[str, QWidget] = {}
        self.page_writes: dict[str, int] = {}  # Database.writes when each page last loaded

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Navigation"))
        self._build_navigation()
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self.loading_label = QLabel(self.tr("Ouverture de la base de données…"))
        self.loading_label.setObjectName("loadingLabel")
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading_label.setWordWrap(True)  # a French error stays readable here
        self.loading_label.setMargin(24)
        self.stack.addWidget(self.loading_label)
        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setHandleWidth(1)
        # the pages, or the sign-in form while the window is locked (guichet.ui.session_guard)
        self.frame = QStackedWidget()
        self.frame.setObjectName("windowFrame")
        self.frame.addWidget(self.splitter)
        self.setCentralWidget(self.frame)

        self._build_menus()
        window_startup.build_status_bar(self, location or (ctx.db.url if ctx else ""))
        self.navigation.currentRowChanged.connect(self.on_navigation_current_row_changed)
        window_startup.restore_state(self)
        if ctx is not None:
            self.attach(ctx)

    # -- database (guichet.ui.window_startup) --------------------------------------------------
    def open_database(self, opener: Callable[[], Database]) -> None:
        """Opens the database off the GUI thread, then attaches it."""
        window_startup.open_database(self, opener)

    def attach(self, ctx: AppContext) -> None:
        """Gives the window its database and hooks in what works on it."""
        window_startup.attach(self, ctx)

    # -- construction -------------------------------------------------------------------------
    def _build_navigation(self) -> None:
        """The sidebar: one roomy row per page, its icon, its Ctrl+N shortcut as tooltip."""
        # Its full width in any ordinary window; it gives way (icons stay) only in a very narrow one.
        self.navigation.setMinimumWidth(NAVIGATION_MIN_WIDTH)
        self.navigation.setMaximumWidth(NAVIGATION_WIDTH)
        self.navigation.setSpacing(0)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        set_themed_style(self.navigation, NAVIGATION_STYLE)  # follows the theme
        scale_font(self.navigation, 1.1)
        for number, spec in enumerate(self.specs, start=1):
            title = self.tr(spec.title)
            item = QListWidgetItem(navigation_icon(self, spec.key), title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            if number <= 9:
                item.setToolTip(
                    self.tr("%1 (Ctrl+%2)").replace("%1", title).replace("%2", str(number))
                )
            else:  # past Ctrl+9, the Affichage menu reaches the page by its letter
                item.setToolTip(self.tr("%1 (Affichage › %1)").replace("%1", title))
            self.navigation.addItem(item)
        self._size_navigation()

    def _size_navigation(self) -> None:
        """Rows, icons and width from the font (they follow the zoom)."""
        metrics = self.navigation.fontMetrics()
        icon_size = font_scaled(self, QSize(20, 20))
        self.navigation.setIconSize(icon_size)
        texts = [self.navigation.item(row).text() for row in range(self.navigation.count())]
        row_height = font_scaled(self, QSize(0, NAVIGATION_ROW_HEIGHT)).height()
        for row in range(self.navigation.count()):
            self.navigation.item(row).setSizeHint(QSize(0, row_height))
        # the longest title beside its icon, within the items' padding and margins
        longest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
        preferred = font_scaled(self, QSize(NAVIGATION_WIDTH, 0)).width()
        self.navigation.setMaximumWidth(max(preferred, longest + icon_size.width() + 60))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange and hasattr(self, "navigation"):
            self._size_navigation()
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "navigation"):
            for row, spec in enumerate(self.specs):  # the icons in the theme's colours
                self.navigation.item(row).setIcon(navigation_icon(self, spec.key))
        super().changeEvent(event)

    def _build_menus(self) -> None:
        build_menus(self)

    def reload_counsellors(self) -> None:
        """The signed-in counsellor's name and role as they are now (after Paramètres)."""
        self.guard.refresh()

    # -- pages --------------------------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        """The page for ``key``, built on first use (the loading notice until the database is open)."""
        if self.ctx is None:
            return self.loading_label
        if key not in self.pages:
            spec = next(s for s in self.specs if s.key == key)
            widget = spec.factory(self.ctx)
            self.pages[key] = widget
            self.page_writes[key] = self.ctx.db.writes
            self.stack.addWidget(widget)
            requested = getattr(widget, "inquiry_requested", None)
            if requested is not None:
                requested.connect(self.open_inquiry)
            record = getattr(widget, "record_requested", None)
            if record is not None:
                record.connect(self.open_record)
            chosen = getattr(widget, "list_requested", None)  # the dashboard's bars
            if chosen is not None:
                chosen.connect(self.open_list)
        return self.pages[key]

    def show_page(self, key: str) -> None:
        row = next(i for i, s in enumerate(self.specs) if s.key == key)
        if self.navigation.currentRow() != row:
            self.navigation.setCurrentRow(row)
        else:
            self.on_navigation_current_row_changed(row)
        if self.ctx is not None:  # Ctrl+1…9, a link: the keyboard lands in the page
            focus_page(self.page(key))

    def current_page_key(self) -> str:
        return self.specs[max(self.navigation.currentRow(), 0)].key

    def refresh_current_page(self) -> None:
        widget = self.stack.currentWidget()
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            if self.ctx is not None:
                self.page_writes[self.current_page_key()] = self.ctx.db.writes
            refresh()

    def refresh_if_stale(self, key: str) -> None:
        """A page coming back on screen reloads only if something was saved since it last did."""
        if (
            self.ctx is not None
            and key in self.pages
            and self.page_writes.get(key) != self.ctx.db.writes
        ):
            self.refresh_current_page()

    def open_inquiry(self, inquiry_id: int) -> None:
        """Shows one inquiry, selected with its detail, in the « Demandes » page."""
        if self.ctx is None:
            return
        self.page_writes["inquiries"] = self.ctx.db.writes  # open_inquiry reloads it anyway
        self.show_page("inquiries")
        self.page("inquiries").open_inquiry(inquiry_id)  # type: ignore[attr-defined]

    def open_record(self, key: str, record_id: int) -> None:
        """Shows one record (an inquiry, a meeting, a visit, an opportunity) in its page."""
        if self.ctx is None or key not in RECORD_OPENERS:
            return
        if key == "inquiries":
            self.open_inquiry(record_id)
            return
        self.show_page(key)
        getattr(self.page(key), RECORD_OPENERS[key])(record_id)

    def open_list(self, key: str, filters: object, caption: str) -> None:
        """Shows the list of page ``key`` (Demandes, Relances, Annuaire) with ``filters`` set."""
        if self.ctx is None:
            return
        self.show_page(key)
        page = self.page(key)
        if key == "inquiries":
            page.show_filtered(filters, caption)  # type: ignore[attr-defined]
        else:
            page.show_filtered(filters)  # type: ignore[attr-defined]

    # -- slots --------------------------------------------------------------------------------
    def on_navigation_current_row_changed(self, row: int) -> None:
        if row < 0:
            return
        key = self.specs[row].key
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        self.refresh_if_stale(key)
        self.page_shown.emit(key)

    def on_settings_action_triggered(self) -> None:
        from guichet.ui.dialogs.settings import SettingsDialog

        if self.ctx is None:
            return
        dialog = SettingsDialog(self.ctx, self)
        if dialog.exec():
            self.reload_counsellors()
            self.refresh_current_page()

    def focus_search(self) -> None:
        """Ctrl+F: the cursor in the search box of the page on screen."""
        page = self.stack.currentWidget()
        if page is not None:
            focus_page(page, search=True)

    def on_shortcuts_action_triggered(self) -> None:
        from guichet.ui.dialogs.shortcuts import ShortcutsDialog

        ShortcutsDialog(self, self).exec()

    def on_about_action_triggered(self) -> None:
        from guichet.ui.dialogs.about import AboutDialog

        AboutDialog(self.db_label.text(), self.paths, self).exec()

    def reveal(self, form: QWidget) -> None:
        """Brings the page holding ``form`` on screen (before asking about its input)."""
        for key, page in self.pages.items():
            if page is form or page.isAncestorOf(form):
                self.show_page(key)
                return

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.guard.locked and self.guard.has_signed_in:
            # the forms behind the lock are someone's: only they close the window
            self.statusBar().showMessage(self.tr("Connectez-vous pour fermer Guichet."), 5000)
            event.ignore()
            return
        if not may_close([self], reveal=self.reveal):
            event.ignore()  # « Annuler », or a save refused: the app and the form stay
            return
        window_startup.remember_state(self)
        if self.ctx is not None:
            from guichet.db.statistics import optimize  # the database layer loads late

            optimize(self.ctx.db)  # statistics that went stale, refreshed (usually a no-op)
            backup_on_close(self.ctx)
        super().closeEvent(event)
