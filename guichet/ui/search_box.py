"""A page's search box and its result list, and where the keyboard lands on a page.

Ctrl+F (the window's « Rechercher » action) puts the cursor in the search box of the page on
screen; Échap in the result list goes back to it; Flèche bas in the box goes down into the list.
A page without a search box names the widget that takes the focus when it is shown
(:func:`mark_initial_focus`), e.g. the Relances table.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTabWidget, QWidget

SEARCH_BOX = "guichetSearchBox"
#: The keys, for the list of keyboard shortcuts.
BACK_TO_SEARCH = "Escape"
INTO_RESULTS = "Down"
INITIAL_FOCUS = "guichetInitialFocus"


class _ResultKeys(QObject):
    """Échap in the results → the search box; Flèche bas in the box → the first result."""

    def __init__(self, edit: QLineEdit, results: QAbstractItemView) -> None:
        super().__init__(edit)
        self.edit = edit
        self.results = results

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if watched is self.results and event.key() == Qt.Key.Key_Escape:
            focus_search_box(self.edit)
            return True
        model = self.results.model()
        if watched is self.edit and event.key() == Qt.Key.Key_Down and model.rowCount():
            if not self.results.selectionModel().hasSelection():
                self.results.setCurrentIndex(model.index(0, 0))
            self.results.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        return False


def mark_search_box(edit: QLineEdit, results: QAbstractItemView | None = None) -> None:
    """``edit`` is its page's search box (Ctrl+F); ``results`` its list (Échap comes back)."""
    edit.setProperty(SEARCH_BOX, True)
    if results is not None:
        keys = _ResultKeys(edit, results)
        results.installEventFilter(keys)
        edit.installEventFilter(keys)


def mark_initial_focus(widget: QWidget) -> None:
    """``widget`` takes the focus when its page comes on screen (if no search box is visible)."""
    widget.setProperty(INITIAL_FOCUS, True)


def focus_search_box(edit: QLineEdit) -> None:
    edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
    edit.selectAll()


def page_search_box(page: QWidget, *, reveal: bool = False) -> QLineEdit | None:
    """The search box of ``page`` the counsellor can see (a tabbed page: the current tab's);
    with ``reveal``, one in another tab is brought on screen when the current tab has none."""
    boxes = [edit for edit in page.findChildren(QLineEdit) if edit.property(SEARCH_BOX)]
    for edit in boxes:
        if edit.isVisibleTo(page):
            return edit
    if reveal and boxes:
        _show_tabs_holding(boxes[0], page)
        return boxes[0]
    return None


def _show_tabs_holding(widget: QWidget, page: QWidget) -> None:
    child: QWidget = widget
    parent = widget.parentWidget()
    while parent is not None and child is not page:
        tabs = parent.parentWidget()
        if isinstance(tabs, QTabWidget) and tabs.indexOf(child) >= 0:
            tabs.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()


def focus_page(page: QWidget, *, search: bool = False) -> bool:
    """Puts the keyboard in ``page``: its visible search box, else its initial focus widget;
    with ``search`` (Ctrl+F), its search box even if it sits in another tab."""
    edit = page_search_box(page, reveal=search)
    if edit is not None:
        focus_search_box(edit)
        return True
    for widget in page.findChildren(QWidget):
        if widget.property(INITIAL_FOCUS) and widget.isVisibleTo(page):
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
    return False
