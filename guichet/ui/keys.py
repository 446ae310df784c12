"""Keys that work the same in every window of the app, installed once on the application.

- Ctrl+Tab / Ctrl+Maj+Tab: next / previous tab of the tabbed widget holding the focus (the
  innermost one), in pages and dialogs alike;
- Ctrl+Entrée: the dialog's accepting button (« Enregistrer », « OK »…) when it is enabled;
- the focused push button gets a ring in the highlight colour (:class:`FocusRingStyle`).

A dialog with keys of its own declares them in a class-level table of :class:`DialogKey`
(``KEYS``), installed by :func:`install_dialog_keys`: the list of keyboard shortcuts (F1) reads
the same table, so it names every key the dialog answers and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainter, QPalette, QPen, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QProxyStyle,
    QPushButton,
    QStyle,
    QStyleOption,
    QTabWidget,
    QWidget,
)

from guichet.ui.accessibility import name_when_shown, tab_leaves_when_focused
from guichet.ui.app_events import on_event
from guichet.ui.forms import tidy_when_shown
from guichet.ui.theme import is_dark

#: The keys, for the list of keyboard shortcuts (Aide › Raccourcis clavier).
NEXT_TAB = "Ctrl+Tab"
PREVIOUS_TAB = "Ctrl+Shift+Tab"
SAVE_DIALOG = "Ctrl+Return"
ACCEPT_ROLES = (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole)


@dataclass(frozen=True)
class DialogKey:
    """A key of one dialog: its sequences (the first is the one listed), what it does (French,
    as the list shows it), and the dialog's attribute it calls (``"consent_box.toggle"``)."""

    sequences: tuple[str, ...]
    action: str
    slot: str


def install_dialog_keys(dialog: QWidget, keys: tuple[DialogKey, ...]) -> None:
    """One :class:`QShortcut` per sequence of ``keys``, on ``dialog``, calling its slot."""
    for key in keys:
        slot = attrgetter(key.slot)(dialog)
        for sequence in key.sequences:
            QShortcut(QKeySequence(sequence), dialog).activated.connect(slot)


def _ancestors(widget: QWidget | None) -> list[QWidget]:
    chain = []
    while widget is not None:
        chain.append(widget)
        widget = widget.parentWidget()
    return chain


def switch_tab(focus: QWidget | None, step: int) -> bool:
    for widget in _ancestors(focus):
        if isinstance(widget, QTabWidget) and widget.count() > 1:
            widget.setCurrentIndex((widget.currentIndex() + step) % widget.count())
            return True
    return False


def accept_dialog(focus: QWidget | None) -> bool:
    dialog = next((w for w in _ancestors(focus) if isinstance(w, QDialog)), None)
    if dialog is None:
        return False
    for box in dialog.findChildren(QDialogButtonBox):
        for button in box.buttons():
            role = box.buttonRole(button)
            if role in ACCEPT_ROLES and button.isEnabled() and button.isVisibleTo(dialog):
                button.click()
                return True
    # a dialog with buttons of its own (a wizard, « Mettre en relation »): its default one
    for push in dialog.findChildren(QPushButton):
        if push.isDefault() and push.isEnabled() and push.isVisibleTo(dialog):
            push.click()
            return True
    return False


def _key_pressed(watched: QObject, event: QEvent) -> bool:
    return isinstance(event, QKeyEvent) and desk_key(watched, event)


def _shown(watched: QObject, _event: QEvent) -> bool:
    """A window or a page shown the first time: its forms name their fields, then are tidied."""
    name_when_shown(watched)
    tidy_when_shown(watched)
    return False


def _focused(watched: QObject, _event: QEvent) -> bool:
    tab_leaves_when_focused(watched)
    return False


def desk_key(watched: QObject, event: QKeyEvent) -> bool:
    """Acts on a key of the desk (True: done, the key goes no further)."""
    if not isinstance(watched, QWidget):
        return False  # acting consumes the key: its parents never see it again
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    control = Qt.KeyboardModifier.ControlModifier
    key = event.key()
    if modifiers == control and key == Qt.Key.Key_Tab:
        return switch_tab(watched, 1)
    if key == Qt.Key.Key_Backtab and modifiers == control | Qt.KeyboardModifier.ShiftModifier:
        return switch_tab(watched, -1)
    if modifiers == control and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return accept_dialog(watched)
    return False


class FocusRingStyle(QProxyStyle):
    """The application style, with a visible ring around the focused push button, and check
    boxes and radio buttons outlined in the dark scheme (Fusion draws them almost black on
    black)."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        indicators = (
            QStyle.PrimitiveElement.PE_IndicatorCheckBox,
            QStyle.PrimitiveElement.PE_IndicatorRadioButton,
        )
        if element in indicators and is_dark():
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(option.palette.color(QPalette.ColorRole.PlaceholderText), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            rect = option.rect.adjusted(1, 1, -1, -1)
            if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
                painter.drawEllipse(rect)
            else:
                painter.drawRoundedRect(rect, 2, 2)
            painter.restore()

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        if element == QStyle.ControlElement.CE_PushButton and (
            option.state & QStyle.StateFlag.State_HasFocus
        ):
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pen = QPen(option.palette.color(QPalette.ColorRole.Highlight), 2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(option.rect.adjusted(1, 1, -1, -1), 3, 3)
            painter.restore()


def install_desk_keys(app: QApplication) -> None:
    """Once per application: the keys above, the focus ring, tidy forms whose fields are
    named, and Tab leaving multi-line fields."""
    if app.property("guichetDeskKeys"):
        return
    app.setProperty("guichetDeskKeys", True)
    # through the application's one filter (guichet.ui.app_events): one Python call per event
    on_event(app, QEvent.Type.KeyPress, _key_pressed)
    on_event(app, QEvent.Type.Show, _shown)
    on_event(app, QEvent.Type.FocusIn, _focused)
    if not isinstance(app.style(), FocusRingStyle):
        app.setStyle(FocusRingStyle(app.style().name()))
