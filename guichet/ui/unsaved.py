"""Nothing typed is lost when the window closes.

A form that can hold unsaved input declares it with two methods (:class:`UnsavedWork`):

- ``has_unsaved_changes()`` — is there input that closing would lose?
- ``confirm_discard()`` — ask the counsellor (« Enregistrer », « Ne pas enregistrer »,
  « Annuler »); save or drop the input as told; ``True`` if the form may now go.

The main window's ``closeEvent`` calls :func:`may_close` over every open dialog and page: one
« Annuler » (or a save that fails) keeps the app open, the form on screen with its input.
:func:`ask_to_save` is the question every form asks, so that they all read the same. A list whose
current row drives a form beside it asks the same question before that form shows another
record (:class:`LeaveGuard`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox, QWidget


@runtime_checkable
class UnsavedWork(Protocol):
    def has_unsaved_changes(self) -> bool: ...

    def confirm_discard(self) -> bool: ...


class Answer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_to_save(parent: QWidget, title: str, text: str) -> Answer:
    """« Enregistrer » / « Ne pas enregistrer » / « Annuler » (the default: nothing happens)."""
    buttons = QMessageBox.StandardButton
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title,
        text,
        buttons.Save | buttons.Discard | buttons.Cancel,
        parent,
    )
    box.setObjectName("unsavedChangesBox")
    box.button(buttons.Save).setText(parent.tr("Enregistrer"))
    box.button(buttons.Discard).setText(parent.tr("Ne pas enregistrer"))
    box.button(buttons.Cancel).setText(parent.tr("Annuler"))
    box.setDefaultButton(buttons.Cancel)
    box.setEscapeButton(buttons.Cancel)
    answer = box.exec()
    if answer == buttons.Save:
        return Answer.SAVE
    if answer == buttons.Discard:
        return Answer.DISCARD
    return Answer.CANCEL


def confirm_discard(
    form: QWidget,
    title: str,
    text: str,
    *,
    save: Callable[[], bool],
    discard: Callable[[], None] | None = None,
) -> bool:
    """Asks about ``form``'s input; ``save`` returns whether it saved (a refused save keeps the
    form open with its French message). ``True`` if the form may go."""
    answer = ask_to_save(form, title, text)
    if answer is Answer.SAVE:
        return save()
    if answer is Answer.DISCARD:
        if discard is not None:
            discard()
        return True
    return False


def confirm_dialog_discard(dialog: QDialog, on_save: Callable[[], None]) -> bool:
    """:func:`confirm_discard` for a form dialog whose ``on_save`` accepts it once saved."""

    def save() -> bool:
        on_save()
        return dialog.result() == QDialog.DialogCode.Accepted

    title = dialog.windowTitle()
    text = dialog.tr("Les modifications de « %1 » ne sont pas enregistrées. Les enregistrer ?")
    return confirm_discard(dialog, title, text.replace("%1", title), save=save)


def unsaved_forms(roots: Iterable[QWidget]) -> list[QWidget]:
    """The widgets under ``roots`` (and the open dialogs without a parent) holding unsaved
    input, dialogs first."""
    seen: set[int] = set()
    found: list[QWidget] = []
    candidates: list[QWidget] = []
    for root in roots:
        candidates.append(root)
        candidates.extend(root.findChildren(QWidget))
    for widget in QApplication.topLevelWidgets():
        if widget.parentWidget() is None and not isinstance(widget, QMainWindow):
            candidates.append(widget)
            candidates.extend(widget.findChildren(QWidget))
    for widget in candidates:
        if id(widget) in seen or not isinstance(widget, UnsavedWork):
            continue
        if not widget.window().isVisible():  # a dialog closed but not yet deleted
            continue
        seen.add(id(widget))
        if widget.has_unsaved_changes():
            found.append(widget)
    found.sort(key=lambda w: not w.isWindow())  # dialogs before page forms
    return found


def may_close(roots: Iterable[QWidget], reveal: Callable[[QWidget], None] | None = None) -> bool:
    """Asks every form with unsaved input, one after the other; ``False`` at the first that
    must stay (the rest are not asked). ``reveal`` brings a form on screen before its question."""
    for form in unsaved_forms(roots):
        if reveal is not None:
            reveal(form)
        form.window().activateWindow()  # the question is asked in front of the form
        assert isinstance(form, UnsavedWork)
        if not form.confirm_discard():
            return False
    return True


def may_leave(forms: Iterable[QWidget]) -> bool:
    """Before ``forms`` show other data: each one holding unsaved input asks; ``False`` at the
    first that must stay (« Annuler », or a save refused with its French message)."""
    for form in forms:
        if not isinstance(form, UnsavedWork) or not form.has_unsaved_changes():
            continue
        if not form.confirm_discard():
            return False
    return True


class LeaveGuard(QObject):
    """A list's current row drives the form beside it: another row chosen while the form holds
    unsaved input asks « Enregistrer / Ne pas enregistrer / Annuler » first.

    The page's row-changed slot calls :meth:`request` with what showing the new row means
    (``go``) and what putting the old row back means (``stay``). The question is asked once the
    click or key that moved the row has been handled (a box opened inside a view's own mouse
    handling would leave it half-done); until then the form keeps its record and its input.
    « Annuler » or a failed save runs ``stay``: the old row is current again, the input intact.
    While ``go`` or ``stay`` runs, and inside :meth:`own_moves`, :attr:`busy` is ``True``: the
    row changes made then are the page's own, not the counsellor's.
    """

    def __init__(self, parent: QWidget, forms: Callable[[], Iterable[QWidget]]) -> None:
        super().__init__(parent)
        self.forms = forms
        self.busy = False
        self._pending: tuple[Callable[[], None], Callable[[], None]] | None = None

    @contextmanager
    def own_moves(self) -> Iterator[None]:
        """The row changes made inside are the page's own (it shows that record itself)."""
        busy, self.busy = self.busy, True
        try:
            yield
        finally:
            self.busy = busy

    def holds_input(self) -> bool:
        return any(isinstance(f, UnsavedWork) and f.has_unsaved_changes() for f in self.forms())

    def request(self, go: Callable[[], None], stay: Callable[[], None]) -> None:
        if self._pending is not None:  # moved again before the question: the newest row counts
            self._pending = (go, self._pending[1])
            return
        if not self.holds_input():
            go()
            return
        self._pending = (go, stay)
        QTimer.singleShot(0, self, self._ask)

    def _ask(self) -> None:
        if self._pending is None:
            return
        go, stay = self._pending
        self._pending = None
        with self.own_moves():
            (go if may_leave(self.forms()) else stay)()
