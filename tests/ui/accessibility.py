"""What a screen reader is told about a window: every interactive widget and its name, as Qt's
accessibility layer (the one AT-SPI and UI Automation read) gives it."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QSlider,
    QStackedWidget,
    QTabBar,
    QTextEdit,
    QWidget,
    QWizardPage,
)

#: what a person operates (the issue's list: fields, choices, buttons, tables, lists, text areas)
INTERACTIVE = (
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractButton,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
    QSlider,
)
#: widgets whose inner parts (a combo's line edit, a table's headers, a line edit's clear
#: button) are theirs: the accessibility layer presents them as one
ATOMIC = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTabBar, QScrollBar)


@dataclass(frozen=True)
class Walked:
    widget: QWidget
    role: str
    name: str
    #: what names the control besides its value (a combo box's name on Linux is its value)
    label: str

    @property
    def named(self) -> bool:
        """A name a person can hear: words, not « ✕ » or « … »; a combo box also needs a label
        (its own name, or a label whose buddy it is), not only the choice it shows."""
        if isinstance(self.widget, QComboBox):
            return _words(self.label)
        return _words(self.name)

    def __str__(self) -> str:
        kind = type(self.widget).__name__
        return f"{kind} {self.widget.objectName() or '(sans objectName)'} « {self.name} »"


def _words(text: str) -> bool:
    return any(char.isalpha() for char in text)


def accessible_label(widget: QWidget) -> str:
    """The widget's own name, else the labels related to it as its label."""
    interface = QAccessible.queryAccessibleInterface(widget)
    labels = interface.relations(QAccessible.RelationFlag.Label) if interface is not None else []
    related = " ".join(other.text(QAccessible.Text.Name) for other, _relation in labels)
    return widget.accessibleName() or related


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def _role(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.role().name if interface is not None else "?"


def _on_screen(widget: QWidget, root: QWidget) -> bool:
    """Not hidden on purpose: pages of a tab widget, a stack or a wizard count as shown (the
    walk covers every tab), a field hidden until needed does not."""
    current: QWidget | None = widget
    while current is not None and current is not root:
        parent = current.parentWidget()
        page = isinstance(current, QWizardPage) or isinstance(parent, QStackedWidget)
        if current.isHidden() and not page:
            return False
        current = parent
    return True


def _inside_atomic(widget: QWidget, root: QWidget) -> bool:
    """Part of a control presented as one; a control set in a table's cell (its viewport's
    child) is a control of its own."""
    child, parent = widget, widget.parentWidget()
    while parent is not None and parent is not root:
        cell = isinstance(parent, QAbstractItemView) and child is parent.viewport()
        if isinstance(parent, ATOMIC) and not cell:
            return True
        child, parent = parent, parent.parentWidget()
    return False


def walk(root: QWidget) -> list[Walked]:
    """The interactive widgets under ``root`` (itself included) a person can reach."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QScrollBar):
            continue
        if not _on_screen(widget, root) or _inside_atomic(widget, root):
            continue
        found.append(
            Walked(widget, _role(widget), accessible_name(widget), accessible_label(widget))
        )
    return found


def unnamed(root: QWidget) -> list[str]:
    return [str(w) for w in walk(root) if not w.named]


def control_of(widget: QWidget, root: QWidget) -> QWidget:
    """The control a focused part belongs to (a spin box's line edit: the spin box)."""
    owner = widget
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, ATOMIC):
            owner = parent
        parent = parent.parentWidget()
    return owner


def reachable(root: QWidget) -> list[QWidget]:
    """The controls a person should reach with Tab: on screen and enabled."""
    return [
        w.widget
        for w in walk(root)
        if w.widget.isVisible() and w.widget.isEnabled() and not w.widget.isHidden()
    ]


def tab_chain(start: QWidget, root: QWidget, limit: int = 200) -> list[QWidget]:
    """The controls Tab visits from ``start`` until it comes back to it, each once (a date
    edit's sections take a Tab each; a text area must let Tab go, or the walk fails)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit

    start.setFocus()
    first = control_of(QApplication.focusWidget() or start, root)
    chain = [first]
    for _ in range(limit):
        focus = QApplication.focusWidget()
        assert focus is not None, "le focus a quitté la fenêtre"
        before = control_of(focus, root)
        text = before.toPlainText() if isinstance(before, (QPlainTextEdit, QTextEdit)) else None
        QTest.keyClick(focus, Qt.Key.Key_Tab)
        after = control_of(QApplication.focusWidget() or focus, root)
        if text is not None:
            assert after is not before, f"Tab reste dans {before.objectName()}"
            assert before.toPlainText() == text, f"Tab a écrit dans {before.objectName()}"  # type: ignore[attr-defined]
        if after is first and len(chain) > 1:
            return chain
        if after is not chain[-1]:
            assert after not in chain, (
                f"{after.objectName()} revient : {[w.objectName() for w in chain]}"
            )
            chain.append(after)
    raise AssertionError("Tab ne revient jamais au premier champ")


def _rect(widget: QWidget, root: QWidget):
    from PySide6.QtCore import QPoint, QRect

    return QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())


def reading_order_breaks(chain: list[QWidget], regions: list[QWidget], root: QWidget) -> list[str]:
    """Where Tab goes against the eye: to an earlier region (``regions`` in reading order, e.g.
    the form, then the side panel, then the buttons), or within a region to a control above, or
    to the left on the same line."""
    breaks = []

    def region(widget: QWidget) -> int:
        for index, container in enumerate(regions):
            if container is widget or container.isAncestorOf(widget):
                return index
        return len(regions)

    for before, after in pairwise(chain):
        a, b = _rect(before, root), _rect(after, root)
        ra, rb = region(before), region(after)
        same_line = a.top() < b.bottom() and b.top() < a.bottom()
        if rb < ra:
            wrong = True
        elif rb > ra:
            wrong = False
        elif same_line:
            wrong = b.left() <= a.left()
        else:
            wrong = b.top() < a.top()
        if wrong:
            breaks.append(f"{before.objectName()} → {after.objectName()}")
    return breaks
