"""The passphrase of an encrypted database, asked at start (keyboard only)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from guichet.db import cipher


def tr(text: str) -> str:
    return QCoreApplication.translate("PassphraseDialog", text)


class PassphraseDialog(QDialog):
    """Asks until the passphrase opens the file (« Phrase de passe incorrecte » otherwise) or
    the counsellor cancels; the file is only ever opened read-only to check it."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(tr("Base chiffrée"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        label = QLabel(tr("Phrase de passe de la base « {name} » :").replace("{name}", path.name))
        label.setWordWrap(True)
        self.phrase = QLineEdit()
        self.phrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.phrase.setAccessibleName(tr("Phrase de passe"))
        label.setBuddy(self.phrase)
        self.error = QLabel()
        self.error.setAccessibleName(tr("Erreur"))
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(tr("Ouvrir"))
        ok.setAccessibleName(tr("Ouvrir la base"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(tr("Annuler"))
        cancel.setAccessibleName(tr("Annuler l'ouverture"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for widget in (label, self.phrase, self.error, buttons):
            layout.addWidget(widget)
        self.phrase.setFocus()

    def accept(self) -> None:
        try:
            cipher.unlock(self.path, self.phrase.text())
        except cipher.WrongPassphrase as exc:
            self.error.setText(exc.message)
            self.error.show()
            self.phrase.selectAll()
            self.phrase.setFocus()
            return
        super().accept()


def unlock_at_start(path: Path | None, parent: QWidget | None) -> bool:
    """False when the file is encrypted and the counsellor cancelled the passphrase."""
    if path is None or not cipher.is_encrypted(path) or cipher.passphrase_for(path) is not None:
        return True
    return PassphraseDialog(path, parent).exec() == QDialog.DialogCode.Accepted
