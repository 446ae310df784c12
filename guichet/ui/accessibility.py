"""What a screen reader is told about the desk's controls.

- every field is named after its label (:func:`label_field`), the label's buddy being the real
  field, not a wrapper around it; a control without a label gets a name of its own
  (:func:`set_name`);
- an error message shown under a field is that field's accessible description while it shows
  (:func:`describe_error`);
- something that changes without the focus moving (a type-ahead suggestion selected) is
  announced (:func:`announce`);
- Tab leaves a multi-line field instead of typing a tab character.

The application's event filter (``guichet.ui.keys``) calls :func:`name_when_shown` and
:func:`tab_leaves_when_focused`: when a window or a page is first shown, every labelled row of
its forms names its field, and every multi-line field lets Tab go on when it gets the focus, so
a new form needs nothing of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QTextEdit,
    QWidget,
)

#: the controls a label names
FIELDS = (
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractButton,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
)
NAMED = "guichetNamed"
PLAIN_DESCRIPTION = "guichetPlainDescription"


def spoken(caption: str) -> str:
    """A label as a name: no mnemonic ampersand, no trailing colon, « * » said in words."""
    text = caption.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
    text = text.removesuffix(":").strip()
    if text.endswith("*"):
        text = text.removesuffix("*").strip() + " (obligatoire)"
    return text


def field_of(widget: QWidget) -> QWidget:
    """The widget that really takes the focus (a composite's focus proxy, followed through)."""
    seen = {id(widget)}
    while (proxy := widget.focusProxy()) is not None and id(proxy) not in seen:
        seen.add(id(proxy))
        widget = proxy
    return widget


def set_name(widget: QWidget, text: str) -> QWidget:
    """Names the real field of ``widget`` (a control without a visible label)."""
    target = field_of(widget)
    target.setAccessibleName(spoken(text))
    return target


def label_field(label: QLabel, widget: QWidget) -> QWidget:
    """``label`` names ``widget``'s real field and is its buddy (Alt+letter, click)."""
    target = field_of(widget)
    label.setBuddy(target)
    if not target.accessibleName() and spoken(label.text()):
        target.setAccessibleName(spoken(label.text()))
    return target


def describe_error(widget: QWidget, message: str) -> None:
    """``message`` (empty: none) is what a screen reader says about the field after its name."""
    target = field_of(widget)
    if target.property(PLAIN_DESCRIPTION) is None:
        target.setProperty(PLAIN_DESCRIPTION, target.accessibleDescription())
    plain = str(target.property(PLAIN_DESCRIPTION) or "")
    target.setAccessibleDescription(message or plain)


def announce(widget: QWidget, text: str) -> None:
    """Asks the screen reader to say ``text`` now (the focus stays where it is)."""
    if text:
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))


def _first_field(item_widget: QWidget | None, item_layout: QLayout | None) -> QWidget | None:
    """The first control of a form row: the field itself, its focus proxy, or the first control
    of a row made of several (« Arrivée » : date, canal, conseiller)."""
    if item_widget is not None:
        target = field_of(item_widget)
        if isinstance(target, FIELDS):
            return target
        return next((w for w in target.findChildren(QWidget) if isinstance(w, FIELDS)), None)
    if item_layout is not None:
        for index in range(item_layout.count()):
            child = item_layout.itemAt(index)
            found = _first_field(child.widget(), child.layout()) if child is not None else None
            if found is not None:
                return found
    return None


def name_form_fields(form: QFormLayout) -> int:
    """Each labelled row names its (first) control, unless it already has a name; returns how
    many were named."""
    count = 0
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        label = label_item.widget() if label_item is not None else None
        if not isinstance(label, QLabel) or field_item is None or not spoken(label.text()):
            continue
        target = _first_field(field_item.widget(), field_item.layout())
        if target is None:
            continue
        buddy = label.buddy()
        if buddy is None or (buddy is not target and field_of(buddy) is target):
            label.setBuddy(target)
        said = isinstance(target, QAbstractButton) and target.text()  # « Actif » says itself
        if not target.accessibleName() and not said and label.buddy() is target:
            target.setAccessibleName(spoken(label.text()))
            count += 1
    return count


def name_fields(root: QWidget) -> int:
    """Names the fields of every form under ``root`` not yet done."""
    count = 0
    for form in root.findChildren(QFormLayout):
        if not form.property(NAMED):
            count += name_form_fields(form)
            form.setProperty(NAMED, True)
    return count


def name_when_shown(watched: QObject) -> None:
    """``watched`` was shown: a window's or a page's forms name their fields the first time."""
    if isinstance(watched, QWidget) and (
        watched.isWindow() or isinstance(watched.parentWidget(), QStackedWidget)
    ):
        name_fields(watched)


def tab_leaves_when_focused(watched: QObject) -> None:
    """``watched`` got the focus: Tab leaves it if it is a multi-line field (set as it gets the
    focus, so fields made later are covered too)."""
    if isinstance(watched, (QPlainTextEdit, QTextEdit)):
        watched.setTabChangesFocus(True)
