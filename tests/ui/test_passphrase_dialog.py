"""The passphrase dialog at start: keyboard only, named controls, a French refusal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from guichet.db import cipher
from tests.ui.accessibility import reachable, unnamed
from tests.ui.keyboard import type_text

from guichet.ui.dialogs.passphrase_dialog import PassphraseDialog, unlock_at_start

PHRASE = "phrase de passe du test"


@pytest.fixture
def encrypted(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "chiffree.sqlite3"
    conn = cipher.connect(path, passphrase=PHRASE)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    yield path
    cipher._keys.clear()


def test_wrong_then_right_passphrase_by_keyboard(qtbot: QtBot, encrypted: Path) -> None:
    dialog = PassphraseDialog(encrypted)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    assert unnamed(dialog) == []
    assert dialog.phrase in reachable(dialog)
    assert dialog.focusWidget() is dialog.phrase
    named = {w.accessibleName() for w in reachable(dialog)}
    assert {"Phrase de passe", "Ouvrir la base", "Annuler l'ouverture"} <= named

    type_text(dialog.phrase, "pas la bonne")
    QTest.keyClick(dialog.phrase, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error.text().startswith("Phrase de passe incorrecte")
    assert cipher.passphrase_for(encrypted) is None

    type_text(dialog.phrase, PHRASE)  # the wrong one was selected: typing replaces it
    QTest.keyClick(dialog.phrase, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert cipher.passphrase_for(encrypted) == PHRASE


def test_a_plain_or_unlocked_file_asks_nothing(tmp_path: Path, encrypted: Path) -> None:
    assert unlock_at_start(None, None)
    assert unlock_at_start(tmp_path / "absente.sqlite3", None)
    cipher.remember(encrypted, PHRASE)
    assert unlock_at_start(encrypted, None)
