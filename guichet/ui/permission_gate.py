"""The UI's mirror of the roles: what the signed-in counsellor may not do is disabled, its
tooltip saying why. The services refuse anyway (guichet/services/permissions.py).

:func:`gate` ties a button or an action to a permission; it stays disabled whatever the page's
own logic asks while the permission is refused, and takes that logic's state back once a
counsellor who may act signs in (:func:`permissions_changed`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QWidget
from shiboken6 import isValid

from guichet.errors import EnvironmentProblem
from guichet.services.permissions import Permission, refusals

if TYPE_CHECKING:
    from guichet.db import Database

    from guichet.ui.context import AppContext


class _Hub(QObject):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._cache: dict[tuple[int, str, int | None], dict[Permission, str]] = {}

    def refusals(self, db: Database) -> dict[Permission, str]:
        """What ``db``'s counsellor may not do, read once per counsellor. While the database
        cannot be read (the team's server away), everything gated is refused with that reason
        (nothing remembered: the next look reads again) instead of an error in the event loop."""
        key = (id(db), db.url, db.counsellor_id)
        if key not in self._cache:
            try:
                self._cache[key] = refusals(db)
            except EnvironmentProblem as problem:
                return dict.fromkeys(Permission, str(problem))
        return self._cache[key]

    def reset(self) -> None:
        self._cache.clear()
        self.changed.emit()


_HUB: _Hub | None = None


def hub() -> _Hub:
    global _HUB
    if _HUB is None:
        _HUB = _Hub()
    return _HUB


def permissions_changed() -> None:
    """Someone else signed in, or roles changed: every gate looks again."""
    hub().reset()


def refusal(ctx: AppContext, permission: Permission) -> str | None:
    """Why the signed-in counsellor may not do ``permission`` (None: allowed)."""
    return hub().refusals(ctx.db).get(permission)


class _Gate(QObject):
    def __init__(self, target: QWidget | QAction, ctx: AppContext, permission: Permission) -> None:
        super().__init__(target)
        self.target, self.ctx, self.permission = target, ctx, permission
        self.tooltip = target.toolTip()
        self.wanted = target.isEnabled()  # what the page's own logic asks
        self.forcing = False
        if isinstance(target, QWidget):
            target.installEventFilter(self)
        else:
            target.changed.connect(self.on_action_changed)
        hub().changed.connect(self.apply)
        self.apply()

    def _set_enabled(self, enabled: bool) -> None:
        self.forcing = True
        try:
            self.target.setEnabled(enabled)
        finally:
            self.forcing = False

    def _alive(self) -> bool:
        """False once the gated control (or this gate, its child) is gone with its window."""
        return isValid(self) and isValid(self.target)

    def apply(self) -> None:
        # checked after the refusal is read: reading it may wait on the database, while events
        # (a window closing, a page rebuilt) can delete the target
        if not self._alive():
            return
        reason = refusal(self.ctx, self.permission)
        if not self._alive():
            return
        self.forcing = True
        try:
            self.target.setToolTip(reason or self.tooltip)
        finally:
            self.forcing = False
        self._set_enabled(self.wanted and reason is None)

    def _noticed(self) -> None:
        """The page's own logic enabled or disabled the target: remember it, keep it off if
        the permission is refused."""
        if self.forcing:
            return
        self.wanted = self.target.isEnabled()
        if self.wanted and refusal(self.ctx, self.permission) is not None:
            self._set_enabled(False)

    def on_action_changed(self) -> None:
        self._noticed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target and event.type() == QEvent.Type.EnabledChange:
            self._noticed()
        return False


def gate(target: QWidget | QAction, ctx: AppContext, permission: Permission) -> None:
    """Disables ``target`` with the reason as tooltip while ``permission`` is refused."""
    _Gate(target, ctx, permission)


def disable_named_kinds(ctx: AppContext, box: QComboBox) -> None:
    """In a list of export kinds, those naming people are disabled (with the reason) for a
    counsellor who may not export them; the choice moves to one allowed."""
    from guichet.services.exports import NAMED_KINDS

    reason = refusal(ctx, Permission.EXPORT_NAMES)
    model = box.model()
    if reason is None or not isinstance(model, QStandardItemModel):
        return
    for row in range(box.count()):
        if box.itemData(row) in NAMED_KINDS:
            item = model.item(row)
            item.setEnabled(False)
            item.setToolTip(reason)
    if box.itemData(box.currentIndex()) in NAMED_KINDS:
        allowed = [r for r in range(box.count()) if box.itemData(r) not in NAMED_KINDS]
        box.setCurrentIndex(allowed[0] if allowed else -1)
