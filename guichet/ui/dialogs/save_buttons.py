"""The « Enregistrer » / « Annuler » buttons under a form dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton


def save_cancel_buttons(dialog: QDialog, on_save: Callable[[], None]) -> QDialogButtonBox:
    """« Enregistrer » calls ``on_save`` (which accepts the dialog once saved); « Annuler »
    rejects it."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setText(dialog.tr("Enregistrer"))
    save.setDefault(True)  # Entrée; Ctrl+Entrée from a multi-line field (guichet.ui.keys)
    save.setToolTip(dialog.tr("Enregistrer (Ctrl+Entrée)"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(dialog.tr("Annuler"))
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    return buttons


def accept_cancel_buttons(
    dialog: QDialog,
    on_accept: Callable[[], None],
    text: str,
    object_name: str = "",
) -> tuple[QDialogButtonBox, QPushButton]:
    """An action button named for what it does (« Clore », « Relayer », « Enregistrer ») that
    calls ``on_accept``, and « Annuler » that rejects the dialog; returns the box and the button."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    accept = buttons.button(QDialogButtonBox.StandardButton.Ok)
    accept.setText(text)
    if object_name:
        accept.setObjectName(object_name)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(dialog.tr("Annuler"))
    buttons.accepted.connect(on_accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, accept
