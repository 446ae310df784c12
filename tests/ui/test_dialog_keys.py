"""A dialog's own keys are declared once (``KEYS``): installed on it and listed by F1."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QSettings
from PySide6.QtGui import QShortcut

from tests.ui.windows import active_window

from guichet.ui.context import AppContext
from guichet.ui.dialogs.intake_dialog import IntakeDialog
from guichet.ui.dialogs.shortcuts import native, window_shortcuts
from guichet.ui.keys import DialogKey


def _listed(window: object) -> dict[str, str]:
    return {r.action: r.keys for r in window_shortcuts(window) if r.where == "Nouvelle demande"}  # type: ignore[arg-type]


def _installed(qtbot, ctx: AppContext) -> set[str]:
    dialog = IntakeDialog(ctx)
    qtbot.addWidget(dialog)
    return {native(shortcut.key()) for shortcut in dialog.findChildren(QShortcut)}


def test_f1_lists_every_key_of_the_intake_form_and_only_those(
    qtbot, ctx: AppContext, qsettings: QSettings
) -> None:
    window = active_window(qtbot, ctx, qsettings)
    listed = _listed(window)
    assert listed["Ajouter un besoin"] == "Ctrl+B"
    assert listed["Cocher ou décocher le consentement"] == "Alt+C"
    assert listed["Enregistrer la demande"].split(", ")[0] == "Ctrl+S"
    keys = {k for text in listed.values() for k in text.split(", ")}
    assert keys == _installed(qtbot, ctx)


def test_a_key_added_to_the_table_is_installed_and_listed(
    qtbot, ctx: AppContext, qsettings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    added = DialogKey(("Ctrl+J",), "Revenir à l'entreprise", "company.setFocus")
    monkeypatch.setattr(IntakeDialog, "KEYS", (*IntakeDialog.KEYS, added))
    window = active_window(qtbot, ctx, qsettings)
    assert _listed(window)["Revenir à l'entreprise"] == "Ctrl+J"
    assert "Ctrl+J" in _installed(qtbot, ctx)
